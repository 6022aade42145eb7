package org.feedbackrouter.classify;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One topic of the taxonomy.
 *
 * @param id lowercase snake_case id, the key of the ownership model
 * @param critical feedback on this topic is urgent whatever its tone (privacy breach, fraud...)
 * @param exclusive never reported with another topic (praise: a compliment with nothing to fix; a
 *     text that also complains is about the complaint)
 * @param rules per language, keywords and phrases that point to the topic
 * @param negative per language, words or phrases that rule the topic out
 * @param examples per language, labelled texts the model learns from
 */
public record TaxonomyTopic(
    String id,
    String name,
    String description,
    boolean critical,
    boolean exclusive,
    Map<Language, List<TopicRule>> rules,
    Map<Language, List<String>> negative,
    Map<Language, List<String>> examples) {

  public TaxonomyTopic {
    rules = byLanguage(rules);
    negative = byLanguage(negative);
    examples = byLanguage(examples);
  }

  // EnumMap keeps languages in a fixed order, so training sees examples in the same order each run.
  private static <T> Map<Language, List<T>> byLanguage(Map<Language, List<T>> in) {
    Map<Language, List<T>> out = new EnumMap<>(Language.class);
    in.forEach((k, v) -> out.put(k, List.copyOf(v)));
    return Collections.unmodifiableMap(out);
  }

  public List<TopicRule> rules(Language language) {
    return rules.getOrDefault(language, List.of());
  }

  public List<String> negative(Language language) {
    return negative.getOrDefault(language, List.of());
  }

  public List<String> examples(Language language) {
    return examples.getOrDefault(language, List.of());
  }
}
