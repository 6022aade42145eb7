package org.feedbackrouter.classify;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;
import org.feedbackrouter.avro.Sentiment;

/**
 * A linear sentiment model trained by {@code sentiment train} on a company's own scored feedback
 * ({@link SentimentModelTrainer}). Features: hashed stemmed words, adjacent and near word pairs
 * (the topic model's {@link Featurizer}), and the lexicon's verdict and sums, so the model learns
 * when to trust the lexicon. One weight vector per label; the highest score wins.
 *
 * <p>The lexicon keeps a veto: a text whose words are clearly negative never comes out POSITIVE
 * (it becomes NEGATIVE), since that error costs more than any other.
 *
 * <p>File: gzip of a magic string, a format version, the labels, and the weights of every feature
 * bucket seen in training. A file of another kind or version is refused with a message.
 */
public final class SentimentModel {

  static final String MAGIC = "feedback-router sentiment model";
  static final int VERSION = 1;
  static final int BUCKET_BITS = 20;
  static final int SKIP_WINDOW = 3;
  // Lexicon features sit after the hashed buckets: positive, negative, plain positive, plain
  // negative (each /4, capped at 2), then one-hot verdict (4), then a bias feature.
  static final int LEXICON_FEATURES = 9;

  private final List<Sentiment> labels;
  private final int[] rows;
  private final float[] weights;
  private final float[] lexiconWeights;
  private final Featurizer featurizer = new Featurizer(SKIP_WINDOW);

  SentimentModel(List<Sentiment> labels, int[] rows, float[] weights, float[] lexiconWeights) {
    this.labels = List.copyOf(labels);
    this.rows = rows;
    this.weights = weights;
    this.lexiconWeights = lexiconWeights;
  }

  public List<Sentiment> labels() {
    return labels;
  }

  /** The hashed bucket of a feature, 0 .. 2^BUCKET_BITS - 1. */
  static int bucket(long hash) {
    return (int) (hash >>> (64 - BUCKET_BITS));
  }

  /** Distinct buckets of a text's word features, sorted. */
  int[] buckets(AnalyzedText text) {
    return buckets(text, featurizer);
  }

  static int[] buckets(AnalyzedText text, Featurizer featurizer) {
    int[] out = new int[16];
    int[] n = {0};
    int[][] holder = {out};
    featurizer.featurize(text, (group, hash) -> {
      if (n[0] == holder[0].length) {
        holder[0] = Arrays.copyOf(holder[0], n[0] * 2);
      }
      holder[0][n[0]++] = bucket(hash);
    });
    int[] sorted = Arrays.copyOf(holder[0], n[0]);
    Arrays.sort(sorted);
    return Arrays.stream(sorted).distinct().toArray();
  }

  static double[] lexiconFeatures(TextSentiment t) {
    double[] f = new double[LEXICON_FEATURES];
    f[0] = Math.min(2, t.positive() / 4);
    f[1] = Math.min(2, t.negative() / 4);
    f[2] = Math.min(2, t.plainPositive() / 4);
    f[3] = Math.min(2, t.plainNegative() / 4);
    f[4 + SentimentResolver.ofText(t).ordinal()] = 1;
    f[8] = 1;
    return f;
  }

