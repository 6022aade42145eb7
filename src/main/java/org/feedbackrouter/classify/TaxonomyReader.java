package org.feedbackrouter.classify;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a taxonomy file with Jackson and validates it, collecting every error with its path inside
 * the file ({@code topics[3].rules.es[2].weight: must be in (0, 1], was 4}).
 *
 * <pre>
 * topics:
 *   - id: billing                 # lowercase snake_case, unique
 *     name: Billing
 *     description: Invoices and charges
 *     critical: false             # optional
 *     exclusive: false            # optional: never reported with another topic (praise)
 *     rules:                      # per language (es, en): keyword or phrase, weight in (0, 1]
 *       es: [{match: factura, weight: 0.6}, {match: cobro duplicado, weight: 0.9}]
 *       en: [{match: invoice, weight: 0.6}]
 *     negative:                   # optional: words that rule the topic out
 *       es: [regalo]
 *     examples:                   # optional labelled texts for the model
 *       es: ["Me han cobrado dos veces la factura de marzo"]
 * unclassified:                   # optional: texts no department must act on (greetings, tests,
 *   examples:                     # product opinions): the model learns "none of these" from them
 *     en: ["Just testing this form"]
 * </pre>
 *
 * A topic needs at least one rule or example. Unknown keys and wrong types are errors too.
 */
final class TaxonomyReader {

  private static final Pattern ID = Pattern.compile("[a-z][a-z0-9]*(?:_[a-z0-9]+)*");

  record FileDto(List<TopicDto> topics, UnclassifiedDto unclassified) {}

  /** Texts that belong to no topic, so the model learns what "none of these" looks like. */
  record UnclassifiedDto(Map<String, List<String>> examples) {}

  record TopicDto(
      String id,
      String name,
      String description,
      Boolean critical,
      Boolean exclusive,
      Map<String, List<RuleDto>> rules,
      Map<String, List<String>> negative,
      Map<String, List<String>> examples) {}

  record RuleDto(String match, Double weight) {}

  TaxonomyReader() {}

  Taxonomy read(InputStream in, String source) throws IOException {
    List<String> errors = new ArrayList<>();
    ObjectMapper mapper =
        new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .addHandler(new YamlProblems.CollectingHandler(errors));
    FileDto file;
    try {
      file = mapper.readValue(in, FileDto.class);
    } catch (MismatchedInputException e) {
      errors.add(YamlProblems.path(e) + ": " + e.getOriginalMessage());
      throw new TaxonomyException(source, errors);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      errors.add("(file): not valid YAML: " + e.getOriginalMessage());
      throw new TaxonomyException(source, errors);
    }
    List<TaxonomyTopic> topics = validate(file, errors);
    Map<Language, List<String>> unclassified =
        file == null || file.unclassified() == null
            ? Map.of()
            : texts(file.unclassified().examples(), "unclassified.examples", errors);
    if (!errors.isEmpty()) {
      throw new TaxonomyException(source, errors);
    }
    return new Taxonomy(topics, unclassified);
  }

