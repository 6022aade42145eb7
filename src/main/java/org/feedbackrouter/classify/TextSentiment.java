package org.feedbackrouter.classify;

/**
 * What the words of a text say: the summed weight of positive and of negative expressions,
 * negation applied.
 */
record TextSentiment(double positive, double negative) {

  static final TextSentiment NONE = new TextSentiment(0, 0);

  /** How much more negative than positive the text is; 0 when it is not negative. */
  double negativity() {
    return Math.max(0, negative - positive);
  }
}