  /** The text's sentiment by the model, the lexicon's veto applied. */
  Sentiment predict(AnalyzedText text, TextSentiment lexicon) {
    int[] buckets = buckets(text);
    double norm = buckets.length == 0 ? 1 : 1 / Math.sqrt(buckets.length);
    double[] lex = lexiconFeatures(lexicon);
    int best = 0;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < labels.size(); k++) {
      double score = 0;
      for (int b : buckets) {
        int row = Arrays.binarySearch(rows, b);
        if (row >= 0) {
          score += weights[row * labels.size() + k] * norm;
        }
      }
      for (int j = 0; j < LEXICON_FEATURES; j++) {
        score += lexiconWeights[j * labels.size() + k] * lex[j];
      }
      if (score > bestScore) {
        bestScore = score;
        best = k;
      }
    }
    Sentiment s = labels.get(best);
    boolean clearlyNegative = lexicon.negative() >= SentimentResolver.CLEARLY_NEGATIVE
        && lexicon.negative() >= lexicon.positive();
    return s == Sentiment.POSITIVE && clearlyNegative ? Sentiment.NEGATIVE : s;
  }

  public void save(Path file) throws IOException {
    try (DataOutputStream out = new DataOutputStream(
        new BufferedOutputStream(new GZIPOutputStream(Files.newOutputStream(file))))) {
      out.writeUTF(MAGIC);
      out.writeInt(VERSION);
      out.writeInt(BUCKET_BITS);
      out.writeInt(labels.size());
      for (Sentiment s : labels) {
        out.writeUTF(s.name());
      }
      out.writeInt(rows.length);
      for (int i = 0; i < rows.length; i++) {
        out.writeInt(rows[i]);
        for (int k = 0; k < labels.size(); k++) {
          out.writeFloat(weights[i * labels.size() + k]);
        }
      }
      for (float w : lexiconWeights) {
        out.writeFloat(w);
      }
    }
  }

  /** Reads a model file; a file that is not a sentiment model of this version is refused. */
  public static SentimentModel load(Path file) {
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
      DataInputStream in;
      try {
        in = new DataInputStream(new BufferedInputStream(new GZIPInputStream(raw)));
      } catch (ZipException e) {
        throw refused(file, "not a sentiment model file");
      }
      String magic = in.readUTF();
      if (!MAGIC.equals(magic)) {
        throw refused(file, "not a sentiment model file");
      }
      int version = in.readInt();
      int bits = in.readInt();
      if (version != VERSION || bits != BUCKET_BITS) {
        throw refused(file, "sentiment model format version " + version + "; this build reads version "
            + VERSION + ": train it again with 'sentiment train'");
      }
      int nLabels = in.readInt();
      List<Sentiment> labels = new java.util.ArrayList<>();
      for (int k = 0; k < nLabels; k++) {
        labels.add(Sentiment.valueOf(in.readUTF()));
      }
      int nRows = in.readInt();
      int[] rows = new int[nRows];
      float[] weights = new float[nRows * nLabels];
      for (int i = 0; i < nRows; i++) {
        rows[i] = in.readInt();
        for (int k = 0; k < nLabels; k++) {
          weights[i * nLabels + k] = in.readFloat();
        }
      }
      float[] lex = new float[LEXICON_FEATURES * nLabels];
      for (int j = 0; j < lex.length; j++) {
        lex[j] = in.readFloat();
      }
      return new SentimentModel(labels, rows, weights, lex);
    } catch (IllegalArgumentException e) {
      throw e.getMessage() != null && e.getMessage().startsWith("cannot use")
          ? e : refused(file, "not a sentiment model file");
    } catch (java.io.EOFException | java.io.UTFDataFormatException e) {
      throw refused(file, "truncated or not a sentiment model file");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read sentiment model " + file, e);
    }
  }

  private static IllegalArgumentException refused(Path file, String why) {
    return new IllegalArgumentException("cannot use " + file + " as a sentiment model: " + why);
  }

  /** Weights by bucket, for the trainer: sorted buckets, and per bucket one weight per label. */
  static SentimentModel fromBuckets(List<Sentiment> labels, TreeMap<Integer, float[]> byBucket, float[] lexicon) {
    int[] rows = new int[byBucket.size()];
    float[] w = new float[byBucket.size() * labels.size()];
    int i = 0;
    for (var e : byBucket.entrySet()) {
      rows[i] = e.getKey();
      System.arraycopy(e.getValue(), 0, w, i * labels.size(), labels.size());
      i++;
    }
    return new SentimentModel(labels, rows, w, lexicon);
  }
}
