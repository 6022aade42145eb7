package org.feedbackrouter.classify;

/**
 * Character n-grams of one word, padded with a space on each side so that prefixes and suffixes
 * are grams of their own (as scikit-learn's "char_wb" does), hashed without building strings.
 */
final class CharGrams {

  private CharGrams() {}

  /** Upper bound of the number of grams of a word of this length. */
  static int maxCount(int length, int minGram, int maxGram) {
    return (length + 2) * (maxGram - minGram + 1);
  }

  /** Writes the grams' hashes into {@code out} from {@code pos}; returns the new end. */
  static int hashes(char[] chars, int offset, int length, int minGram, int maxGram, long[] out, int pos) {
    int n = length + 2;
    for (int start = 0; start + minGram <= n; start++) {
      long h = Hashing.start();
      int limit = Math.min(maxGram, n - start);
      for (int k = 0; k < limit; k++) {
        int i = start + k;
        char c = i == 0 || i == n - 1 ? ' ' : chars[offset + i - 1];
        h = Hashing.step(h, c);
        if (k + 1 >= minGram) {
          out[pos++] = FeatureGroup.CHAR_GRAM.hash(Hashing.mix(h + k));
        }
      }
    }
    return pos;
  }
}
