package org.feedbackrouter.classify.encoder;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.IntStream;
import org.feedbackrouter.classify.LabeledText;

/**
 * A logistic regression (LIBLINEAR, L2-regularised, one-vs-rest) on sentence embeddings: the
 * probability per label that a text belongs to it, normalised over the labels as LIBLINEAR's own
 * {@code predictProbability} does. Knows which encoder it was trained on, and refuses another when
 * read back. Immutable and thread-safe.
 */
public final class EncoderHead {

  /**
   * LIBLINEAR's C. On CLINC150 val (docs/encoder.md) 4 and 16 were within a text or two of each
   * other and both well above 1; 4 keeps probabilities less extreme, which the cascade averages.
   */
  public static final double DEFAULT_COST = 4;

  private static final int FORMAT = 1;

  private final String encoderName;
  private final int dimension;
  private final List<String> labels;
  // Per label, dimension weights then the bias; null for a label without training examples.
  private final float[][] weights;

  private EncoderHead(String encoderName, int dimension, List<String> labels, float[][] weights) {
    this.encoderName = encoderName;
    this.dimension = dimension;
    this.labels = List.copyOf(labels);
    this.weights = weights;
  }

  /**
   * Trains on the embeddings of the given texts. Texts in a language the encoder does not speak
   * are left out (texts of unknown language stay in).
   *
   * @param labels the label order of the probabilities, normally the linear model's labels; a
   *     label without any text scores 0
   */
  public static EncoderHead train(
      SentenceEncoder encoder, List<LabeledText> texts, List<String> labels, double cost, long seed) {
    List<LabeledText> usable = texts.stream()
        .filter(t -> t.language() == org.feedbackrouter.classify.Language.UNKNOWN || encoder.speaks(t.language()))
        .filter(t -> labels.contains(t.label()))
        .toList();
    if (usable.stream().map(LabeledText::label).distinct().count() < 2) {
      throw new IllegalArgumentException("the encoder head needs texts of at least two labels in "
          + encoder.languages() + ", got " + usable.size() + " texts");
    }
    // Embedding is the slow part (milliseconds a text); a parallel stream keeps the order.
    float[][] vectors = IntStream.range(0, usable.size()).parallel()
        .mapToObj(i -> encoder.embed(usable.get(i).text()))
        .toArray(float[][]::new);
    return fromEmbeddings(encoder.name(), vectors, usable.stream().map(LabeledText::label).toList(), labels, cost, seed);
  }

  /**
   * Trains on embeddings already computed (by the encoder called {@code encoderName}), e.g. to try
   * several costs on one set of embeddings.
   */
  public static EncoderHead fromEmbeddings(
      String encoderName, float[][] vectors, List<String> textLabels, List<String> labels, double cost, long seed) {
    int dim = vectors[0].length;
    Feature[][] x = new Feature[vectors.length][];
    int[] y = new int[vectors.length];
    for (int i = 0; i < vectors.length; i++) {
      x[i] = features(vectors[i]);
      y[i] = labels.indexOf(textLabels.get(i));
      if (y[i] < 0) {
        throw new IllegalArgumentException("text label '" + textLabels.get(i) + "' is not among " + labels);
      }
    }
    Linear.setDebugOutput(null);
    // One-vs-rest, as LIBLINEAR's multi-class logistic regression is, but one binary problem per
    // label in parallel, each with its own seeded random source: the result does not depend on
    // thread scheduling, and training takes a fraction of the time on several cores.
    float[][] rows = IntStream.range(0, labels.size()).parallel()
        .mapToObj(k -> binary(x, y, k, dim, cost, seed))
        .toArray(float[][]::new);
    return new EncoderHead(encoderName, dim, labels, rows);
  }

