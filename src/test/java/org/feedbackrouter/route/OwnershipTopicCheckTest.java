package org.feedbackrouter.route;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OwnershipTopicCheckTest {
  private static final Set<String> TAXONOMY = Set.of("billing", "delivery", "refunds", "returns", "fraud");

  @Test
  void anUnknownTopicIdIsReportedWithTheClosestKnownOne() {
    assertThat(OwnershipTopicCheck.problems(List.of("*", "billing", "deliverry", "refund", "weather"), TAXONOMY))
        .containsExactly(
            "topics.deliverry: 'deliverry' is not a topic of the taxonomy (did you mean 'delivery'?)",
            "topics.refund: 'refund' is not a topic of the taxonomy (did you mean 'refunds'?)",
            "topics.weather: 'weather' is not a topic of the taxonomy");
  }

  @Test
  void editDistanceCountsInsertionsDeletionsAndSubstitutions() {
    assertThat(OwnershipTopicCheck.editDistance("deliverry", "delivery")).isEqualTo(1);
    assertThat(OwnershipTopicCheck.editDistance("kitten", "sitting")).isEqualTo(3);
    assertThat(OwnershipTopicCheck.editDistance("", "abc")).isEqualTo(3);
    assertThat(OwnershipTopicCheck.editDistance("fraud", "fraud")).isZero();
  }
}
