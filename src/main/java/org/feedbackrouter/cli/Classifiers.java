package org.feedbackrouter.cli;

import java.nio.file.Path;
import java.util.Optional;
import org.feedbackrouter.classify.ClassifierSettings;
import org.feedbackrouter.classify.FeedbackClassifier;
import org.feedbackrouter.classify.PriorityRules;
import org.feedbackrouter.classify.SentimentModel;
import org.feedbackrouter.classify.Taxonomy;
import org.feedbackrouter.classify.TopicModel;
import org.feedbackrouter.config.FeedbackConfig;

/** The classifier a command runs with: the configured taxonomy, or the bundled one. */
final class Classifiers {
  private Classifiers() {}

  /** Trains the topic model on the taxonomy's examples; a bad taxonomy file fails the start. */
  static FeedbackClassifier forConfig(FeedbackConfig config) {
    return withSentimentAndPriority(create(config.taxonomyFile(), Optional.empty()),
        config.sentimentModel(), config.priorityRules());
  }

  /**
   * The classifier with a trained sentiment model (none: the lexicon decides) and priority rules
   * from a file (none: the bundled rules). A model or rules file that does not fit fails the start.
   */
  static FeedbackClassifier withSentimentAndPriority(
      FeedbackClassifier classifier, Optional<Path> sentimentModel, Optional<Path> priorityRules) {
    return classifier.with(sentimentModel.map(SentimentModel::load).orElse(null),
        priorityRules.map(PriorityRules::load).orElseGet(PriorityRules::defaults));
  }

  /** The taxonomy from a file or the bundled one, and a model trained on its examples. */
  static FeedbackClassifier create(Optional<Path> taxonomyFile, Optional<Path> modelFile) {
    Taxonomy taxonomy = taxonomyFile.map(Taxonomy::load).orElseGet(Taxonomy::defaults);
    ClassifierSettings settings = ClassifierSettings.defaults();
    return FeedbackClassifier.create(taxonomy, TopicModel.train(taxonomy.examples(), null, settings.model()),
        PriorityRules.defaults(), settings);
  }
}
