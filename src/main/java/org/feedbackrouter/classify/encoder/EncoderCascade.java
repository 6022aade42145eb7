package org.feedbackrouter.classify.encoder;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import org.feedbackrouter.classify.LabeledText;
import org.feedbackrouter.classify.Language;
import org.feedbackrouter.classify.Taxonomy;
import org.feedbackrouter.classify.TaxonomyTopic;

/**
 * The second opinion of a sentence encoder on the linear model's label probabilities. In
 * {@link EncoderMode#UNCERTAIN} mode the encoder is asked only when the linear model's top
 * probability is below the threshold; in {@link EncoderMode#ALL} mode always; in
 * {@link EncoderMode#OFF} mode never. Texts in a language the encoder does not speak keep the
 * linear answer. When asked, each label's probability becomes the average of the two opinions
 * (on CLINC150 val it beat replacing, best 0.9407, and taking the larger, best 0.9450 with
 * out-of-scope recall 0.62: docs/encoder.md).
 *
 * <p>Runs on the calling thread. Thread-safe; counts the texts it saw and the ones it asked about.
 */
public final class EncoderCascade {

  /**
   * The linear top probability below which the encoder is asked, chosen on CLINC150 val (never
   * test): the lowest t whose in-scope accuracy is within 0.0025 of asking for every text (0.9483
   * against 0.9507, out-of-scope recall 0.83 for both, 26% of texts asked; linear alone 0.9337).
   * Lower t trade accuracy for CPU: docs/encoder.md.
   */
  public static final double DEFAULT_THRESHOLD = 0.95;

  private final SentenceEncoder encoder;
  private final EncoderHead head;
  private final EncoderMode mode;
  private final double threshold;
  private final LongAdder seen = new LongAdder();
  private final LongAdder asked = new LongAdder();

  public EncoderCascade(SentenceEncoder encoder, EncoderHead head, EncoderMode mode, double threshold) {
    this.encoder = Objects.requireNonNull(encoder, "encoder");
    this.head = Objects.requireNonNull(head, "head");
    this.mode = Objects.requireNonNull(mode, "mode");
    if (!(threshold >= 0 && threshold <= 1)) {
      throw new IllegalArgumentException("threshold must be in [0, 1], was " + threshold);
    }
    this.threshold = threshold;
    if (!head.encoderName().equals(encoder.name()) || head.dimension() != encoder.dimension()) {
      throw new IllegalArgumentException("encoder head trained on '" + head.encoderName()
          + "', not on the configured encoder '" + encoder.name() + "'");
    }
  }

  /**
   * Loads the configured encoder and trains its head on the same examples as the linear model,
   * plus each topic's description (a one-line definition in the taxonomy's words).
   *
   * @param labels the linear model's labels, in its order
   * @return null when the mode is {@link EncoderMode#OFF}: the encoder is not even loaded
   */
  public static EncoderCascade train(
      EncoderSettings settings, Taxonomy taxonomy, List<LabeledText> examples, List<String> labels, long seed) {
    if (settings.mode() == EncoderMode.OFF) {
      return null;
    }
    List<LabeledText> texts = new ArrayList<>(examples);
    for (TaxonomyTopic topic : taxonomy.topics()) {
      if (!topic.description().isBlank()) {
        texts.add(new LabeledText(topic.description(), topic.id()));
      }
    }
    SentenceEncoder encoder = settings.openEncoder();
    EncoderHead head = EncoderHead.train(encoder, texts, labels, EncoderHead.DEFAULT_COST, seed);
    return new EncoderCascade(encoder, head, settings.mode(), settings.threshold());
  }

  /** The labels the head scores, in the order of the probabilities {@link #refine} takes. */
  public List<String> labels() {
    return head.labels();
  }

  public EncoderMode mode() {
    return mode;
  }

  public double threshold() {
    return threshold;
  }

  public SentenceEncoder encoder() {
    return encoder;
  }

  public EncoderHead head() {
    return head;
  }

  /**
   * Revises the linear model's probabilities in place when the mode, the language and the linear
   * model's confidence call for the encoder.
   *
   * @param redactedText the text as classified (personal data already masked)
   * @param language the language the text was analysed in
   * @param labelProbabilities per label of {@link #labels()}, the linear model's probabilities
   * @return whether the encoder was asked
   */
  public boolean refine(String redactedText, Language language, double[] labelProbabilities) {
    return refine(redactedText, language, labelProbabilities, null);
  }

  /** As {@link #refine(String, Language, double[])}, also copying the encoder's own probabilities into {@code encoderOut}. */
  public boolean refine(String redactedText, Language language, double[] labelProbabilities, double[] encoderOut) {
    seen.increment();
    if (!wouldAsk(language, labelProbabilities)) {
      return false;
    }
    asked.increment();
    double[] second = new double[labelProbabilities.length];
    head.probabilities(encoder.embed(redactedText), second);
    if (encoderOut != null) {
      System.arraycopy(second, 0, encoderOut, 0, second.length);
    }
    for (int k = 0; k < second.length; k++) {
      labelProbabilities[k] = (labelProbabilities[k] + second[k]) / 2;
    }
    return true;
  }

  /** Whether {@link #refine} would ask the encoder about a text with these linear probabilities. */
  public boolean wouldAsk(Language language, double[] labelProbabilities) {
    if (labelProbabilities.length != head.labels().size()) {
      throw new IllegalArgumentException("expected " + head.labels().size() + " label probabilities");
    }
    if (mode == EncoderMode.OFF || !encoder.speaks(language)) {
      return false;
    }
    if (mode == EncoderMode.ALL) {
      return true;
    }
    double top = 0;
    for (double p : labelProbabilities) {
      top = Math.max(top, p);
    }
    return top < threshold;
  }

  /** Texts {@link #refine} was called for. */
  public long seen() {
    return seen.sum();
  }

  /** Texts the encoder was asked about. */
  public long asked() {
    return asked.sum();
  }
}
