package org.feedbackrouter.classify;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Scores predictions against gold labels. With an out-of-scope label, a gold out-of-scope text is
 * right when it came back {@link Classification#UNCLASSIFIED}; that class counts in macro-F1 like
 * any label.
 */
public record Evaluation(
    int total,
    double accuracy,
    double macroF1,
    List<LabelScore> perLabel,
    Integer inScopeTotal,
    Double inScopeAccuracy,
    Integer outOfScopeTotal,
    Double outOfScopeRecall) {

  /** Precision, recall and F1 of one label over the test set. */
  public record LabelScore(String label, int support, double precision, double recall, double f1) {}

  /**
   * @param gold gold label per text
   * @param predicted predicted topic or {@link Classification#UNCLASSIFIED} per text
   * @param outOfScopeLabelOrNull the gold label meaning "none of the topics"
   */
  public static Evaluation of(List<String> gold, List<String> predicted, String outOfScopeLabelOrNull) {
    if (gold.size() != predicted.size() || gold.isEmpty()) {
      throw new IllegalArgumentException("need as many predictions as gold labels, and some");
    }
    Map<String, int[]> counts = new HashMap<>(); // tp, fp, fn
    int right = 0;
    int inScope = 0;
    int inScopeRight = 0;
    int oos = 0;
    int oosRejected = 0;
    for (int i = 0; i < gold.size(); i++) {
      boolean isOos = gold.get(i).equals(outOfScopeLabelOrNull);
      String g = isOos ? Classification.UNCLASSIFIED : gold.get(i);
      String p = predicted.get(i);
      boolean ok = g.equals(p);
      right += ok ? 1 : 0;
      if (isOos) {
        oos++;
        oosRejected += Classification.UNCLASSIFIED.equals(p) ? 1 : 0;
      } else {
        inScope++;
        inScopeRight += ok ? 1 : 0;
      }
      if (ok) {
        counts.computeIfAbsent(g, k -> new int[3])[0]++;
      } else {
        counts.computeIfAbsent(p, k -> new int[3])[1]++;
        counts.computeIfAbsent(g, k -> new int[3])[2]++;
      }
    }
    List<LabelScore> perLabel = new ArrayList<>();
    double f1Sum = 0;
    TreeSet<String> goldLabels = new TreeSet<>();
    for (String g : gold) {
      goldLabels.add(g.equals(outOfScopeLabelOrNull) ? Classification.UNCLASSIFIED : g);
    }
    for (String label : goldLabels) {
      int[] c = counts.getOrDefault(label, new int[3]);
      double precision = c[0] + c[1] == 0 ? 0 : c[0] / (double) (c[0] + c[1]);
      double recall = c[0] + c[2] == 0 ? 0 : c[0] / (double) (c[0] + c[2]);
      double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
      perLabel.add(new LabelScore(label, c[0] + c[2], precision, recall, f1));
      f1Sum += f1;
    }
    perLabel.sort(Comparator.comparingDouble(LabelScore::f1).thenComparing(LabelScore::label));
    boolean withOos = outOfScopeLabelOrNull != null;
    return new Evaluation(
        gold.size(),
        right / (double) gold.size(),
        f1Sum / goldLabels.size(),
        perLabel,
        withOos ? inScope : null,
        withOos && inScope > 0 ? inScopeRight / (double) inScope : null,
        withOos ? oos : null,
        withOos && oos > 0 ? oosRejected / (double) oos : null);
  }

  /** The labels with the lowest F1, worst first. */
  public List<LabelScore> worst(int n) {
    return perLabel.subList(0, Math.min(n, perLabel.size()));
  }
}
