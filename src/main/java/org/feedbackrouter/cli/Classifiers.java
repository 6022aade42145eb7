package org.feedbackrouter.cli;

import org.feedbackrouter.classify.ClassifierSettings;
import org.feedbackrouter.classify.FeedbackClassifier;
import org.feedbackrouter.classify.PriorityRules;
import org.feedbackrouter.classify.Taxonomy;
import org.feedbackrouter.classify.TopicModel;
import org.feedbackrouter.classify.encoder.EncoderCascade;
import org.feedbackrouter.config.FeedbackConfig;

/** The classifier a command runs with: the configured taxonomy, or the bundled one. */
final class Classifiers {
  private Classifiers() {}

  /**
   * Trains the topic model, and the encoder's head unless the encoder is off, on the taxonomy's
   * examples; a bad taxonomy file or encoder file fails the start.
   */
  static FeedbackClassifier forConfig(FeedbackConfig config) {
    Taxonomy taxonomy = config.taxonomyFile().map(Taxonomy::load).orElseGet(Taxonomy::defaults);
    ClassifierSettings settings = ClassifierSettings.defaults();
    TopicModel model = TopicModel.train(taxonomy.examples(), null, settings.model());
    EncoderCascade cascade = EncoderCascade.train(
        config.encoder(), taxonomy, taxonomy.examples(), model.labels(), settings.model().seed());
    return FeedbackClassifier.create(taxonomy, model, PriorityRules.defaults(), settings, cascade);
  }
}
