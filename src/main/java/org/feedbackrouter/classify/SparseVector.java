package org.feedbackrouter.classify;

import java.util.Arrays;

/**
 * The features of one text as rows and values, with duplicates counted once per row. Scratch space
 * reused per thread: the stamp array marks rows already seen in the current text, so no map or
 * sort is needed.
 */
final class SparseVector {

  int[] rows = new int[256];
  double[] values = new double[256];
  byte[] groups = new byte[256];
  int size;
  private int[] stamp = new int[0];
  private int[] slot = new int[0];
  private int generation;
  private final double[] norms = new double[FeatureGroup.ALL.length];
  private float[] accumulator = new float[0];
  private double[] charSums = new double[0];
  private long[] gramScratch = new long[64];
  private WordGramCache wordCache;

  /** Starts a new text whose rows are below {@code rowLimit}. */
  void clear(int rowLimit) {
    size = 0;
    if (stamp.length < rowLimit) {
      int n = Math.max(rowLimit, stamp.length * 2);
      stamp = Arrays.copyOf(stamp, n);
      slot = Arrays.copyOf(slot, n);
    }
    if (++generation == 0) {
      Arrays.fill(stamp, 0);
      generation = 1;
    }
  }

  /** The word cache of a model, made on first use. */
  WordGramCache wordCache(Object model, int labels) {
    if (wordCache == null || !wordCache.isFor(model)) {
      wordCache = new WordGramCache(model, labels);
    }
    return wordCache;
  }

  /** Scratch for the n-gram hashes of one word. */
  long[] gramScratch(int n) {
    if (gramScratch.length < n) {
      gramScratch = new long[n * 2];
    }
    return gramScratch;
  }

  /** Scratch for per-label sums, at least {@code n} long. */
  float[] accumulator(int n) {
    if (accumulator.length < n) {
      accumulator = new float[n];
    }
    return accumulator;
  }

  /** Second scratch for per-label sums, zeroed, at least {@code n} long. */
  double[] charSums(int n) {
    if (charSums.length < n) {
      charSums = new double[n];
    }
    Arrays.fill(charSums, 0, n, 0);
    return charSums;
  }

  /** Replaces the content with rows already counted (training re-uses counted texts). */
  void set(int[] newRows, double[] counts, byte[] newGroups) {
    int n = newRows.length;
    if (rows.length < n) {
      rows = new int[n];
      values = new double[n];
      groups = new byte[n];
    }
    System.arraycopy(newRows, 0, rows, 0, n);
    System.arraycopy(counts, 0, values, 0, n);
    System.arraycopy(newGroups, 0, groups, 0, n);
    size = n;
  }

  void add(int row, FeatureGroup group) {
    if (row >= stamp.length) {
      clear(row + 1);
    }
    if (stamp[row] == generation) {
      values[slot[row]] += 1;
      return;
    }
    if (size == rows.length) {
      rows = Arrays.copyOf(rows, size * 2);
      values = Arrays.copyOf(values, size * 2);
      groups = Arrays.copyOf(groups, size * 2);
    }
    stamp[row] = generation;
    slot[row] = size;
    rows[size] = row;
    values[size] = 1;
    groups[size] = (byte) group.ordinal();
    size++;
  }

  /**
   * Turns counts into TF-IDF and scales each feature group to unit length (character n-grams to
   * {@code charWeight}). Word features use sublinear TF. Character n-grams use plain counts and a
   * norm that counts every occurrence apart, sqrt(sum of count * idf^2): that makes a text's n-gram
   * score the sum of its words' scores, which {@link WordGramCache} keeps per word.
   *
   * @param idf inverse document frequency per row
   * @param charWeight length of the character n-gram group; the other groups get length 1
   */
  void weigh(float[] idf, double charWeight) {
    Arrays.fill(norms, 0);
    int charGram = FeatureGroup.CHAR_GRAM.ordinal();
    for (int i = 0; i < size; i++) {
      double count = values[i];
      double w = idf[rows[i]];
      if (groups[i] == charGram) {
        values[i] = count * w;
        norms[charGram] += count * w * w;
      } else {
        double v = (count == 1 ? 1 : 1 + Math.log(count)) * w;
        values[i] = v;
        norms[groups[i]] += v * v;
      }
    }
    for (int g = 0; g < norms.length; g++) {
      norms[g] = norms[g] > 0 ? 1 / Math.sqrt(norms[g]) : 0;
    }
    norms[charGram] *= charWeight;
    for (int i = 0; i < size; i++) {
      values[i] *= norms[groups[i]];
    }
  }
}
