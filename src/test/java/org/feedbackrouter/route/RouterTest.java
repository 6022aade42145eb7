package org.feedbackrouter.route;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.feedbackrouter.avro.AlertKind;
import org.feedbackrouter.avro.AreaOwnership;
import org.feedbackrouter.avro.Channel;
import org.feedbackrouter.avro.ClassifiedFeedback;
import org.feedbackrouter.avro.GovernanceModel;
import org.feedbackrouter.avro.MatchSource;
import org.feedbackrouter.avro.Priority;
import org.feedbackrouter.avro.Role;
import org.feedbackrouter.avro.Sentiment;
import org.feedbackrouter.avro.Task;
import org.feedbackrouter.avro.TopicScore;
import org.junit.jupiter.api.Test;

class RouterTest {
  private static final String YAML = """
      defaults:
        owner: cx_office
        sla:
          P2: {acknowledge: 4h, resolve: 2d}
      topics:
        product_defect:
          owner: product
          supporting: [digital, customer_service]
          sla:
            P1: {acknowledge: 30m, resolve: 4h}
        self_service_web:
          owner: digital
        marketing_messages:
          owner: marketing
        pricing:
          owner: marketing
          governance: centralised
        billing:
          owner: finance
          supporting: [customer_service]
          governance: committee
          committee: cx_council
      """;
  private static final long NOW = Instant.parse("2026-03-01T10:00:00Z").toEpochMilli();

  private final OwnershipTable table = table(YAML);
  private final Router router = new Router();

