package org.feedbackrouter.classify;

import java.util.List;

/**
 * Why a text got its topics: the rules found, the model's strongest labels, and for every topic
 * with any evidence the scores it had, the bar it had to reach and whether it passed.
 *
 * @param result what {@link FeedbackClassifier#classify} returns for the same text
 * @param rules rules found in the text, negative ones included
 * @param model the linear model's most probable labels, best first (empty without a model)
 * @param encoder the sentence encoder's most probable labels when it was asked (empty otherwise);
 *     the topic scores use the average of both opinions
 * @param verdicts topics with any evidence, best score first
 */
public record Explanation(
    Classification result, List<RuleHit> rules, List<LabelScore> model, List<LabelScore> encoder,
    List<TopicVerdict> verdicts) {

  public Explanation {
    rules = List.copyOf(rules);
    model = List.copyOf(model);
    encoder = List.copyOf(encoder);
    verdicts = List.copyOf(verdicts);
  }

  /** One label of the model and its probability. */
  public record LabelScore(String label, double probability) {}

  /**
   * One topic's case.
   *
   * @param rule the rule score, 0 when no rule matched
   * @param model the model's probability, 0 when the model backs another label
   * @param score the combined score the bar applies to
   * @param bar the least score it needed: the primary or the secondary bar
   * @param passed whether the topic was reported
   * @param why one phrase: "primary", "secondary", "below the primary bar"...
   */
  public record TopicVerdict(
      String topic, double rule, double model, double score, double bar, boolean passed, String why) {}
}
