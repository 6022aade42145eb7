package org.feedbackrouter.classify;

/**
 * How the topic model turns text into features and how it is trained.
 *
 * @param minGram shortest character n-gram of a word (its boundaries count as characters)
 * @param maxGram longest character n-gram; 0 turns character n-grams off
 * @param skipWindow pairs of stemmed words up to this far apart are features too (2 or more; 0 off)
 * @param charWeight length of the character n-gram group relative to each word group (whose
 *     length is 1); 1.2 to 1.4 beat 1.0 on CLINC150 val by a hair at every threshold, in accuracy
 *     and in out-of-scope texts left below the threshold; 1.6 and 2.0 lost
 * @param cost the SVM's C: higher fits the training data more closely
 * @param holdout share of the training data set aside to calibrate scores into probabilities
 * @param seed fixes the split and the solver's order, so training is reproducible
 */
public record ModelSettings(
    int minGram, int maxGram, int skipWindow, double charWeight, double cost, double holdout, long seed) {

  public ModelSettings {
    if (maxGram != 0 && (minGram < 1 || maxGram < minGram)) {
      throw new IllegalArgumentException("need 1 <= minGram <= maxGram, or maxGram 0");
    }
    if (skipWindow == 1 || skipWindow < 0) {
      throw new IllegalArgumentException("skipWindow must be 0 or at least 2");
    }
    if (!(charWeight > 0)) {
      throw new IllegalArgumentException("charWeight must be positive");
    }
    if (!(cost > 0)) {
      throw new IllegalArgumentException("cost must be positive");
    }
    if (!(holdout > 0 && holdout <= 0.5)) {
      throw new IllegalArgumentException("holdout must be in (0, 0.5]");
    }
  }

  public static ModelSettings defaults() {
    return new ModelSettings(2, 5, 8, 1.2, 1.0, 0.5, 42L);
  }

  public ModelSettings withSeed(long newSeed) {
    return new ModelSettings(minGram, maxGram, skipWindow, charWeight, cost, holdout, newSeed);
  }
}
