package org.feedbackrouter.classify;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Spanish and English sentiment words and phrases with negation, read from
 * {@code taxonomy/sentiment-lexicon.yaml}. A negator ("no", "nunca", "not", "never") within three
 * words before an expression turns it around: "no funciona" and "not happy" count as negative,
 * "no está mal" as mildly positive, and expected events ("llegó", "arrived") count as negative only
 * when negated ("nunca llegó", "never arrived").
 */
final class SentimentLexicon {

  static final String RESOURCE = "/taxonomy/sentiment-lexicon.yaml";
  private static final int NEGATION_REACH = 3;
  // Negating a negative word softens it rather than flipping it: "not bad" is not "good".
  private static final double NEGATED_NEGATIVE = -0.5;

  record LanguageLexicon(
      List<String> negators, Map<String, Double> positive, Map<String, Double> negative, List<String> expected) {}

  private final Map<Language, PhraseIndex> expressions = new EnumMap<>(Language.class);
  private final Map<Language, PhraseIndex> negators = new EnumMap<>(Language.class);
  // Per expression payload: value alone and value when negated.
  private final double[] plain;
  private final double[] negated;

  SentimentLexicon(Map<String, LanguageLexicon> lexicons, TextAnalyzer analyzer) {
    List<double[]> values = new ArrayList<>();
    for (Language language : List.of(Language.ES, Language.EN)) {
      LanguageLexicon lex = lexicons.get(language.code());
      PhraseIndex.Builder words = new PhraseIndex.Builder(analyzer);
      PhraseIndex.Builder neg = new PhraseIndex.Builder(analyzer);
      if (lex != null) {
        lex.negators().forEach(n -> neg.add(n, language, 0));
        lex.positive()
            .forEach(
                (w, v) -> {
                  if (words.add(w, language, values.size())) {
                    values.add(new double[] {v, -v});
                  }
                });
        lex.negative()
            .forEach(
                (w, v) -> {
                  if (words.add(w, language, values.size())) {
                    values.add(new double[] {-v, -v * NEGATED_NEGATIVE});
                  }
                });
        lex.expected()
            .forEach(
                w -> {
                  if (words.add(w, language, values.size())) {
                    values.add(new double[] {0, -1});
                  }
                });
      }
      expressions.put(language, words.build());
      negators.put(language, neg.build());
    }
    plain = values.stream().mapToDouble(v -> v[0]).toArray();
    negated = values.stream().mapToDouble(v -> v[1]).toArray();
  }

  static SentimentLexicon fromClasspath(TextAnalyzer analyzer) {
    ObjectMapper mapper =
        new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    try (InputStream in = SentimentLexicon.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " missing from the classpath");
      }
      Map<String, LanguageLexicon> lexicons =
          mapper.readValue(
              in,
              mapper.getTypeFactory()
                  .constructMapType(Map.class, String.class, LanguageLexicon.class));
      return new SentimentLexicon(lexicons, analyzer);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  /** Scores an analysed text; {@code lastNegatorScratch} holds at least the text's word count. */
  TextSentiment score(AnalyzedText text, Language language, int[] lastNegatorScratch) {
    Language l = language == Language.EN ? Language.EN : Language.ES;
    long[] stems = text.stems();
    int n = text.stemCount();
    // lastNegator[i]: position of the closest negator at or before i, or -1.
    int[] lastNegator = lastNegatorScratch;
    Arrays.fill(lastNegator, 0, n, -1);
    negators.get(l).find(stems, n, (entry, pos) -> lastNegator[pos] = pos);
    for (int i = 1; i < n; i++) {
      if (lastNegator[i] < 0) {
        lastNegator[i] = lastNegator[i - 1];
      }
    }
    double[] sums = new double[2];
    PhraseIndex index = expressions.get(l);
    index.find(
        stems,
        n,
        (entry, pos) -> {
          int neg = pos > 0 ? lastNegator[pos - 1] : -1;
          boolean isNegated = neg >= 0 && pos - neg <= NEGATION_REACH;
          int value = index.payload(entry);
          double v = isNegated ? negated[value] : plain[value];
          if (v > 0) {
            sums[0] += v;
          } else {
            sums[1] -= v;
          }
        });
    return sums[0] == 0 && sums[1] == 0 ? TextSentiment.NONE : new TextSentiment(sums[0], sums[1]);
  }
}
