package org.feedbackrouter.classify;

/**
 * Turns an analysed text into hashed features: stemmed words, adjacent word pairs, unordered word
 * pairs a little further apart (they catch "how ... pay" or "cobran ... dos veces" across filler
 * words), and character n-grams of the folded words (robust to typos and unseen inflections).
 */
final class Featurizer {

  /** Receives each feature of a text, duplicates included. */
  interface Sink {
    void accept(FeatureGroup group, long hash);
  }

  private final int skipWindow;

  Featurizer(int skipWindow) {
    this.skipWindow = skipWindow;
  }

  void featurize(AnalyzedText text, Sink sink) {
    long[] stems = text.stems();
    int n = text.stemCount();
    for (int i = 0; i < n; i++) {
      sink.accept(FeatureGroup.WORD, FeatureGroup.WORD.hash(stems[i]));
      if (i + 1 < n) {
        sink.accept(FeatureGroup.BIGRAM, FeatureGroup.BIGRAM.hash(Hashing.pair(stems[i], stems[i + 1])));
      }
      for (int j = i + 2; j < n && j <= i + skipWindow; j++) {
        long a = Math.min(stems[i], stems[j]);
        long b = Math.max(stems[i], stems[j]);
        sink.accept(FeatureGroup.SKIP_PAIR, FeatureGroup.SKIP_PAIR.hash(Hashing.pair(a, b)));
      }
    }
    long[] grams = text.grams();
    for (int i = 0, g = text.gramCount(); i < g; i++) {
      sink.accept(FeatureGroup.CHAR_GRAM, grams[i]);
    }
  }
}
