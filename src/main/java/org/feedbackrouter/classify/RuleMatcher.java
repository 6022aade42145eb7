package org.feedbackrouter.classify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The taxonomy's keyword and phrase rules, compiled per language. A topic's rule score combines
 * the weights of its distinct rules found in the text as independent evidence, 1 - prod(1 - w),
 * so two weak rules say more than one; a negative rule rules the topic out.
 */
final class RuleMatcher {

  private final Map<Language, PhraseIndex> indexes = new EnumMap<>(Language.class);
  // Per rule, in payload order: its topic, its weight, and whether it rules the topic out.
  private final int[] topicOf;
  private final double[] weightOf;
  private final boolean[] negativeOf;
  // Per rule, the phrase as the taxonomy wrote it, for explanations.
  private final String[] phraseOf;

  RuleMatcher(List<TaxonomyTopic> topics, TextAnalyzer analyzer) {
    List<Integer> topic = new ArrayList<>();
    List<Double> weight = new ArrayList<>();
    List<Boolean> negative = new ArrayList<>();
    List<String> phrase = new ArrayList<>();
    for (Language language : List.of(Language.ES, Language.EN)) {
      PhraseIndex.Builder b = new PhraseIndex.Builder(analyzer);
      for (int t = 0; t < topics.size(); t++) {
        for (TopicRule r : topics.get(t).rules(language)) {
          if (b.add(r.match(), language, topic.size())) {
            topic.add(t);
            weight.add(r.weight());
            negative.add(false);
            phrase.add(r.match());
          }
        }
        for (String n : topics.get(t).negative(language)) {
          if (b.add(n, language, topic.size())) {
            topic.add(t);
            weight.add(0.0);
            negative.add(true);
            phrase.add(n);
          }
        }
      }
      indexes.put(language, b.build());
    }
    topicOf = topic.stream().mapToInt(Integer::intValue).toArray();
    weightOf = weight.stream().mapToDouble(Double::doubleValue).toArray();
    phraseOf = phrase.toArray(String[]::new);
    negativeOf = new boolean[negative.size()];
    for (int i = 0; i < negativeOf.length; i++) {
      negativeOf[i] = negative.get(i);
    }
  }

  int ruleCount() {
    return topicOf.length;
  }

  /** The rules marked in {@code seen} by the last {@link #score} call, as the taxonomy wrote them. */
  List<RuleHit> hits(List<TaxonomyTopic> topics, boolean[] seen) {
    List<RuleHit> out = new ArrayList<>();
    for (int rule = 0; rule < seen.length; rule++) {
      if (seen[rule]) {
        out.add(new RuleHit(topics.get(topicOf[rule]).id(), phraseOf[rule], weightOf[rule], negativeOf[rule]));
      }
    }
    return out;
  }

  /**
   * Fills {@code scores} with each topic's rule score and {@code ruledOut} with the topics a
   * negative rule excluded. Rules of one topic found at the same word ("bill" and "billing" stem
   * alike) count once, with the highest weight: one word is one piece of evidence. {@code seen} is
   * scratch of at least {@link #ruleCount()} entries, {@code lastPosition} and {@code lastWeight}
   * of one entry per topic.
   */
  void score(AnalyzedText text, Language language, double[] scores, boolean[] ruledOut, boolean[] seen,
      int[] lastPosition, double[] lastWeight) {
    Arrays.fill(scores, 0);
    Arrays.fill(ruledOut, false);
    Arrays.fill(seen, false);
    Arrays.fill(lastPosition, -1);
    PhraseIndex index = indexes.get(language == Language.EN ? Language.EN : Language.ES);
    index.find(
        text.stems(),
        text.stemCount(),
        (entry, position) -> {
          int rule = index.payload(entry);
          if (seen[rule]) {
            return;
          }
          seen[rule] = true;
          int t = topicOf[rule];
          double w = weightOf[rule];
          if (negativeOf[rule]) {
            ruledOut[t] = true;
          } else if (lastPosition[t] != position) {
            scores[t] = 1 - (1 - scores[t]) * (1 - w);
            lastPosition[t] = position;
            lastWeight[t] = w;
          } else if (w > lastWeight[t] && lastWeight[t] < 1) {
            // Replace the weaker rule's evidence at this word by the stronger one's.
            scores[t] = 1 - (1 - scores[t]) / (1 - lastWeight[t]) * (1 - w);
            lastWeight[t] = w;
          }
        });
  }
}
