package org.feedbackrouter.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.feedbackrouter.registry.MockSchemaRegistry;
import org.feedbackrouter.topology.Topics;
import org.junit.jupiter.api.Test;

/** The ACL sets as pure functions: what each principal gets, and nothing more. */
class DepartmentAclsTest {

  @Test
  void aDepartmentReadsItsOwnTopicsWritesTaskEventsAndUsesItsOwnGroupsOnly() {
    List<String> lines = DepartmentAcls.of(List.of("finance", "legal"), "User:", "acme.").stream()
        .filter(acl -> acl.entry().principal().equals("User:finance"))
        .map(DepartmentAcls::line)
        .toList();

    assertThat(lines).containsExactly(
        "ALLOW User:finance READ TOPIC acme.tasks.finance",
        "ALLOW User:finance DESCRIBE TOPIC acme.tasks.finance",
        "ALLOW User:finance READ TOPIC acme.alerts.finance",
        "ALLOW User:finance DESCRIBE TOPIC acme.alerts.finance",
        "ALLOW User:finance WRITE TOPIC acme.task.events",
        "ALLOW User:finance DESCRIBE TOPIC acme.task.events",
        "ALLOW User:finance READ GROUP finance-* (prefix)");
  }

  @Test
  void everyDepartmentGetsItsOwnSetUnderItsOwnPrincipal() {
    List<AclBinding> acls = DepartmentAcls.of(List.of("finance", "legal"), "User:dept-", "");

    assertThat(acls).hasSize(14);
    assertThat(acls).filteredOn(acl -> acl.entry().principal().equals("User:dept-legal"))
        .extracting(acl -> acl.pattern().name())
        .containsOnly("tasks.legal", "alerts.legal", "task.events", "legal-")
        .doesNotContain("tasks.finance", "alerts.finance");
    assertThat(acls).allSatisfy(acl -> assertThat(acl.entry().host()).isEqualTo("*"));
  }

  @Test
  void theServiceGetsNoCreateOnItsTopicsWhenItDoesNotCreateThem() {
    List<AclBinding> off = ServiceAcls.of("User:svc", new ServiceAcls.Scope("acme.", "router", false, false));
    List<AclBinding> on = ServiceAcls.of("User:svc", new ServiceAcls.Scope("acme.", "router", true, false));

    // Only the internal topics, which Kafka Streams always creates itself.
    assertThat(off).filteredOn(acl -> acl.entry().operation() == AclOperation.CREATE)
        .extracting(acl -> acl.pattern().name()).containsExactly("router-");
    assertThat(on).filteredOn(acl -> acl.entry().operation() == AclOperation.CREATE)
        .extracting(acl -> acl.pattern().name())
        .containsExactlyInAnyOrder("router-", "acme.feedback.received", "acme.feedback.dlq",
            "acme.feedback.classified", "acme.area.ownership", "acme.task.events", "acme.task.outcomes",
            "acme.feedback.labels", "acme.alert.silences", "acme.tasks.", "acme.alerts.");
    assertThat(on).containsAll(off);
  }

  @Test
  void theServiceReadsItsInputsWritesItsOutputsAndOwnsOnlyItsInternalResources() {
    List<AclBinding> acls = ServiceAcls.of("User:svc", new ServiceAcls.Scope("acme.", "router", false, false));

    assertThat(names(acls, ResourceType.TOPIC, AclOperation.READ, PatternType.LITERAL))
        .containsExactlyInAnyOrder("acme.feedback.received", "acme.task.events", "acme.area.ownership",
            "acme.alert.silences");
    assertThat(names(acls, ResourceType.TOPIC, AclOperation.WRITE, PatternType.LITERAL))
        .containsExactlyInAnyOrder("acme.feedback.classified", "acme.feedback.dlq", "acme.task.outcomes",
            "acme.feedback.labels", "acme.task.events", "acme.alert.silences");
    assertThat(names(acls, ResourceType.TOPIC, AclOperation.WRITE, PatternType.PREFIXED))
        .containsExactlyInAnyOrder("acme.tasks.", "acme.alerts.", "router-");
    // It never reads the departments' topics unless it delivers notifications from them.
    assertThat(names(acls, ResourceType.TOPIC, AclOperation.READ, PatternType.PREFIXED)).containsExactly("router-");
    assertThat(names(acls, ResourceType.GROUP, AclOperation.READ, PatternType.LITERAL)).containsExactly("router");
    assertThat(names(acls, ResourceType.TRANSACTIONAL_ID, AclOperation.WRITE, PatternType.PREFIXED))
        .containsExactly("router-");
    assertThat(acls).noneMatch(acl -> acl.pattern().resourceType() == ResourceType.CLUSTER
        || acl.entry().operation() == AclOperation.ALL || acl.pattern().name().equals("*"));
  }

  @Test
  void deliveringNotificationsAddsReadingTheDepartmentTopicsInItsOwnGroup() {
    List<AclBinding> delivers = ServiceAcls.of("User:svc", new ServiceAcls.Scope("", "router", true, true));

    assertThat(names(delivers, ResourceType.TOPIC, AclOperation.READ, PatternType.PREFIXED))
        .containsExactlyInAnyOrder("tasks.", "alerts.", "router-");
    assertThat(names(delivers, ResourceType.GROUP, AclOperation.READ, PatternType.LITERAL))
        .containsExactlyInAnyOrder("router", "router-notify");
    assertThat(names(delivers, ResourceType.TOPIC, AclOperation.CREATE, PatternType.LITERAL))
        .contains("notifications.dlq");
  }

  @Test
  void theTopicNamesAreTheOnesTheServiceUses() {
    Topics topics = Topics.create("acme.", MockSchemaRegistry.scope("acls-names"), true);
    List<AclBinding> acls = ServiceAcls.of("User:svc", new ServiceAcls.Scope("acme.", "router", true, false));
    Set<String> literal = Set.copyOf(acls.stream()
        .filter(acl -> acl.pattern().patternType() == PatternType.LITERAL
            && acl.pattern().resourceType() == ResourceType.TOPIC)
        .map(acl -> acl.pattern().name()).toList());

    assertThat(literal).containsExactlyInAnyOrderElementsOf(Stream.of(topics.feedbackReceived(),
        topics.deadLetter(), topics.classified(), topics.ownership(), topics.taskEvents(), topics.taskOutcomes(),
        topics.labels(), topics.silences()).map(t -> t.name()).toList());
    assertThat(DepartmentAcls.of("d", "User:d", "acme.")).extracting(acl -> acl.pattern().name())
        .contains(topics.tasksTopic("d"), topics.alertsTopic("d"), topics.taskEvents().name());
  }

  private static List<String> names(List<AclBinding> acls, ResourceType type, AclOperation op, PatternType pattern) {
    return acls.stream()
        .filter(acl -> acl.pattern().resourceType() == type && acl.entry().operation() == op
            && acl.pattern().patternType() == pattern)
        .map(acl -> acl.pattern().name())
        .toList();
  }
}
