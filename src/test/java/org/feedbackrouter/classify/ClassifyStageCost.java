package org.feedbackrouter.classify;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Locale;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.es.SpanishAnalyzer;
import org.feedbackrouter.bench.ClassifyBenchmark;
import org.feedbackrouter.bench.ClassifyBenchmarkTexts;
import org.feedbackrouter.redact.Redactor;

/**
 * Where classify's time goes, stage by stage, in this thread's CPU time over the benchmark texts:
 * redaction, language detection, Lucene analysis, the topic model, and the whole call. Two library
 * baselines run in the same rounds: Lucene's stock analyzer over the same texts, and
 * libphonenumber parsing and validating one Spanish number, the least a text with a phone number
 * costs. Rounds of all stages alternate, so a busy machine moves them alike.
 *
 * <p>Run: {@code mvn -B -q test-compile exec:exec@bench-stages}
 */
public final class ClassifyStageCost {

  private static final int ROUNDS = 25;
  private static final int WARMUP_ROUNDS = 8;
  private static final int TEXTS_PER_ROUND = 16_000;
  private static final String[] STAGES = {
    "classify (all)", "redact", "detect language", "analyze", "model", "lucene stock analyzer",
    "libphonenumber parse+valid"
  };

  private ClassifyStageCost() {}

  public static void main(String[] args) throws IOException, NumberParseException {
    List<String> texts = ClassifyBenchmarkTexts.all();
    Taxonomy taxonomy = Taxonomy.defaults();
    ClassifierSettings settings = ClassifierSettings.defaults();
    TopicModel model = TopicModel.train(taxonomy, settings.model());
    FeedbackClassifier classifier =
        FeedbackClassifier.create(taxonomy, model, PriorityRules.defaults(), settings);
    Redactor redactor = Redactor.defaults();
    LanguageDetector detector = new LanguageDetector();
    PhoneNumberUtil phones = PhoneNumberUtil.getInstance();
    int n = texts.size();
    String[] redacted = new String[n];
    Language[] languages = new Language[n];
    AnalyzedText[] analyzed = new AnalyzedText[n];
    try (TextAnalyzer analyzer = new TextAnalyzer();
        Analyzer spanish = new SpanishAnalyzer();
        Analyzer english = new EnglishAnalyzer()) {
      for (int i = 0; i < n; i++) {
        redacted[i] = redactor.redact(texts.get(i));
        languages[i] = detector.detect(redacted[i]);
        analyzed[i] = model.newAnalyzedText();
        analyzer.analyze(redacted[i], languages[i], analyzed[i]);
      }
      AnalyzedText scratchText = model.newAnalyzedText();
      SparseVector vector = new SparseVector();
      double[] scores = new double[model.labels().size()];
      ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
      double[] nanos = new double[STAGES.length];
      long sink = 0;
      for (int round = 0; round < ROUNDS; round++) {
        for (int stage = 0; stage < STAGES.length; stage++) {
          long start = cpu.getCurrentThreadCpuTime();
          for (int i = 0; i < TEXTS_PER_ROUND; i++) {
            int t = i % n;
            sink +=
                switch (stage) {
                  case 0 -> classifier.classify(texts.get(t), null, i % 11, null, null).topics().size();
                  case 1 -> redactor.redact(texts.get(t)).length();
                  case 2 -> detector.detect(redacted[t]).ordinal();
                  case 3 -> {
                    scratchText.clear();
                    analyzer.analyze(redacted[t], languages[t], scratchText);
                    yield scratchText.stemCount();
                  }
                  case 4 -> {
                    model.probabilities(analyzed[t], vector, scores);
                    yield scores[0] > 0.5 ? 1 : 0;
                  }
                  case 5 -> ClassifyBenchmark.consume(languages[t] == Language.EN ? english : spanish, redacted[t]);
                  default -> phones.isValidNumber(phones.parse("612 345 678", "ES")) ? 1 : 0;
                };
          }
          if (round >= WARMUP_ROUNDS) {
            nanos[stage] += cpu.getCurrentThreadCpuTime() - start;
          }
        }
      }
      double measuredTexts = (double) (ROUNDS - WARMUP_ROUNDS) * TEXTS_PER_ROUND;
      double whole = nanos[0] / measuredTexts;
      for (int stage = 0; stage < STAGES.length; stage++) {
        double micros = nanos[stage] / measuredTexts / 1000;
        System.out.printf(
            Locale.ROOT, "%-28s %7.2f µs/text  %5.1f%% of classify%n", STAGES[stage], micros, 100 * nanos[stage] / measuredTexts / whole);
      }
      System.out.printf(
          Locale.ROOT, "classify_per_cpu_s=%.0f lucene_analyzer_per_cpu_s=%.0f ratio=%.3f (checksum %d)%n",
          1e9 / whole, 1e9 / (nanos[5] / measuredTexts), nanos[5] / nanos[0], sink);
    }
  }
}
