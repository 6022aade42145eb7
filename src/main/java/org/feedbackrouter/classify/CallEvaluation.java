package org.feedbackrouter.classify;

import java.util.List;
import java.util.Locale;
import org.feedbackrouter.avro.Priority;

/**
 * How right the classifier's calls are against multi-topic gold, counted the way departments feel
 * them: every topic reported is a task, so topic precision is the share of tasks sent to a
 * department that should act; topic recall the share of such departments reached (over texts that
 * have a topic). Unclassified precision is the share of "unclassified" calls that were right.
 * Fields are null when the gold file lacks the column they need.
 */
public record CallEvaluation(
    int total,
    double primaryAccuracy,
    Double topicPrecision,
    Double topicRecall,
    double unclassifiedPrecision,
    double unclassifiedRecall,
    Double sentimentAccuracy,
    Double p1Precision,
    Double p1Recall) {

  public static CallEvaluation of(List<GoldText> gold, List<Classification> calls) {
    if (gold.size() != calls.size() || gold.isEmpty()) {
      throw new IllegalArgumentException("need one call per gold text, and some");
    }
    String u = Classification.UNCLASSIFIED;
    int primaryRight = 0, reported = 0, spurious = 0, goldTopics = 0, found = 0;
    int saidU = 0, goldU = 0, bothU = 0, sentimentRight = 0, p1Said = 0, critical = 0, p1Right = 0;
    boolean haveTopics = true, haveSentiment = true, haveCritical = true;
    for (int i = 0; i < gold.size(); i++) {
      GoldText g = gold.get(i);
      Classification c = calls.get(i);
      primaryRight += g.primary().equals(c.primaryTopic()) ? 1 : 0;
      saidU += c.isClassified() ? 0 : 1;
      goldU += g.primary().equals(u) ? 1 : 0;
      bothU += !c.isClassified() && g.primary().equals(u) ? 1 : 0;
      haveTopics &= g.topicsOrNull() != null;
      if (g.topicsOrNull() != null) {
        for (TopicMatch m : c.topics()) {
          reported++;
          spurious += g.topicsOrNull().contains(m.topic()) ? 0 : 1;
        }
        if (!g.primary().equals(u)) {
          goldTopics += g.topicsOrNull().size();
          found += (int) g.topicsOrNull().stream().filter(t -> c.topics().stream().anyMatch(m -> m.topic().equals(t)))
              .count();
        }
      }
      haveSentiment &= g.sentimentOrNull() != null;
      if (g.sentimentOrNull() != null && g.sentimentOrNull().equals(c.sentiment().name().toLowerCase(Locale.ROOT))) {
        sentimentRight++;
      }
      haveCritical &= g.criticalOrNull() != null;
      boolean p1 = c.priority() == Priority.P1;
      boolean isCritical = Boolean.TRUE.equals(g.criticalOrNull());
      p1Said += p1 ? 1 : 0;
      critical += isCritical ? 1 : 0;
      p1Right += p1 && isCritical ? 1 : 0;
    }
    int n = gold.size();
    return new CallEvaluation(n, (double) primaryRight / n,
        haveTopics ? 1 - (double) spurious / Math.max(1, reported) : null,
        haveTopics ? (double) found / Math.max(1, goldTopics) : null,
        (double) bothU / Math.max(1, saidU), (double) bothU / Math.max(1, goldU),
        haveSentiment ? (double) sentimentRight / n : null,
        haveCritical ? (double) p1Right / Math.max(1, p1Said) : null,
        haveCritical ? (double) p1Right / Math.max(1, critical) : null);
  }

  /** The machine-readable figures, {@code name=value} separated by spaces; absent figures are left out. */
  public String line() {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "primary_accuracy=%.4f", primaryAccuracy));
    append(b, "topic_precision", topicPrecision);
    append(b, "topic_recall", topicRecall);
    append(b, "unclassified_precision", unclassifiedPrecision);
    append(b, "unclassified_recall", unclassifiedRecall);
    append(b, "sentiment_accuracy", sentimentAccuracy);
    append(b, "p1_precision", p1Precision);
    append(b, "p1_recall", p1Recall);
    return b.toString();
  }

  private static void append(StringBuilder b, String name, Double v) {
    if (v != null) {
      b.append(String.format(Locale.ROOT, " %s=%.4f", name, v));
    }
  }
}
