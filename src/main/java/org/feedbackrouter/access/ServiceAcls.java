package org.feedbackrouter.access;

import static org.feedbackrouter.access.DepartmentAcls.allow;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.feedbackrouter.notify.kafka.DeliveryService;
import org.feedbackrouter.topology.Topics;

/**
 * The least the service's own principal needs on the broker, derived from what it does:
 * <ul>
 *   <li>reads {@code feedback.received}, {@code task.events} (its main consumer) and
 *       {@code area.ownership} and {@code alert.silences} (global tables; the ownership also once
 *       at start with no group);</li>
 *   <li>writes {@code feedback.classified}, {@code feedback.dlq}, {@code task.outcomes},
 *       {@code feedback.labels}, every {@code tasks.*} and {@code alerts.*} (a reassignment may
 *       name any department), {@code task.events} and {@code alert.silences} (the HTTP API's
 *       actions and silences);</li>
 *   <li>owns the Kafka Streams internal topics {@code <application.id>-*}: creates them, reads and
 *       writes them, deletes consumed repartition records, and checks their configs;</li>
 *   <li>joins the group {@code <application.id>} and commits exactly-once transactions under the
 *       transactional ids {@code <application.id>-*} (WRITE on its transactional ids is also what
 *       lets its idempotent producers in, so no cluster-wide IDEMPOTENT_WRITE);</li>
 *   <li>with topic creation on, CREATE on the topics it creates at start and through the
 *       department-topic watcher;</li>
 *   <li>with delivery to Slack, Teams and webhooks on, reads {@code tasks.*} and {@code alerts.*}
 *       in the group {@code <application.id>-notify} and writes {@code notifications.dlq}.</li>
 * </ul>
 * DESCRIBE on these topics is implied by READ and WRITE.
 */
public final class ServiceAcls {

  /**
   * What the service is set up to do.
   *
   * @param topicPrefix {@code feedback.topic.prefix}
   * @param applicationId {@code feedback.application.id}
   * @param createsTopics {@code feedback.topics.create}
   * @param delivers whether {@code run} delivers notifications ({@code feedback.notify.file} set)
   */
  public record Scope(String topicPrefix, String applicationId, boolean createsTopics, boolean delivers) {}

  private ServiceAcls() {}

  public static List<AclBinding> of(String principal, Scope scope) {
    String p = scope.topicPrefix();
    List<AclBinding> out = new ArrayList<>();
    for (String input : List.of("feedback.received", "task.events", "area.ownership", "alert.silences")) {
      out.add(topic(principal, p + input, PatternType.LITERAL, AclOperation.READ));
    }
    for (String output : List.of("feedback.classified", "feedback.dlq", "task.outcomes", "feedback.labels",
        "task.events", "alert.silences")) {
      out.add(topic(principal, p + output, PatternType.LITERAL, AclOperation.WRITE));
    }
    for (String departmentTopics : List.of(Topics.TASKS, Topics.ALERTS)) {
      out.add(topic(principal, p + departmentTopics, PatternType.PREFIXED, AclOperation.WRITE));
    }
    String internal = scope.applicationId() + "-";
    for (AclOperation op : List.of(AclOperation.CREATE, AclOperation.READ, AclOperation.WRITE, AclOperation.DELETE,
        AclOperation.DESCRIBE_CONFIGS)) {
      out.add(topic(principal, internal, PatternType.PREFIXED, op));
    }
    out.add(allow(principal, ResourceType.GROUP, scope.applicationId(), PatternType.LITERAL, AclOperation.READ));
    out.add(allow(principal, ResourceType.TRANSACTIONAL_ID, internal, PatternType.PREFIXED, AclOperation.WRITE));
    if (scope.createsTopics()) {
      for (String fixed : List.of("feedback.received", "feedback.dlq", "feedback.classified", "area.ownership",
          "task.events", "task.outcomes", "feedback.labels", "alert.silences")) {
        out.add(topic(principal, p + fixed, PatternType.LITERAL, AclOperation.CREATE));
      }
      out.add(topic(principal, p + Topics.TASKS, PatternType.PREFIXED, AclOperation.CREATE));
      out.add(topic(principal, p + Topics.ALERTS, PatternType.PREFIXED, AclOperation.CREATE));
    }
    if (scope.delivers()) {
      out.add(topic(principal, p + Topics.TASKS, PatternType.PREFIXED, AclOperation.READ));
      out.add(topic(principal, p + Topics.ALERTS, PatternType.PREFIXED, AclOperation.READ));
      out.add(allow(principal, ResourceType.GROUP, scope.applicationId() + "-notify", PatternType.LITERAL,
          AclOperation.READ));
      out.add(topic(principal, p + DeliveryService.DEAD_LETTER_TOPIC, PatternType.LITERAL, AclOperation.WRITE));
      if (scope.createsTopics()) {
        out.add(topic(principal, p + DeliveryService.DEAD_LETTER_TOPIC, PatternType.LITERAL, AclOperation.CREATE));
      }
    }
    return out;
  }

  private static AclBinding topic(String principal, String name, PatternType pattern, AclOperation operation) {
    return allow(principal, ResourceType.TOPIC, name, pattern, operation);
  }
}
