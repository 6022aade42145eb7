package org.feedbackrouter.classify;

import java.util.Objects;

/**
 * Tuning of the classifier.
 *
 * @param threshold least combined score (rules and model, in [0, 1]) for a topic to be reported;
 *     below it for every topic the feedback is unclassified. Tuned on validation data: a confident
 *     wrong topic costs more than none.
 * @param maxTopics most topics reported for one text
 * @param defaultLanguage how a text of unknown language is analysed when there is no model to say
 * @param model how the model is trained when the classifier trains one itself
 */
public record ClassifierSettings(
    double threshold, int maxTopics, Language defaultLanguage, ModelSettings model) {

  /**
   * Tuned on CLINC150's validation split (never its test split): the highest in-scope accuracy
   * that still rejects most out-of-scope texts. Scores are calibrated chances of being right, so
   * the value carries over to other label sets.
   */
  public static final double DEFAULT_THRESHOLD = 0.4;

  public ClassifierSettings {
    if (!(threshold > 0 && threshold < 1)) {
      throw new IllegalArgumentException("threshold must be in (0, 1), was " + threshold);
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
    return new ClassifierSettings(DEFAULT_THRESHOLD, 5, Language.ES, ModelSettings.defaults());
  }

  public ClassifierSettings withThreshold(double t) {
    return new ClassifierSettings(t, maxTopics, defaultLanguage, model);
  }
}
