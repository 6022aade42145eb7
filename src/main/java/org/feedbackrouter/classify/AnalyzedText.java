package org.feedbackrouter.classify;

import java.util.Arrays;

/**
 * One text after analysis: the hash of each stemmed word in order, and the hashes of the character
 * n-grams of its folded words. Reused per thread, so arrays only grow.
 */
final class AnalyzedText implements TextAnalyzer.WordSink {

  private final int minGram;
  private final int maxGram;
  private long[] stems = new long[64];
  private int stemCount;
  private long[] grams = new long[512];
  private int gramCount;
  // Word with boundary markers, the way character n-grams see it.
  private char[] padded = new char[34];

  AnalyzedText(int minGram, int maxGram) {
    this.minGram = minGram;
    this.maxGram = maxGram;
  }

  void clear() {
    stemCount = 0;
    gramCount = 0;
  }

  @Override
  public void surface(char[] chars, int length) {
    if (maxGram == 0) {
      return;
    }
    int n = length + 2;
    if (padded.length < n) {
      padded = new char[n * 2];
    }
    padded[0] = ' ';
    System.arraycopy(chars, 0, padded, 1, length);
    padded[n - 1] = ' ';
    int needed = gramCount + n * (maxGram - minGram + 1);
    if (grams.length < needed) {
      grams = Arrays.copyOf(grams, Math.max(needed, grams.length * 2));
    }
    for (int start = 0; start + minGram <= n; start++) {
      long h = Hashing.start();
      int limit = Math.min(maxGram, n - start);
      for (int k = 0; k < limit; k++) {
        h = Hashing.step(h, padded[start + k]);
        if (k + 1 >= minGram) {
          grams[gramCount++] = Hashing.mix(h + k);
        }
      }
    }
  }

  @Override
  public void stem(char[] chars, int length) {
    if (stemCount == stems.length) {
      stems = Arrays.copyOf(stems, stemCount * 2);
    }
    stems[stemCount++] = Hashing.chars(chars, 0, length);
  }

  long[] stems() {
    return stems;
  }

  int stemCount() {
    return stemCount;
  }

  long[] grams() {
    return grams;
  }

  int gramCount() {
    return gramCount;
  }
}