  private static List<TaxonomyTopic> validate(FileDto file, List<String> errors) {
    List<TaxonomyTopic> topics = new ArrayList<>();
    if (file == null || file.topics() == null || file.topics().isEmpty()) {
      errors.add("topics: must list at least one topic");
      return topics;
    }
    Map<String, Integer> firstIndex = new HashMap<>();
    for (int i = 0; i < file.topics().size(); i++) {
      String at = "topics[" + i + "]";
      TopicDto t = file.topics().get(i);
      if (t == null) {
        errors.add(at + ": must be a topic, was empty");
        continue;
      }
      if (t.id() == null || t.id().isBlank()) {
        errors.add(at + ".id: is required");
      } else if (!ID.matcher(t.id()).matches()) {
        errors.add(at + ".id: must be lowercase snake_case (e.g. product_defect), was '" + t.id() + "'");
      } else if (t.id().equals(Classification.UNCLASSIFIED)) {
        errors.add(at + ".id: '" + Classification.UNCLASSIFIED + "' is reserved");
      } else if (firstIndex.containsKey(t.id())) {
        errors.add(
            at + ".id: duplicate id '" + t.id() + "' (first at topics[" + firstIndex.get(t.id()) + "])");
      } else {
        firstIndex.put(t.id(), i);
      }
      if (t.name() == null || t.name().isBlank()) {
        errors.add(at + ".name: is required");
      }
      Map<Language, List<TopicRule>> rules = rules(t.rules(), at + ".rules", errors);
      Map<Language, List<String>> negative = texts(t.negative(), at + ".negative", errors);
      Map<Language, List<String>> examples = texts(t.examples(), at + ".examples", errors);
      boolean hasRules = rules.values().stream().anyMatch(l -> !l.isEmpty());
      boolean hasExamples = examples.values().stream().anyMatch(l -> !l.isEmpty());
      if (!hasRules && !hasExamples) {
        errors.add(at + ": topic '" + t.id() + "' is empty: give it rules or examples");
      }
      topics.add(
          new TaxonomyTopic(
              t.id(),
              t.name(),
              t.description() == null ? "" : t.description(),
              Boolean.TRUE.equals(t.critical()),
              Boolean.TRUE.equals(t.exclusive()),
              rules,
              negative,
              examples));
    }
    return topics;
  }

  /** Checks one entry of a per-language list; returns it, or null after recording errors. */
  private interface EntryCheck<I, O> {
    O check(I item, String at, List<String> errors);
  }

  private static Map<Language, List<TopicRule>> rules(
      Map<String, List<RuleDto>> in, String at, List<String> errors) {
    return perLanguage(in, at, errors, TaxonomyReader::rule);
  }

  private static Map<Language, List<String>> texts(
      Map<String, List<String>> in, String at, List<String> errors) {
    return perLanguage(in, at, errors, TaxonomyReader::text);
  }

  private static <I, O> Map<Language, List<O>> perLanguage(
      Map<String, List<I>> in, String at, List<String> errors, EntryCheck<I, O> check) {
    Map<Language, List<O>> out = new EnumMap<>(Language.class);
    if (in == null) {
      return out;
    }
    in.forEach(
        (lang, list) -> {
          String langAt = at + "." + lang;
          Language language = language(lang, langAt, errors);
          List<O> entries = new ArrayList<>();
          for (int j = 0; list != null && j < list.size(); j++) {
            O entry = check.check(list.get(j), langAt + "[" + j + "]", errors);
            if (entry != null) {
              entries.add(entry);
            }
          }
          if (language != null) {
            out.put(language, entries);
          }
        });
    return out;
  }

  private static TopicRule rule(RuleDto r, String at, List<String> errors) {
    if (r == null) {
      errors.add(at + ": must be {match, weight}, was empty");
      return null;
    }
    boolean ok = true;
    if (r.match() == null || !hasWord(r.match())) {
      errors.add(at + ".match: must contain a word");
      ok = false;
    }
    if (r.weight() == null) {
      errors.add(at + ".weight: is required");
      ok = false;
    } else if (!(r.weight() > 0 && r.weight() <= 1)) {
      errors.add(at + ".weight: must be in (0, 1], was " + number(r.weight()));
      ok = false;
    }
    return ok ? new TopicRule(r.match().strip(), r.weight()) : null;
  }

  private static String text(String s, String at, List<String> errors) {
    if (s == null || !hasWord(s)) {
      errors.add(at + ": must contain a word");
      return null;
    }
    return s.strip();
  }

  private static Language language(String code, String at, List<String> errors) {
    Language l = "es".equals(code) ? Language.ES : "en".equals(code) ? Language.EN : null;
    if (l == null) {
      errors.add(at + ": unsupported language '" + code + "', use es or en");
    }
    return l;
  }

  private static boolean hasWord(String s) {
    return s.codePoints().anyMatch(Character::isLetterOrDigit);
  }

  /** 4 rather than 4.0, 0.25 as it is. */
  private static String number(double d) {
    return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
  }
}
