package org.feedbackrouter.route;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.feedbackrouter.avro.Alert;
import org.feedbackrouter.avro.AlertKind;
import org.feedbackrouter.avro.ClassifiedFeedback;
import org.feedbackrouter.avro.GovernanceModel;
import org.feedbackrouter.avro.Priority;
import org.feedbackrouter.avro.Role;
import org.feedbackrouter.avro.Task;
import org.feedbackrouter.avro.TopicScore;
import org.feedbackrouter.sla.SlaPolicy;

/**
 * Decides which departments act on a classified feedback and how, from the governance model of
 * its primary topic:
 *
 * <ul>
 *   <li>decentralised: the topic's owner gets the OWNER task; its supporting departments and the
 *       owners of the other topics found get SUPPORTING tasks; the CX office observes;
 *   <li>centralised: only the CX office gets a task, naming the suggested owner, and dispatches it;
 *   <li>committee: as decentralised, and the committee department also gets the alerts.
 * </ul>
 *
 * A department gets at most one task, with its strongest role. Task ids land in the feedback's
 * own input partition (see {@link Ids#task}). Pure: no Kafka, no clock.
 */
public final class Router {
  private final int partitions;

  /** A router for an input topic with this many partitions. */
  public Router(int partitions) {
    this.partitions = partitions;
  }

  /** A router for a single-partition input. */
  public Router() {
    this(1);
  }

  public RoutingPlan route(ClassifiedFeedback feedback, OwnershipTable table, long nowMs) {
    return route(feedback, table, nowMs, 0);
  }

  /** Routes a feedback read from {@code partition} of the input topic. */
  public RoutingPlan route(ClassifiedFeedback feedback, OwnershipTable table, long nowMs, int partition) {
    String primary = feedback.getPrimaryTopic();
    TopicOwnership main = table.resolve(primary);
    List<String> unowned = new ArrayList<>();
    if (!main.owned()) {
      unowned.add(primary);
    }
    Map<String, Role> roles = new LinkedHashMap<>();
    String suggestedOwner = null;
    if (main.governance() == GovernanceModel.CENTRALISED) {
      roles.put(main.cxOffice(), Role.OWNER);
      suggestedOwner = main.owner();
      for (TopicScore other : feedback.getTopics()) {
        if (!other.getTopic().equals(primary) && !table.resolve(other.getTopic()).owned()) {
          unowned.add(other.getTopic());
        }
      }
    } else {
      assign(roles, main.owner(), Role.OWNER);
      main.supporting().forEach(d -> assign(roles, d, Role.SUPPORTING));
      for (TopicScore other : feedback.getTopics()) {
        if (other.getTopic().equals(primary)) {
          continue;
        }
        TopicOwnership o = table.resolve(other.getTopic());
        if (!o.owned()) {
          unowned.add(other.getTopic());
        }
        // An unowned secondary topic still needs someone: its owner resolves to the CX office.
        assign(roles, o.owner(), Role.SUPPORTING);
      }
      assign(roles, main.cxOffice(), Role.OBSERVER);
    }

    List<String> departments = roles.entrySet().stream()
        .sorted(Map.Entry.<String, Role>comparingByValue(Comparator.comparingInt(Router::rank))
            .thenComparing(Map.Entry.comparingByKey()))
        .map(Map.Entry::getKey)
        .toList();
    List<String> topicIds = feedback.getTopics().isEmpty()
        ? List.of(primary)
        : feedback.getTopics().stream().map(TopicScore::getTopic).toList();
    Instant now = Instant.ofEpochMilli(nowMs);
    SlaPolicy.Deadlines due = SlaPolicy.deadlines(now, OwnershipTable.slaFor(main, feedback.getPriority()),
        main.calendar());

    List<Task> tasks = new ArrayList<>(departments.size());
    for (String department : departments) {
      tasks.add(Task.newBuilder()
          .setTaskId(Ids.task(feedback.getFeedbackId(), department, partition, partitions))
          .setCorrelationId(feedback.getFeedbackId())
          .setFeedbackId(feedback.getFeedbackId())
          .setDepartment(department)
          .setRole(roles.get(department))
          .setDepartments(departments)
          .setSuggestedOwner(roles.get(department) == Role.OWNER ? suggestedOwner : null)
          .setTopic(primary)
          .setTopics(topicIds)
          .setGovernance(main.governance())
          .setPriority(feedback.getPriority())
          .setSentiment(feedback.getSentiment())
          .setChannel(feedback.getChannel())
          .setLanguage(feedback.getLanguage())
          .setCreatedAt(now)
          .setAcknowledgeDueAt(due.acknowledgeDue())
          .setResolveDueAt(due.resolveDue())
          .setFeedbackReceivedAt(feedback.getReceivedAt())
          .setRedactedText(feedback.getRedactedText())
          .setScores(feedback.getScores())
          .setProduct(feedback.getProduct())
          .setJourney(feedback.getJourney())
          .setAttributes(feedback.getAttributes())
          .build());
    }
    return new RoutingPlan(tasks, criticalAlerts(feedback, main, roles, now), List.copyOf(unowned));
  }

  private static List<Alert> criticalAlerts(ClassifiedFeedback feedback, TopicOwnership main,
      Map<String, Role> roles, Instant now) {
    if (feedback.getPriority() != Priority.P1) {
      return List.of();
    }
    Set<String> to = new LinkedHashSet<>();
    roles.forEach((d, r) -> {
      if (r == Role.OWNER) {
        to.add(d);
      }
    });
    to.add(main.owner());
    if (main.governance() == GovernanceModel.COMMITTEE && main.committee() != null) {
      to.add(main.committee());
    }
    List<Alert> alerts = new ArrayList<>(to.size());
    for (String department : to) {
      alerts.add(Alert.newBuilder()
          .setAlertId(Ids.alert(AlertKind.CRITICAL_FEEDBACK.name(), feedback.getFeedbackId(), department))
          .setKind(AlertKind.CRITICAL_FEEDBACK)
          .setDepartment(department)
          .setTopic(feedback.getPrimaryTopic())
          .setPriority(Priority.P1)
          .setFeedbackId(feedback.getFeedbackId())
          .setCorrelationId(feedback.getFeedbackId())
          .setSamples(List.of(feedback.getRedactedText()))
          .setMessage("Critical feedback on " + feedback.getPrimaryTopic() + " via "
              + feedback.getChannel() + ": act now")
          .setCreatedAt(now)
          .build());
    }
    return alerts;
  }

  private static void assign(Map<String, Role> roles, String department, Role role) {
    Role current = roles.get(department);
    if (current == null || rank(role) < rank(current)) {
      roles.put(department, role);
    }
  }

  private static int rank(Role role) {
    return switch (role) {
      case OWNER -> 0;
      case SUPPORTING -> 1;
      case OBSERVER -> 2;
    };
  }
}
