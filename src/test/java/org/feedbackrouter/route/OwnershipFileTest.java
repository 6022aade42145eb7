package org.feedbackrouter.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.feedbackrouter.avro.AreaOwnership;
import org.feedbackrouter.avro.GovernanceModel;
import org.feedbackrouter.avro.Priority;
import org.junit.jupiter.api.Test;

class OwnershipFileTest {

  private static OwnershipFile parse(String yaml) {
    return OwnershipFile.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "f.yaml");
  }

  @Test
  void sampleFileLoadsWithBackOfficeDepartments() {
    OwnershipFile sample = OwnershipFile.fromClasspath("/ownership/sample-ownership.yaml");
    assertThat(sample.departments()).contains("cx_office", "product", "digital", "customer_service",
        "marketing", "stores", "finance", "hr", "it", "legal", "logistics", "cx_council");
    AreaOwnership billing = sample.entries().get("billing");
    assertThat(billing.getGovernance()).isEqualTo(GovernanceModel.COMMITTEE);
    assertThat(billing.getCommittee()).isEqualTo("cx_council");
    AreaOwnership delivery = sample.entries().get("delivery");
    assertThat(delivery.getSla()).anySatisfy(s -> {
      assertThat(s.getPriority()).isEqualTo(Priority.P1);
      assertThat(Duration.ofMillis(s.getAcknowledgeWithinMs())).isEqualTo(Duration.ofMinutes(30));
    });
    assertThat(sample.entries().get(OwnershipTable.DEFAULTS_KEY).getEscalation()).hasSize(2);
  }

  @Test
  void everyProblemIsReportedWithItsPath() {
    InvalidOwnershipException e = catchThrowableOfType(InvalidOwnershipException.class, () -> parse("""
        defaults:
          owner: CX Office
        topics:
          billing:
            supporting: [customer_service]
          pricing:
            owner: marketing
            governance: anarchy
          refunds:
            owner: finance
            governance: committee
            sla:
              P9: {acknowledge: 1h, resolve: 2h}
              P1: {acknowledge: 3h, resolve: 2h}
            escalation:
              - {after: 2h, department: finance}
              - {after: 1h, department: cx_office}
            colour: blue
        """));
    assertThat(e.errors()).containsExactlyInAnyOrder(
        "f.yaml: defaults.owner: 'CX Office' is not a department name (lower case letters, digits, _ and -; it becomes part of topic names)",
        "f.yaml: topics.billing.owner: required",
        "f.yaml: topics.pricing.governance: 'anarchy' is not one of centralised, decentralised, committee",
        "f.yaml: topics.refunds.committee: required under the committee model",
        "f.yaml: topics.refunds.sla.P9: priorities are P1, P2, P3, P4",
        "f.yaml: topics.refunds.sla.P1: acknowledge (3h) must not exceed resolve (2h)",
        "f.yaml: topics.refunds.escalation[1].after: levels must come in increasing order of 'after'",
        "f.yaml: topics.refunds.colour: unknown key (expected one of owner, supporting, governance, committee, sla, escalation, surge, calendar)");
  }

  @Test
  void acceptsIsoAndShortDurationsAndAmericanSpelling() {
    OwnershipFile f = parse("""
        topics:
          billing:
            owner: finance
            governance: centralized
            sla:
              P2: {acknowledge: PT90M, resolve: 2d}
        """);
    AreaOwnership billing = f.entries().get("billing");
    assertThat(billing.getGovernance()).isEqualTo(GovernanceModel.CENTRALISED);
    assertThat(billing.getSla().get(0).getAcknowledgeWithinMs()).isEqualTo(Duration.ofMinutes(90).toMillis());
    assertThat(f.entries().get(OwnershipTable.DEFAULTS_KEY).getOwner()).isEqualTo("cx_office");
  }

  @Test
  void diffListsAddedChangedAndRemovedIgnoringPublicationTime() {
    OwnershipFile before = parse("""
        topics:
          billing: {owner: finance}
          refunds: {owner: finance}
        """);
    OwnershipFile after = parse("""
        topics:
          billing: {owner: accounting}
          delivery: {owner: logistics}
        """);
    OwnershipDiff diff = OwnershipDiff.between(before.entries(), after.entries());
    assertThat(diff.describe()).containsExactly(
        "+ delivery: owner logistics, supporting [], decentralised",
        "~ billing: owner: finance -> accounting",
        "- refunds");
    assertThat(OwnershipDiff.between(before.entries(), parse("""
        topics:
          billing: {owner: finance}
          refunds: {owner: finance}
        """).entries()).isEmpty()).isTrue();
  }
}
