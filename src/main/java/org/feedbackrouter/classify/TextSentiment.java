package org.feedbackrouter.classify;

/**
 * What the words of a text say, on VADER's scale: the summed weight of its positive and of its
 * negative expressions with negation, boosters, contrast, questions and exclamations applied, and
 * the same sums before contrast (which only shifts weight between clauses, so they still show
 * whether both feelings are really there).
 */
record TextSentiment(double positive, double negative, double plainPositive, double plainNegative) {

  static final TextSentiment NONE = new TextSentiment(0, 0, 0, 0);

  TextSentiment(double positive, double negative) {
    this(positive, negative, positive, negative);
  }

  /** How much more negative than positive the text is; 0 when it is not negative. */
  double negativity() {
    return Math.max(0, negative - positive);
  }
}
