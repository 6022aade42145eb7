package org.feedbackrouter.classify;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A trained topic model: a linear SVM per topic (one-vs-rest) over hashed word, word-pair and
 * character n-gram features, with decision values turned into probabilities by Platt scaling fitted
 * on held-out data. Training is {@link TopicModelTrainer}'s job (LIBLINEAR); scoring is done here on
 * compact float weights, without LIBLINEAR's per-call objects. Immutable and thread-safe.
 */
public final class TopicModel {

  private final List<String> labels;
  private final int outOfScope;
  private final ModelSettings settings;
  private final Language dominantLanguage;
  private final FeatureSpace space;
  private final float[] idf;
  // Row-major [feature][label] floats: a text's few hundred features each read one contiguous
  // row, and the per-row loop over labels compiles to SIMD (byte weights did not: Java 17's
  // auto-vectoriser cannot widen bytes to floats, so their conversion cost more than the cache
  // misses they saved).
  private final float[] weights;
  private final float[] bias;
  private final double plattA;
  private final double plattB;
  private final Featurizer featurizer;

  TopicModel(
      List<String> labels,
      String outOfScopeLabel,
      ModelSettings settings,
      Language dominantLanguage,
      FeatureSpace space,
      float[] idf,
      float[] weights,
      float[] bias,
      double plattA,
      double plattB) {
    this.labels = List.copyOf(labels);
    this.outOfScope = outOfScopeLabel == null ? -1 : this.labels.indexOf(outOfScopeLabel);
    this.settings = settings;
    this.dominantLanguage = dominantLanguage;
    this.space = space;
    this.idf = idf;
    this.weights = weights;
    this.bias = bias;
    this.plattA = plattA;
    this.plattB = plattB;
    this.featurizer = new Featurizer(settings.skipWindow());
  }

  /**
   * Trains on labelled texts. Texts labelled {@code outOfScopeLabelOrNull} teach the model what
   * lies outside every topic; that label is never returned as a topic.
   */
  public static TopicModel train(
      List<LabeledText> data, String outOfScopeLabelOrNull, ModelSettings settings) {
    return new TopicModelTrainer(settings).train(data, outOfScopeLabelOrNull);
  }

  /** Trains on a taxonomy's examples, its unclassified ones as the out-of-scope label. */
  public static TopicModel train(Taxonomy taxonomy, ModelSettings settings) {
    return train(taxonomy.examples(), taxonomy.outOfScopeLabel(), settings);
  }

  /** Every label the model was trained on, the out-of-scope one included. */
  public List<String> labels() {
    return labels;
  }

  /** The out-of-scope label, or null. */
  public String outOfScopeLabel() {
    return outOfScope < 0 ? null : labels.get(outOfScope);
  }

  boolean isOutOfScope(int label) {
    return label == outOfScope;
  }

  /** The language most training texts were in: how a text of unknown language is analysed. */
  public Language dominantLanguage() {
    return dominantLanguage;
  }

  public ModelSettings settings() {
    return settings;
  }

  /** Number of distinct features the model has weights for. */
  public int featureCount() {
    return space.rows();
  }

  AnalyzedText newAnalyzedText() {
    return new AnalyzedText(settings.minGram(), settings.maxGram(), false);
  }

  /** Calibrated probability, per label, that the text belongs to it. */
  void probabilities(AnalyzedText text, SparseVector scratch, double[] out) {
    decisionValues(text, scratch, out);
    for (int k = 0; k < out.length; k++) {
      out[k] = probability(out[k]);
    }
  }

  void decisionValues(AnalyzedText text, SparseVector scratch, double[] out) {
    scratch.clear(space.rows());
    featurizer.featurize(
        text,
        (group, hash) -> {
          int row = space.row(hash);
          if (row != FeatureSpace.UNKNOWN) {
            scratch.add(row, group);
          }
        });
    scratch.weigh(idf, settings.charWeight());
    int k = bias.length;
    float[] acc = scratch.accumulator(k);
    System.arraycopy(bias, 0, acc, 0, k);
    int[] rows = scratch.rows;
    double[] values = scratch.values;
    int n = scratch.size;
    int i = 0;
    // Four rows per pass over the accumulators: a row has only a few dozen labels, too few for the
    // loop's per-row load and store of acc to hide behind the arithmetic. Twice as fast as one row
    // at a time.
    for (; i + 3 < n; i += 4) {
      int b0 = rows[i] * k;
      int b1 = rows[i + 1] * k;
      int b2 = rows[i + 2] * k;
      int b3 = rows[i + 3] * k;
      float v0 = (float) values[i];
      float v1 = (float) values[i + 1];
      float v2 = (float) values[i + 2];
      float v3 = (float) values[i + 3];
      for (int c = 0; c < k; c++) {
        acc[c] += v0 * weights[b0 + c] + v1 * weights[b1 + c] + v2 * weights[b2 + c] + v3 * weights[b3 + c];
      }
    }
    for (; i < n; i++) {
      int base = rows[i] * k;
      float v = (float) values[i];
      for (int c = 0; c < k; c++) {
        acc[c] += v * weights[base + c];
      }
    }
    addCharGrams(text, scratch, acc);
    for (int c = 0; c < k; c++) {
      out[c] = acc[c];
    }
  }

