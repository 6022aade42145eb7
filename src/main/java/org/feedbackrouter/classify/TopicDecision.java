package org.feedbackrouter.classify;

import java.util.ArrayList;
import java.util.List;
import org.feedbackrouter.avro.MatchSource;

/**
 * Which topics a text is given, from each topic's rule score and model probability. Precision
 * first: a wrong department is worse than none. A topic's score is {@code 1 - (1 - w * rule) * (1 -
 * model)}, the two taken as independent evidence, rules weighed by {@code w}; the best topic must reach the primary bar, and
 * every other topic the higher secondary bar, so a stray keyword does not send a task to a second
 * department. A topic a negative rule excluded is never reported, and an exclusive topic (praise)
 * never with another.
 */
final class TopicDecision {

  private TopicDecision() {}

  /**
   * The topics reported, best first; empty means unclassified.
   *
   * @param verdictsOrNull when given, receives the case of every topic with any evidence
   */
  static List<TopicMatch> decide(
      List<TaxonomyTopic> topics,
      double[] ruleScores,
      double[] modelScores,
      boolean[] ruledOut,
      ClassifierSettings settings,
      List<Explanation.TopicVerdict> verdictsOrNull) {
    int n = topics.size();
    double[] combined = new double[n];
    int best = -1;
    for (int t = 0; t < n; t++) {
      combined[t] = ruledOut[t] ? 0 : 1 - (1 - settings.ruleWeight() * ruleScores[t]) * (1 - modelScores[t]);
      if (!ruledOut[t] && (best < 0 || combined[t] > combined[best])) {
        best = t;
      }
    }
    List<TopicMatch> out = new ArrayList<>(2);
    boolean hasPrimary = best >= 0 && combined[best] >= settings.threshold();
    if (hasPrimary) {
      out.add(match(topics.get(best).id(), ruleScores[best], modelScores[best], combined[best], settings));
    }
    for (int t = 0; t < n; t++) {
      if (t == best || ruledOut[t] || combined[t] < settings.secondaryThreshold() || !hasPrimary
          || topics.get(t).exclusive() || topics.get(best).exclusive()) {
        continue;
      }
      out.add(match(topics.get(t).id(), ruleScores[t], modelScores[t], combined[t], settings));
    }
    out.sort((a, b) -> Double.compare(b.score(), a.score()));
    List<TopicMatch> reported = out.size() > settings.maxTopics() ? out.subList(0, settings.maxTopics()) : out;
    if (verdictsOrNull != null) {
      for (int t = 0; t < n; t++) {
        if (ruleScores[t] > 0 || modelScores[t] >= 0.05 || ruledOut[t]) {
          boolean exclusive = t != best && (topics.get(t).exclusive() || topics.get(best).exclusive());
          verdictsOrNull.add(verdict(topics.get(t).id(), t == best, hasPrimary, exclusive, ruleScores[t],
              modelScores[t], combined[t], ruledOut[t], reported, settings));
        }
      }
    }
    return reported;
  }

  private static TopicMatch match(String topic, double rule, double model, double score, ClassifierSettings s) {
    MatchSource source =
        rule > 0 ? (model >= s.threshold() ? MatchSource.BOTH : MatchSource.RULE) : MatchSource.MODEL;
    return new TopicMatch(topic, score, source);
  }

  private static Explanation.TopicVerdict verdict(String topic, boolean isBest, boolean hasPrimary,
      boolean exclusive, double rule,
      double model, double score, boolean ruledOut, List<TopicMatch> reported, ClassifierSettings s) {
    double bar = isBest ? s.threshold() : s.secondaryThreshold();
    boolean passed = reported.stream().anyMatch(m -> m.topic().equals(topic));
    String why;
    if (ruledOut) {
      why = "excluded by a negative rule";
    } else if (passed) {
      why = isBest ? "primary" : "secondary";
    } else if (!isBest && !hasPrimary) {
      why = "no topic reached the primary bar";
    } else if (exclusive && score >= bar) {
      why = "an exclusive topic is not reported with others";
    } else if (score < bar) {
      why = isBest ? "below the primary bar" : "below the secondary bar";
    } else {
      why = "beyond the most topics reported";
    }
    return new Explanation.TopicVerdict(topic, rule, model, score, bar, passed, why);
  }
}
