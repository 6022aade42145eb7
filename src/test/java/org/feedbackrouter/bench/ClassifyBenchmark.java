package org.feedbackrouter.bench;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.es.SpanishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.feedbackrouter.classify.Classification;
import org.feedbackrouter.classify.FeedbackClassifier;
import org.feedbackrouter.redact.Redactor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Throughput of classify (redaction, language detection, analysis, rules, model, sentiment,
 * priority) on realistic ~200-character Spanish and English feedback, with the default taxonomy and
 * a model trained on its examples, on one thread. The baselines run over the same texts in the same
 * run, so ratios stay meaningful on a busy machine: Lucene's stock Spanish/English analyzers alone,
 * and a plain lower-casing.
 *
 * <p>Run: {@code mvn -B -q test-compile exec:exec@bench} (see README).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
@State(Scope.Thread)
public class ClassifyBenchmark {

  private static final List<String> TEXTS = ClassifyBenchmarkTexts.all();

  private FeedbackClassifier classifier;
  private Redactor redactor;
  private Analyzer spanishAnalyzer;
  private Analyzer englishAnalyzer;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    classifier = FeedbackClassifier.withDefaults();
    redactor = Redactor.defaults();
    spanishAnalyzer = new SpanishAnalyzer();
    englishAnalyzer = new EnglishAnalyzer();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    spanishAnalyzer.close();
    englishAnalyzer.close();
  }

  private int nextIndex() {
    int i = next;
    next = (i + 1) % TEXTS.size();
    return i;
  }

  /** The whole per-feedback path: redact, detect language, analyse, rules, model, sentiment, priority. */
  @Benchmark
  public Classification classify() {
    int i = nextIndex();
    return classifier.classify(TEXTS.get(i), null, i % 11, null, null);
  }

  /** Redaction alone. */
  @Benchmark
  public String redact() {
    return redactor.redact(TEXTS.get(nextIndex()));
  }

  /** Baseline: Lucene's stock analyzer of the text's language, tokens consumed, nothing else. */
  @Benchmark
  public int luceneAnalyzerBaseline() throws IOException {
    int i = nextIndex();
    return consume(i % 2 == 0 ? spanishAnalyzer : englishAnalyzer, TEXTS.get(i));
  }

  /** Runs an analyzer over a text; the baseline this and {@code ClassifyStageCost} compare against. */
  public static int consume(Analyzer analyzer, String text) throws IOException {
    int chars = 0;
    try (TokenStream ts = analyzer.tokenStream("text", text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        chars += term.length();
      }
      ts.end();
    }
    return chars;
  }

  /** Baseline: lower-casing the text. */
  @Benchmark
  public String lowercaseBaseline() {
    return TEXTS.get(nextIndex()).toLowerCase(Locale.ROOT);
  }
}
