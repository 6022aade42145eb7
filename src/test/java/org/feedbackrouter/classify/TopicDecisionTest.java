package org.feedbackrouter.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bars, the rule weight and exclusive topics, on scores given directly. */
class TopicDecisionTest {

  private static TaxonomyTopic topic(String id, boolean exclusive) {
    return new TaxonomyTopic(id, id, "", false, exclusive, Map.of(), Map.of(), Map.of());
  }

  private final List<TaxonomyTopic> topics =
      List.of(topic("billing", false), topic("it_outage", false), topic("praise", true));
  private final ClassifierSettings settings = ClassifierSettings.defaults().withThresholds(0.4, 0.7).withRuleWeight(0.5);

  private List<String> decide(double[] rules, double[] model, boolean[] ruledOut, List<Explanation.TopicVerdict> v) {
    return TopicDecision.decide(topics, rules, model, ruledOut, settings, v).stream().map(TopicMatch::topic).toList();
  }

  @Test
  void theBestTopicNeedsThePrimaryBarAndOthersTheHigherSecondaryBar() {
    assertThat(decide(new double[] {0, 0, 0}, new double[] {0.5, 0.65, 0}, new boolean[3], null))
        .containsExactly("it_outage");
    assertThat(decide(new double[] {0, 0, 0}, new double[] {0.72, 0.8, 0}, new boolean[3], null))
        .containsExactly("it_outage", "billing");
    assertThat(decide(new double[] {0, 0, 0}, new double[] {0.39, 0.2, 0}, new boolean[3], null)).isEmpty();
  }

  @Test
  void aKeywordAloneWeighsLessThanTheModel() {
    // A rule of weight 0.7 alone scores 0.35 with rule weight 0.5: below the primary bar.
    assertThat(decide(new double[] {0.7, 0, 0}, new double[] {0, 0, 0}, new boolean[3], null)).isEmpty();
    // With the model behind it, it passes: 1 - (1 - 0.35) * (1 - 0.3) = 0.545.
    assertThat(decide(new double[] {0.7, 0, 0}, new double[] {0.3, 0, 0}, new boolean[3], null))
        .containsExactly("billing");
  }

  @Test
  void anExclusiveTopicIsNeverReportedWithAnotherAndANegativeRuleExcludes() {
    List<Explanation.TopicVerdict> verdicts = new ArrayList<>();
    assertThat(decide(new double[] {0, 0, 0}, new double[] {0.8, 0, 0.9}, new boolean[3], verdicts))
        .containsExactly("praise");
    assertThat(verdicts).filteredOn(v -> v.topic().equals("billing")).singleElement()
        .satisfies(v -> assertThat(v.why()).isEqualTo("an exclusive topic is not reported with others"));
    assertThat(decide(new double[] {0, 0, 0}, new double[] {0.95, 0, 0.8}, new boolean[3], null))
        .containsExactly("billing");
    assertThat(decide(new double[] {0, 0, 0}, new double[] {0.95, 0.8, 0}, new boolean[] {true, false, false}, null))
        .containsExactly("it_outage");
  }
}