  /**
   * Adds the character n-gram features, word by word through the cache: the text's n-gram vector
   * is the sum of its words', normalised as {@link SparseVector#weigh} does in training.
   */
  private void addCharGrams(AnalyzedText text, SparseVector scratch, float[] acc) {
    int words = text.surfaceCount();
    if (settings.maxGram() == 0 || words == 0) {
      return;
    }
    int k = bias.length;
    WordGramCache cache = scratch.wordCache(this, k);
    float[] vectors = cache.vectors();
    float[] squares = cache.squares();
    // Doubles: a long text adds thousands of word vectors, and float sums drift.
    double[] sum = scratch.charSums(k);
    double square = 0;
    for (int w = 0; w < words; w++) {
      long word = text.surfaceHash(w);
      int slot = cache.find(word);
      if (slot < 0) {
        slot = cache.insert(word);
        scoreWord(text, w, scratch, vectors, slot * k, squares, slot);
      }
      int base = slot * k;
      for (int c = 0; c < k; c++) {
        sum[c] += vectors[base + c];
      }
      square += squares[slot];
    }
    if (square > 0) {
      double inverse = settings.charWeight() / Math.sqrt(square);
      for (int c = 0; c < k; c++) {
        acc[c] += (float) (sum[c] * inverse);
      }
    }
  }

  private void scoreWord(
      AnalyzedText text, int w, SparseVector scratch, float[] vectors, int base, float[] squares, int slot) {
    int length = text.surfaceLength(w);
    long[] grams = scratch.gramScratch(CharGrams.maxCount(length, settings.minGram(), settings.maxGram()));
    int n =
        CharGrams.hashes(
            text.surfaceChars(), text.surfaceStart(w), length, settings.minGram(), settings.maxGram(), grams, 0);
    int k = bias.length;
    float square = 0;
    for (int i = 0; i < n; i++) {
      int row = space.row(grams[i]);
      if (row == FeatureSpace.UNKNOWN) {
        continue;
      }
      float v = idf[row];
      square += v * v;
      int from = row * k;
      for (int c = 0; c < k; c++) {
        vectors[base + c] += v * weights[from + c];
      }
    }
    squares[slot] = square;
  }

  /** Row of a feature hash, or {@link FeatureSpace#UNKNOWN}. */
  int row(long featureHash) {
    return space.row(featureHash);
  }

  /** Inverse document frequency per row. */
  float[] idf() {
    return idf;
  }

  /** Weight of a row for a label. */
  float weight(int row, int label) {
    return weights[row * bias.length + label];
  }

  float bias(int label) {
    return bias[label];
  }

  double probability(double decision) {
    return 1 / (1 + Math.exp(-(plattA * decision + plattB)));
  }

  /** Writes everything scoring needs; {@link #read} gives back a model that scores the same. */
  void write(DataOutput out) throws IOException {
    out.writeInt(labels.size());
    for (String l : labels) {
      out.writeUTF(l);
    }
    out.writeInt(outOfScope);
    out.writeInt(settings.minGram());
    out.writeInt(settings.maxGram());
    out.writeInt(settings.skipWindow());
    out.writeDouble(settings.charWeight());
    out.writeDouble(settings.cost());
    out.writeDouble(settings.holdout());
    out.writeLong(settings.seed());
    out.writeUTF(dominantLanguage.name());
    space.write(out);
    ModelFile.writeFloats(out, idf);
    ModelFile.writeFloats(out, weights);
    ModelFile.writeFloats(out, bias);
    out.writeDouble(plattA);
    out.writeDouble(plattB);
  }

  static TopicModel read(DataInput in) throws IOException {
    int n = in.readInt();
    if (n < 1 || n > 100_000) {
      throw new IOException("corrupt model: " + n + " labels");
    }
    List<String> labels = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      labels.add(in.readUTF());
    }
    int outOfScope = in.readInt();
    ModelSettings settings = new ModelSettings(in.readInt(), in.readInt(), in.readInt(), in.readDouble(),
        in.readDouble(), in.readDouble(), in.readLong());
    Language dominant = Language.valueOf(in.readUTF());
    FeatureSpace space = FeatureSpace.read(in);
    float[] idf = ModelFile.readFloats(in);
    float[] weights = ModelFile.readFloats(in);
    float[] bias = ModelFile.readFloats(in);
    if (bias.length != n || weights.length != (long) space.rows() * n) {
      throw new IOException("corrupt model: weights do not match labels and features");
    }
    return new TopicModel(labels, outOfScope < 0 ? null : labels.get(outOfScope), settings, dominant, space, idf,
        weights, bias, in.readDouble(), in.readDouble());
  }

  @Override
  public String toString() {
    return "TopicModel[labels=" + labels.size() + ", features=" + space.rows() + "]";
  }
}
