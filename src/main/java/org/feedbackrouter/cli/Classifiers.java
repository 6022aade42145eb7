package org.feedbackrouter.cli;

import org.feedbackrouter.classify.ClassifierSettings;
import org.feedbackrouter.classify.FeedbackClassifier;
import org.feedbackrouter.classify.PriorityRules;
import org.feedbackrouter.classify.Taxonomy;
import org.feedbackrouter.classify.TopicModel;
import org.feedbackrouter.config.FeedbackConfig;

/** The classifier a command runs with: the configured taxonomy, or the bundled one. */
final class Classifiers {
  private Classifiers() {}

  /** Trains the topic model on the taxonomy's examples; a bad taxonomy file fails the start. */
  static FeedbackClassifier forConfig(FeedbackConfig config) {
    if (config.taxonomyFile().isEmpty()) {
      return FeedbackClassifier.withDefaults();
    }
    Taxonomy taxonomy = Taxonomy.load(config.taxonomyFile().get());
    ClassifierSettings settings = ClassifierSettings.defaults();
    return FeedbackClassifier.create(taxonomy, TopicModel.train(taxonomy.examples(), null, settings.model()),
        PriorityRules.defaults(), settings);
  }
}
