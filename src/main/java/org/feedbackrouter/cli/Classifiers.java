package org.feedbackrouter.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import org.feedbackrouter.classify.ClassifierSettings;
import org.feedbackrouter.classify.FeedbackClassifier;
import org.feedbackrouter.classify.ModelFile;
import org.feedbackrouter.classify.PriorityRules;
import org.feedbackrouter.classify.SentimentModel;
import org.feedbackrouter.classify.Taxonomy;
import org.feedbackrouter.classify.TopicModel;
import org.feedbackrouter.config.FeedbackConfig;

/** The classifier a command runs with: the configured taxonomy or the bundled one, and a saved or fresh model. */
final class Classifiers {
  private Classifiers() {}

  /** A bad taxonomy or model file fails the start. */
  static FeedbackClassifier forConfig(FeedbackConfig config) {
    return withSentimentAndPriority(create(config.taxonomyFile(), config.modelFile()),
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

  /**
   * The taxonomy from a file or the bundled one, and the model from a file saved by {@code
   * taxonomy train} (checked against the taxonomy) or trained now on the taxonomy's examples.
   *
   * @throws IllegalArgumentException a model file for another taxonomy, or not a model file
   */
  static FeedbackClassifier create(Optional<Path> taxonomyFile, Optional<Path> modelFile) {
    Taxonomy taxonomy = taxonomyFile.map(Taxonomy::load).orElseGet(Taxonomy::defaults);
    ClassifierSettings settings = ClassifierSettings.defaults();
    TopicModel model = modelFile.map(f -> read(f, taxonomy)).orElseGet(() -> TopicModel.train(taxonomy, settings.model()));
    return FeedbackClassifier.create(taxonomy, model, PriorityRules.defaults(), settings);
  }

  private static TopicModel read(Path file, Taxonomy taxonomy) {
    try {
      return ModelFile.read(file, taxonomy);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new IllegalArgumentException(file + ": not found");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read model " + file, e);
    }
  }
}
