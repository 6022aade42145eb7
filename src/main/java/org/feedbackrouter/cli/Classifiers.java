package org.feedbackrouter.cli;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
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
import org.feedbackrouter.classify.encoder.EncoderCascade;
import org.feedbackrouter.classify.encoder.EncoderHead;
import org.feedbackrouter.classify.encoder.EncoderMode;
import org.feedbackrouter.classify.encoder.EncoderSettings;
import org.feedbackrouter.classify.encoder.SentenceEncoder;
import org.feedbackrouter.config.FeedbackConfig;

/**
 * The classifier a command runs with: the configured taxonomy or the bundled one, a saved or fresh
 * topic model, the sentence encoder's cascade unless it is off, a sentiment model if given, and the
 * priority rules. A file that does not fit fails the start.
 */
final class Classifiers {
  private Classifiers() {}

  static FeedbackClassifier forConfig(FeedbackConfig config) {
    return withSentimentAndPriority(create(config.taxonomyFile(), config.modelFile(), config.encoder()),
        config.sentimentModel(), config.priorityRules());
  }

  /**
   * The classifier with a trained sentiment model (none: the lexicon decides) and priority rules
   * from a file (none: the bundled rules).
   */
  static FeedbackClassifier withSentimentAndPriority(
      FeedbackClassifier classifier, Optional<Path> sentimentModel, Optional<Path> priorityRules) {
    return classifier.with(sentimentModel.map(SentimentModel::load).orElse(null),
        priorityRules.map(PriorityRules::load).orElseGet(PriorityRules::defaults));
  }

  /**
   * The taxonomy from a file or the bundled one; the topic model from a file saved by {@code
   * taxonomy train} (checked against the taxonomy) or trained now on the taxonomy's examples; and,
   * unless the encoder is off, its head from the same file or trained now.
   *
   * @throws IllegalArgumentException a model file for another taxonomy or encoder, or not a model file
   */
  static FeedbackClassifier create(Optional<Path> taxonomyFile, Optional<Path> modelFile, EncoderSettings encoder) {
    Taxonomy taxonomy = taxonomyFile.map(Taxonomy::load).orElseGet(Taxonomy::defaults);
    ClassifierSettings settings = ClassifierSettings.defaults();
    ModelFile.Saved saved = modelFile.map(f -> read(f, taxonomy)).orElse(null);
    TopicModel model = saved != null ? saved.model() : TopicModel.train(taxonomy, settings.model());
    EncoderCascade cascade;
    if (encoder.mode() == EncoderMode.OFF) {
      cascade = null;
    } else if (saved != null && saved.encoderHead() != null) {
      cascade = loadCascade(encoder, saved.encoderHead(), modelFile.get());
    } else {
      cascade = EncoderCascade.train(encoder, taxonomy, taxonomy.examples(), model.labels(), settings.model().seed());
    }
    return FeedbackClassifier.create(taxonomy, model, PriorityRules.defaults(), settings, cascade);
  }

  private static EncoderCascade loadCascade(EncoderSettings settings, byte[] head, Path file) {
    SentenceEncoder encoder = settings.openEncoder();
    try {
      EncoderHead h = EncoderHead.read(new DataInputStream(new ByteArrayInputStream(head)), encoder);
      return new EncoderCascade(encoder, h, settings.mode(), settings.threshold());
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": damaged encoder head (" + e.getMessage() + ")");
    }
  }

  private static ModelFile.Saved read(Path file, Taxonomy taxonomy) {
    try {
      return ModelFile.read(file, taxonomy);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new IllegalArgumentException(file + ": not found");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read model " + file, e);
    }
  }
}