  /** The weights (then the bias) separating label k from the rest; null if no text has label k. */
  private static float[] binary(Feature[][] x, int[] y, int k, int dim, double cost, long seed) {
    Problem problem = new Problem();
    problem.l = x.length;
    problem.n = dim + 1;
    problem.bias = -1; // the bias is the explicit last feature
    problem.x = x;
    problem.y = new double[x.length];
    boolean any = false;
    for (int i = 0; i < x.length; i++) {
      problem.y[i] = y[i] == k ? 1 : -1;
      any |= y[i] == k;
    }
    if (!any) {
      return null;
    }
    Parameter parameter = new Parameter(SolverType.L2R_LR, cost, 0.01);
    parameter.setRandom(new Random(seed * 31 + k));
    Model model = Linear.train(problem, parameter);
    // LIBLINEAR's weights favour its first label, the one of the first text.
    double sign = model.getLabels()[0] == 1 ? 1 : -1;
    double[] w = model.getFeatureWeights();
    float[] row = new float[dim + 1];
    for (int j = 0; j <= dim; j++) {
      row[j] = (float) (sign * w[j]);
    }
    return row;
  }

  private static Feature[] features(float[] v) {
    Feature[] x = new Feature[v.length + 1];
    for (int j = 0; j < v.length; j++) {
      x[j] = new FeatureNode(j + 1, v[j]);
    }
    x[v.length] = new FeatureNode(v.length + 1, 1);
    return x;
  }

  public String encoderName() {
    return encoderName;
  }

  public int dimension() {
    return dimension;
  }

  public List<String> labels() {
    return labels;
  }

  /** Probability per label ({@link #labels()} order) for one embedding; they sum to 1. */
  public void probabilities(float[] embedding, double[] out) {
    if (embedding.length != dimension || out.length != labels.size()) {
      throw new IllegalArgumentException("expected a " + dimension + "-dimension embedding and "
          + labels.size() + " outputs");
    }
    double sum = 0;
    for (int k = 0; k < weights.length; k++) {
      float[] row = weights[k];
      if (row == null) {
        out[k] = 0;
        continue;
      }
      double d = row[dimension];
      for (int j = 0; j < dimension; j++) {
        d += row[j] * embedding[j];
      }
      out[k] = 1 / (1 + Math.exp(-d));
      sum += out[k];
    }
    if (sum > 0) {
      for (int k = 0; k < out.length; k++) {
        out[k] /= sum;
      }
    }
  }

  /** Writes the head with its encoder's identity; {@link #read} restores it. */
  public void write(DataOutput out) throws IOException {
    out.writeInt(FORMAT);
    out.writeUTF(encoderName);
    out.writeInt(dimension);
    out.writeInt(labels.size());
    for (int k = 0; k < labels.size(); k++) {
      out.writeUTF(labels.get(k));
      out.writeBoolean(weights[k] != null);
      if (weights[k] != null) {
        for (float v : weights[k]) {
          out.writeFloat(v);
        }
      }
    }
  }

  /**
   * Reads a head written by {@link #write}.
   *
   * @throws IllegalArgumentException if it was trained with another encoder than {@code encoder}
   */
  public static EncoderHead read(DataInput in, SentenceEncoder encoder) throws IOException {
    int format = in.readInt();
    if (format != FORMAT) {
      throw new IOException("unknown encoder head format " + format + " (this build reads " + FORMAT + ")");
    }
    String name = in.readUTF();
    int dim = in.readInt();
    if (!name.equals(encoder.name()) || dim != encoder.dimension()) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "the model's encoder head was trained on encoder '%s' (%d dimensions), but the configured encoder is"
              + " '%s' (%d dimensions): configure that encoder (feedback.classifier.encoder.model), or train"
              + " the model again with this one",
          name, dim, encoder.name(), encoder.dimension()));
    }
    int n = in.readInt();
    List<String> labels = new ArrayList<>(n);
    float[][] weights = new float[n][];
    for (int k = 0; k < n; k++) {
      labels.add(in.readUTF());
      if (in.readBoolean()) {
        weights[k] = new float[dim + 1];
        for (int j = 0; j <= dim; j++) {
          weights[k][j] = in.readFloat();
        }
      }
    }
    return new EncoderHead(name, dim, labels, weights);
  }
}
