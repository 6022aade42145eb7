package org.feedbackrouter.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.feedbackrouter.classify.CallEvaluation;
import org.feedbackrouter.classify.Evaluation;

/** How {@code taxonomy evaluate} prints its figures. */
final class EvaluationReport {
  private EvaluationReport() {}

  static void print(PrintWriter out, Evaluation e, int worst) {
    out.printf(Locale.ROOT, "test texts:         %d%n", e.total());
    out.printf(Locale.ROOT, "accuracy:           %.4f%n", e.accuracy());
    out.printf(Locale.ROOT, "macro-F1:           %.4f%n", e.macroF1());
    if (e.inScopeAccuracy() != null) {
      out.printf(Locale.ROOT, "in-scope accuracy:  %.4f (%d texts)%n", e.inScopeAccuracy(), e.inScopeTotal());
    }
    if (e.outOfScopeRecall() != null) {
      out.printf(Locale.ROOT, "out-of-scope recall: %.4f (%d texts; share left unclassified)%n",
          e.outOfScopeRecall(), e.outOfScopeTotal());
    }
    out.printf(Locale.ROOT, "worst %d labels by F1:%n", Math.min(worst, e.perLabel().size()));
    out.printf(Locale.ROOT, "  %-32s %7s %9s %7s %7s%n", "label", "f1", "precision", "recall", "support");
    for (Evaluation.LabelScore s : e.worst(worst)) {
      out.printf(Locale.ROOT, "  %-32s %7.4f %9.4f %7.4f %7d%n", s.label(), s.f1(), s.precision(), s.recall(),
          s.support());
    }
  }

  static void print(PrintWriter out, CallEvaluation c) {
    out.printf(Locale.ROOT, "primary accuracy:   %.4f%n", c.primaryAccuracy());
    if (c.topicPrecision() != null) {
      out.printf(Locale.ROOT, "topic precision:    %.4f (share of reported topics a department should act on)%n",
          c.topicPrecision());
      out.printf(Locale.ROOT, "topic recall:       %.4f (share of gold topics reported)%n", c.topicRecall());
    }
    out.printf(Locale.ROOT, "unclassified:       precision %.4f, recall %.4f%n", c.unclassifiedPrecision(),
        c.unclassifiedRecall());
    if (c.sentimentAccuracy() != null) {
      out.printf(Locale.ROOT, "sentiment accuracy: %.4f%n", c.sentimentAccuracy());
    }
    if (c.p1Precision() != null) {
      out.printf(Locale.ROOT, "P1:                 precision %.4f, recall %.4f (gold: critical)%n", c.p1Precision(),
          c.p1Recall());
    }
  }

  static String line(Evaluation e) {
    StringBuilder line = new StringBuilder();
    line.append(String.format(Locale.ROOT, "accuracy=%.4f macro_f1=%.4f", e.accuracy(), e.macroF1()));
    if (e.inScopeAccuracy() != null) {
      line.append(String.format(Locale.ROOT, " in_scope_accuracy=%.4f", e.inScopeAccuracy()));
    }
    if (e.outOfScopeRecall() != null) {
      line.append(String.format(Locale.ROOT, " oos_recall=%.4f", e.outOfScopeRecall()));
    }
    return line.toString();
  }
}
