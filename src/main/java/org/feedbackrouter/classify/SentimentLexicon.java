package org.feedbackrouter.classify;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tartarus.snowball.SnowballStemmer;
import org.tartarus.snowball.ext.PorterStemmer;
import org.tartarus.snowball.ext.SpanishStemmer;

/**
 * The sentiment words, phrases and rule words of each language, read from
 * {@code taxonomy/sentiment-lexicon.yaml} and the public word lists it names (VADER for English,
 * ElhPolar for Spanish). Values are on VADER's scale, -4 to +4. A word is looked up as written
 * (folded), then by its Snowball stem, so "decepcionados" finds "decepcionado"; phrases are matched
 * on stems. {@link SentimentScorer} applies the rules.
 */
final class SentimentLexicon {

  static final String RESOURCE_DIR = "/taxonomy/";
  static final String RESOURCE = RESOURCE_DIR + "sentiment-lexicon.yaml";
  static final int MIN_STEMMED = 5;

  record LanguageFile(
      String source,
      Double sourceWeight,
      List<String> negators,
      Map<String, Double> boosters,
      List<String> contrast,
      List<String> concessive,
      List<String> expected,
      List<String> reportOpeners,
      Map<String, Double> words) {}

  record LexiconFile(
      LanguageFile es, LanguageFile en, Map<String, Double> emoji, Map<String, Double> emoticons) {}

  /** One language's tables; keys are folded words, or stems joined by spaces for phrases. */
  static final class Tables {
    final Language language;
    final Map<String, Double> words = new HashMap<>();
    final Map<String, Double> stems = new HashMap<>();
    final Map<String, Double> phrases = new HashMap<>();
    final Set<String> negators = new HashSet<>();
    final Map<String, Double> boosters = new HashMap<>();
    final Set<String> contrast = new HashSet<>();
    final Set<String> concessive = new HashSet<>();
    final Set<String> expected = new HashSet<>();
    final Set<String> reportOpeners = new HashSet<>();
    int longestPhrase = 1;

    Tables(Language language) {
      this.language = language;
    }

    String stem(String folded) {
      SnowballStemmer s = language == Language.EN ? new PorterStemmer() : new SpanishStemmer();
      s.setCurrent(folded);
      s.stem();
      return s.getCurrent();
    }

    /** Stems of the words of a folded phrase, joined by spaces. */
    String stemKey(String phrase) {
      StringBuilder b = new StringBuilder();
      for (String w : phrase.split(" +")) {
        if (!b.isEmpty()) {
          b.append(' ');
        }
        b.append(stem(w));
      }
      return b.toString();
    }

    /**
     * The value of a single word: as written, else by stem; null when unknown. Short words only
     * match as written: their stems collide with unrelated entries ("con", "has").
     */
    Double word(String folded, String stem) {
      Double v = words.get(folded);
      return v != null || folded.length() < MIN_STEMMED || stem.length() < MIN_STEMMED - 1 ? v : stems.get(stem);
    }
  }

  private final Map<Language, Tables> tables = new EnumMap<>(Language.class);
  private final Map<String, Double> symbols = new HashMap<>();
  private final List<String> emoticons;

  private SentimentLexicon(LexiconFile file) {
    tables.put(Language.ES, build(Language.ES, file.es()));
    tables.put(Language.EN, build(Language.EN, file.en()));
    file.emoji().forEach((k, v) -> symbols.put(k.replace("\uFE0F", ""), v));
    symbols.putAll(file.emoticons());
    emoticons = file.emoticons().keySet().stream()
        .sorted(Comparator.comparingInt(String::length).reversed()).toList();
  }

  static SentimentLexicon fromClasspath() {
    ObjectMapper mapper =
        new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    try (InputStream in = open(RESOURCE)) {
      return new SentimentLexicon(mapper.readValue(in, LexiconFile.class));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  Tables tables(Language language) {
    return tables.get(language == Language.EN ? Language.EN : Language.ES);
  }

  /** The value of an emoji or emoticon; null when it carries none. */
  Double symbol(String form) {
    return symbols.get(form.replace("\uFE0F", ""));
  }

  List<String> emoticons() {
    return emoticons;
  }

  private static Tables build(Language language, LanguageFile f) {
    Tables t = new Tables(language);
    Map<String, Double> all = new LinkedHashMap<>();
    if (f.source() != null) {
      double weight = f.sourceWeight() == null ? 1 : f.sourceWeight();
      readSource(f.source(), weight, all);
    }
    if (f.words() != null) {
      f.words().forEach((w, v) -> all.put(SentimentTokens.fold(w), v));
    }
    // Rule words carry no value of their own, whatever a source list says ("no", "pero", "sin").
    for (List<String> rule : List.of(f.negators(), f.contrast(), List.copyOf(f.boosters().keySet()))) {
      rule.forEach(w -> all.remove(SentimentTokens.fold(w)));
    }
    Map<String, List<Double>> byStem = new HashMap<>();
    all.forEach((w, v) -> {
      if (w.contains(" ")) {
        t.phrases.put(t.stemKey(w), v);
        t.longestPhrase = Math.max(t.longestPhrase, w.split(" +").length);
      } else {
        t.words.put(w, v);
        byStem.computeIfAbsent(t.stem(w), k -> new ArrayList<>()).add(v);
      }
    });
    // Inflections sharing a stem share the mean value; a listed 0 stays 0 for its own form only.
    byStem.forEach((s, vs) -> t.stems.put(s, vs.stream().mapToDouble(Double::doubleValue).average().orElse(0)));
    f.negators().forEach(w -> t.negators.add(SentimentTokens.fold(w).replace("'", "")));
    f.boosters().forEach((w, v) -> t.boosters.put(SentimentTokens.fold(w), v));
    f.contrast().forEach(w -> t.contrast.add(SentimentTokens.fold(w)));
    f.concessive().forEach(w -> t.concessive.add(SentimentTokens.fold(w)));
    f.expected().forEach(w -> {
      String folded = SentimentTokens.fold(w);
      t.expected.add(folded);
      t.expected.add(t.stem(folded));
    });
    f.reportOpeners().forEach(w -> t.reportOpeners.add(SentimentTokens.fold(w)));
    return t;
  }

  /** Reads {@code word<TAB>value} lines; value a number or positive/negative (scaled by weight). */
  private static void readSource(String name, double weight, Map<String, Double> into) {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(open(RESOURCE_DIR + name), StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] cols = line.split("\t");
        double v = switch (cols[1].trim()) {
          case "positive" -> weight;
          case "negative" -> -weight;
          default -> Double.parseDouble(cols[1].trim()) * weight;
        };
        into.put(SentimentTokens.fold(cols[0].trim()), v);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name, e);
    }
  }

  private static InputStream open(String resource) {
    InputStream in = SentimentLexicon.class.getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalStateException(resource + " missing from the classpath");
    }
    return in;
  }
}
