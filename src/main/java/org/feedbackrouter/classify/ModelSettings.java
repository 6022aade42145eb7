package org.feedbackrouter.classify;

/**
 * How the topic model turns text into features and how it is trained.
 *
 * @param minGram shortest character n-gram of a word (its boundaries count as characters)
 * @param maxGram longest character n-gram; 0 turns character n-grams off
 * @param skipWindow pairs of stemmed words up to this far apart are features too (2 or more; 0 off)
 * @param cost the SVM's C: higher fits the training data more closely
 * @param holdout share of the training data set aside to calibrate scores into probabilities
 * @param seed fixes the split and the solver's order, so training is reproducible
 * @param solver one binary SVM per label, or one multi-class SVM (Crammer and Singer)
 * @param wordWeight length of the word features' vector, each feature group being normalised apart
 * @param bigramWeight length of the adjacent word pairs' vector
 * @param skipWeight length of the vector of word pairs further apart
 * @param charWeight length of the character n-grams' vector
 * @param minDf features found in fewer training texts than this are dropped
 */
public record ModelSettings(
    int minGram,
    int maxGram,
    int skipWindow,
    double cost,
    double holdout,
    long seed,
    Solver solver,
    double wordWeight,
    double bigramWeight,
    double skipWeight,
    double charWeight,
    int minDf) {

  /** How the labels' weights are fitted. */
  public enum Solver {
    ONE_VS_REST,
    CRAMMER_SINGER
  }

  public ModelSettings {
    if (maxGram != 0 && (minGram < 1 || maxGram < minGram)) {
      throw new IllegalArgumentException("need 1 <= minGram <= maxGram, or maxGram 0");
    }
    if (skipWindow == 1 || skipWindow < 0) {
      throw new IllegalArgumentException("skipWindow must be 0 or at least 2");
    }
    if (!(cost > 0)) {
      throw new IllegalArgumentException("cost must be positive");
    }
    if (!(holdout > 0 && holdout <= 0.5)) {
      throw new IllegalArgumentException("holdout must be in (0, 0.5]");
    }
    if (solver == null) {
      throw new IllegalArgumentException("solver is required");
    }
    if (minDf < 1) {
      throw new IllegalArgumentException("minDf must be at least 1");
    }
    for (double w : new double[] {wordWeight, bigramWeight, skipWeight, charWeight}) {
      if (!(w >= 0)) {
        throw new IllegalArgumentException("feature group weights must be 0 or more");
      }
    }
  }

  public static ModelSettings defaults() {
    return new ModelSettings(2, 5, 8, 1.0, 0.5, 42L, Solver.ONE_VS_REST, 1, 1, 1, 1, 1);
  }

  public ModelSettings withSeed(long newSeed) {
    return new ModelSettings(
        minGram, maxGram, skipWindow, cost, holdout, newSeed, solver, wordWeight, bigramWeight, skipWeight,
        charWeight, minDf);
  }

  /** Weight per {@link FeatureGroup}, by ordinal. */
  double[] groupWeights() {
    return new double[] {wordWeight, bigramWeight, skipWeight, charWeight};
  }
}