  static OwnershipTable table(String yaml) {
    Map<String, AreaOwnership> entries = OwnershipFile.parse(
        new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yaml").entries();
    return new OwnershipTable(entries::get, "configured_fallback");
  }

  static ClassifiedFeedback feedback(String id, Priority priority, String primary, String... others) {
    List<TopicScore> topics = new java.util.ArrayList<>();
    if (!primary.equals(OwnershipTable.UNCLASSIFIED)) {
      topics.add(new TopicScore(primary, 0.9, MatchSource.BOTH));
    }
    for (String o : others) {
      topics.add(new TopicScore(o, 0.5, MatchSource.RULE));
    }
    Instant t = Instant.ofEpochMilli(NOW - 1000);
    return ClassifiedFeedback.newBuilder()
        .setFeedbackId(id).setChannel(Channel.SELF_SERVICE).setReceivedAt(t).setClassifiedAt(t)
        .setLanguage("es").setRedactedText("El producto falla, escribidme a [EMAIL]")
        .setTopics(topics).setPrimaryTopic(primary).setSentiment(Sentiment.NEGATIVE)
        .setPriority(priority).build();
  }

  private static Map<String, Role> roles(RoutingPlan plan) {
    return plan.tasks().stream().collect(java.util.stream.Collectors.toMap(Task::getDepartment, Task::getRole));
  }

  @Test
  void decentralisedGivesOwnerSupportingAndCxObserver() {
    RoutingPlan plan = router.route(
        feedback("f1", Priority.P2, "product_defect", "self_service_web", "marketing_messages"), table, NOW);

    assertThat(roles(plan)).containsExactlyInAnyOrderEntriesOf(Map.of(
        "product", Role.OWNER,
        "digital", Role.SUPPORTING,
        "customer_service", Role.SUPPORTING,
        "marketing", Role.SUPPORTING,
        "cx_office", Role.OBSERVER));
    // Every task names every department involved and shares the correlation id.
    assertThat(plan.tasks()).allSatisfy(t -> {
      assertThat(t.getDepartments()).containsExactly("product", "customer_service", "digital", "marketing", "cx_office");
      assertThat(t.getCorrelationId()).isEqualTo("f1");
      assertThat(t.getGovernance()).isEqualTo(GovernanceModel.DECENTRALISED);
    });
    assertThat(plan.alerts()).isEmpty();
    assertThat(plan.unownedTopics()).isEmpty();
  }

  @Test
  void dueTimesComeFromTheTopicSlaElseTheDefaultsElseBuiltIn() {
    Task p1 = router.route(feedback("f1", Priority.P1, "product_defect"), table, NOW).tasks().get(0);
    assertThat(Duration.between(p1.getCreatedAt(), p1.getAcknowledgeDueAt())).isEqualTo(Duration.ofMinutes(30));
    assertThat(Duration.between(p1.getCreatedAt(), p1.getResolveDueAt())).isEqualTo(Duration.ofHours(4));

    Task p2 = router.route(feedback("f2", Priority.P2, "product_defect"), table, NOW).tasks().get(0);
    assertThat(Duration.between(p2.getCreatedAt(), p2.getResolveDueAt())).isEqualTo(Duration.ofDays(2));

    Task p4 = router.route(feedback("f3", Priority.P4, "product_defect"), table, NOW).tasks().get(0);
    assertThat(Duration.between(p4.getCreatedAt(), p4.getResolveDueAt())).isEqualTo(Duration.ofDays(14));
  }

  @Test
  void centralisedGivesOnlyTheCxOfficeATaskNamingTheSuggestedOwner() {
    RoutingPlan plan = router.route(feedback("f1", Priority.P3, "pricing", "product_defect"), table, NOW);

    assertThat(plan.tasks()).singleElement().satisfies(t -> {
      assertThat(t.getDepartment()).isEqualTo("cx_office");
      assertThat(t.getRole()).isEqualTo(Role.OWNER);
      assertThat(t.getSuggestedOwner()).isEqualTo("marketing");
      assertThat(t.getTopics()).containsExactly("pricing", "product_defect");
    });
  }

  @Test
  void committeeActsAsDecentralisedAndTheCommitteeGetsCriticalAlerts() {
    RoutingPlan plan = router.route(feedback("f1", Priority.P1, "billing"), table, NOW);

    assertThat(roles(plan)).containsExactlyInAnyOrderEntriesOf(Map.of(
        "finance", Role.OWNER, "customer_service", Role.SUPPORTING, "cx_office", Role.OBSERVER));
    assertThat(plan.alerts()).extracting(a -> a.getDepartment() + ":" + a.getKind())
        .containsExactlyInAnyOrder("finance:CRITICAL_FEEDBACK", "cx_council:CRITICAL_FEEDBACK");
  }

  @Test
  void criticalAlertGoesToTheOwnerOnlyOutsideTheCommitteeModel() {
    RoutingPlan plan = router.route(feedback("f1", Priority.P1, "product_defect"), table, NOW);
    assertThat(plan.alerts()).singleElement().satisfies(a -> {
      assertThat(a.getDepartment()).isEqualTo("product");
      assertThat(a.getKind()).isEqualTo(AlertKind.CRITICAL_FEEDBACK);
      assertThat(a.getSamples()).containsExactly("El producto falla, escribidme a [EMAIL]");
    });
  }

  @Test
  void unclassifiedAndUnownedTopicsGoToTheFallbackOwner() {
    RoutingPlan unclassified = router.route(feedback("f1", Priority.P3, OwnershipTable.UNCLASSIFIED), table, NOW);
    assertThat(roles(unclassified)).containsExactlyEntriesOf(Map.of("cx_office", Role.OWNER));
    assertThat(unclassified.unownedTopics()).containsExactly("unclassified");

    RoutingPlan unowned = router.route(feedback("f2", Priority.P3, "store_experience"), table, NOW);
    assertThat(roles(unowned)).containsExactlyEntriesOf(Map.of("cx_office", Role.OWNER));
    assertThat(unowned.unownedTopics()).containsExactly("store_experience");

    RoutingPlan secondary = router.route(feedback("f3", Priority.P3, "self_service_web", "store_experience"), table, NOW);
    assertThat(roles(secondary)).containsExactlyInAnyOrderEntriesOf(
        Map.of("digital", Role.OWNER, "cx_office", Role.SUPPORTING));
    assertThat(secondary.unownedTopics()).containsExactly("store_experience");
  }

  @Test
  void withoutADefaultsEntryTheConfiguredFallbackOwns() {
    OwnershipTable empty = new OwnershipTable(key -> null, "configured_fallback");
    RoutingPlan plan = router.route(feedback("f1", Priority.P3, "billing"), empty, NOW);
    assertThat(roles(plan)).containsExactlyEntriesOf(Map.of("configured_fallback", Role.OWNER));
  }

  @Test
  void aDepartmentGetsOneTaskWithItsStrongestRole() {
    // customer_service supports both topics; digital owns one and supports the other.
    RoutingPlan plan = router.route(feedback("f1", Priority.P3, "self_service_web", "product_defect"), table, NOW);
    assertThat(plan.tasks()).extracting(Task::getDepartment).doesNotHaveDuplicates();
    assertThat(roles(plan)).containsEntry("digital", Role.OWNER).containsEntry("product", Role.SUPPORTING);
  }

  @Test
  void idsAreDeterministicPerFeedbackAndDepartment() {
    RoutingPlan a = router.route(feedback("f1", Priority.P1, "billing"), table, NOW);
    RoutingPlan b = router.route(feedback("f1", Priority.P1, "billing"), table, NOW + 5000);
    RoutingPlan other = router.route(feedback("f2", Priority.P1, "billing"), table, NOW);
    assertThat(a.tasks()).extracting(Task::getTaskId)
        .isEqualTo(b.tasks().stream().map(Task::getTaskId).toList())
        .doesNotContainAnyElementsOf(other.tasks().stream().map(Task::getTaskId).toList());
    assertThat(a.alerts()).extracting(org.feedbackrouter.avro.Alert::getAlertId)
        .isEqualTo(b.alerts().stream().map(org.feedbackrouter.avro.Alert::getAlertId).toList());
  }
}
