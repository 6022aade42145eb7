package org.feedbackrouter.classify;

/**
 * Kinds of features. Each kind is normalised on its own, so that the many character n-grams do not
 * drown the few word features.
 */
enum FeatureGroup {
  WORD(0x5bd1e9955bd1e995L),
  BIGRAM(0x2545F4914F6CDD1DL),
  SKIP_PAIR(0x9E3779B97F4A7C15L),
  CHAR_GRAM(0xD6E8FEB86659FD93L);

  static final FeatureGroup[] ALL = values();

  private final long salt;

  FeatureGroup(long salt) {
    this.salt = salt;
  }

  long hash(long h) {
    return Hashing.mix(h ^ salt);
  }
}
