package org.feedbackrouter.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Locale;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.es.SpanishAnalyzer;
import org.feedbackrouter.classify.FeedbackClassifier;

/**
 * Companion to {@link ClassifyBenchmark} for a crowded machine: alternates short rounds of the
 * Lucene-analyzer baseline and of classify over the same texts, and divides by this thread's CPU
 * time rather than wall time, so other processes stealing the cores move both figures alike.
 * Prints texts per CPU-second for each and their ratio.
 *
 * <p>Run: {@code mvn -B -q test-compile exec:exec@bench-cpu}
 */
public final class CpuTimeRatio {

  private static final int ROUNDS = 30;
  private static final int WARMUP_ROUNDS = 10;

  private CpuTimeRatio() {}

  public static void main(String[] args) throws IOException {
    List<String> texts = ClassifyBenchmarkTexts.all();
    FeedbackClassifier classifier = FeedbackClassifier.withDefaults();
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    long sink = 0;
    long baselineNanos = 0;
    long classifyNanos = 0;
    long baselineTexts = 0;
    long classifyTexts = 0;
    try (Analyzer spanish = new SpanishAnalyzer();
        Analyzer english = new EnglishAnalyzer()) {
      for (int round = 0; round < ROUNDS; round++) {
        long t0 = cpu.getCurrentThreadCpuTime();
        for (int i = 0; i < 20_000; i++) {
          String text = texts.get(i % texts.size());
          sink += ClassifyBenchmark.consume(i % 2 == 0 ? spanish : english, text);
        }
        long t1 = cpu.getCurrentThreadCpuTime();
        for (int i = 0; i < 4_000; i++) {
          sink += classifier.classify(texts.get(i % texts.size()), null, i % 11, null, null).topics().size();
        }
        long t2 = cpu.getCurrentThreadCpuTime();
        if (round >= WARMUP_ROUNDS) {
          baselineNanos += t1 - t0;
          classifyNanos += t2 - t1;
          baselineTexts += 20_000;
          classifyTexts += 4_000;
        }
      }
    }
    double baseline = baselineTexts / (baselineNanos / 1e9);
    double classify = classifyTexts / (classifyNanos / 1e9);
    System.out.printf(
        Locale.ROOT,
        "lucene_analyzer_per_cpu_s=%.0f classify_per_cpu_s=%.0f ratio=%.3f (checksum %d)%n",
        baseline, classify, classify / baseline, sink);
  }
}
