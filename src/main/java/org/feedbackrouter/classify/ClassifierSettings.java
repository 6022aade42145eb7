package org.feedbackrouter.classify;

import java.util.Objects;

/**
 * Tuning of the classifier.
 *
 * @param threshold least combined score (rules and model, in [0, 1]) for the best topic to be
 *     reported; below it the feedback is unclassified. Tuned on validation data: a confident wrong
 *     topic costs more than none.
 * @param secondaryThreshold least combined score for any other topic: higher than the primary bar,
 *     since each secondary topic sends a task to one more department
 * @param ruleWeight how much a rule score counts next to the model: the combined score is {@code 1 -
 *     (1 - ruleWeight * rule) * (1 - model)}. Below 1, a keyword alone can no longer send a task: one
 *     word says less about the cause than a model that read the whole text
 * @param maxTopics most topics reported for one text
 * @param defaultLanguage how a text of unknown language is analysed when there is no model to say
 * @param model how the model is trained when the classifier trains one itself
 */
public record ClassifierSettings(
    double threshold, double secondaryThreshold, double ruleWeight, int maxTopics, Language defaultLanguage, ModelSettings model) {

  /**
   * The primary bar of the product, chosen on the CX dev set's precision-recall curve with the
   * encoder on (tuned on its odd rows, checked on the even ones): docs/topic-thresholds.md. Rules
   * weigh 0.6 and the taxonomy has out-of-scope examples, so a combined 0.3 is already real evidence.
   */
  public static final double DEFAULT_THRESHOLD = 0.3;

  /**
   * The bar for a model trained on a labelled file alone ({@code taxonomy evaluate --train}), as on
   * an intent benchmark: tuned on CLINC150's validation split (never its test split), the highest
   * in-scope accuracy that still rejects most out-of-scope texts.
   */
  public static final double BENCHMARK_THRESHOLD = 0.4;

  /** Chosen on the precision-recall curve of the CX dev set: see docs/topic-thresholds.md. */
  public static final double DEFAULT_SECONDARY_THRESHOLD = 0.7;

  /** Chosen with the bars: see docs/topic-thresholds.md. */
  public static final double DEFAULT_RULE_WEIGHT = 0.6;

  public ClassifierSettings {
    if (!(threshold > 0 && threshold < 1)) {
      throw new IllegalArgumentException("threshold must be in (0, 1), was " + threshold);
    }
    if (!(secondaryThreshold >= threshold && secondaryThreshold < 1)) {
      throw new IllegalArgumentException(
          "secondaryThreshold must be in [threshold, 1), was " + secondaryThreshold);
    }
    if (!(ruleWeight > 0 && ruleWeight <= 1)) {
      throw new IllegalArgumentException("ruleWeight must be in (0, 1], was " + ruleWeight);
    }
    if (maxTopics < 1) {
      throw new IllegalArgumentException("maxTopics must be at least 1");
    }
    if (defaultLanguage == Language.UNKNOWN) {
      throw new IllegalArgumentException("defaultLanguage must be es or en");
    }
    Objects.requireNonNull(defaultLanguage, "defaultLanguage");
    Objects.requireNonNull(model, "model");
  }

  public static ClassifierSettings defaults() {
    return new ClassifierSettings(DEFAULT_THRESHOLD, DEFAULT_SECONDARY_THRESHOLD, DEFAULT_RULE_WEIGHT, 5, Language.ES, ModelSettings.defaults());
  }

  /** These settings with rules weighing {@code w} next to the model. */
  public ClassifierSettings withRuleWeight(double w) {
    return new ClassifierSettings(threshold, secondaryThreshold, w, maxTopics, defaultLanguage, model);
  }

  /** These settings with other bars; the secondary bar is raised to the primary one if below it. */
  public ClassifierSettings withThresholds(double primary, double secondary) {
    return new ClassifierSettings(primary, Math.max(primary, secondary), ruleWeight, maxTopics, defaultLanguage, model);
  }
}
