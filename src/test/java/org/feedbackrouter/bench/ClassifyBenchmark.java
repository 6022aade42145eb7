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

  static final List<String> SPANISH =
      List.of(
          "Me han cobrado dos veces la factura de este mes y cuando llamé a atención al cliente me tuvieron"
              + " cuarenta minutos esperando. Quiero que me devuelvan el dinero cuanto antes, por favor.",
          "El pedido tenía que llegar el lunes y todavía no ha llegado. El seguimiento no se actualiza desde"
              + " hace cuatro días y el repartidor no contesta al teléfono. Muy decepcionado con el servicio.",
          "La aplicación se cierra cada vez que intento pagar con la tarjeta. He reinstalado la app dos veces"
              + " y sigue igual. Mi correo es lucia.martin@correo.es por si necesitáis más datos.",
          "El técnico vino a instalar la fibra, fue muy amable y lo dejó todo funcionando en una hora."
              + " Muchas gracias al equipo, da gusto que te atiendan así de bien. Os recomiendo sin duda.",
          "Alguien ha contratado una línea a mi nombre sin mi permiso y me están llegando facturas que no"
              + " reconozco. Creo que es una suplantación de identidad. Llamadme al 612 345 678 urgente.",
          "En la tienda del centro había una cola enorme y solo una persona atendiendo. Cuando por fin me tocó"
              + " no sabían cómo funcionaba la tarifa que anuncian en la web. Una pérdida de tiempo total.",
          "Desde hace una semana internet se corta cada noche y la cobertura móvil en casa es casi nula."
              + " He reiniciado el router varias veces, pero nada. Pago por 600 megas y no llegan ni a 50.",
          "Quiero darme de baja y no me dejan hacerlo por teléfono. Me dicen que tengo permanencia, pero"
              + " cuando contraté nadie me explicó ninguna penalización. Si no se soluciona iré a consumo.");

  static final List<String> ENGLISH =
      List.of(
          "I was charged twice for my bill this month and when I called customer service I was on hold for"
              + " forty minutes. I want my money back as soon as possible, this is not acceptable at all.",
          "My order was due on Monday and it still has not arrived. Tracking has not moved for four days and"
              + " the courier does not answer the phone. Really disappointed with the whole delivery service.",
          "The app crashes every time I try to pay with my card. I reinstalled it twice and nothing changed."
              + " You can reach me at james.walker@example.co.uk if you need more details about my account.",
          "The technician came to install the broadband, he was very friendly and had everything working in"
              + " an hour. Many thanks to the team, it is a pleasure to be served so well. Highly recommend.",
          "Someone opened a line in my name without permission and I am receiving bills I do not recognise."
              + " I think it is identity theft. Please call me on +44 20 7946 0958 as soon as you can.",
          "The city centre store had a huge queue and only one person serving. When it was finally my turn"
              + " nobody knew how the plan advertised on the website works. A complete waste of my time.",
          "For a week the internet has dropped every night and mobile coverage at home is almost zero. I have"
              + " restarted the router many times but nothing helps. I pay for 600 megabits and get 50.",
          "I want to cancel and they will not let me do it by phone. They say I have a minimum term, but when"
              + " I signed up nobody explained any penalty. If this is not fixed I will go to my lawyer.");

  private static final List<String> TEXTS = interleave();

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
    Analyzer a = i % 2 == 0 ? spanishAnalyzer : englishAnalyzer;
    int chars = 0;
    try (TokenStream ts = a.tokenStream("text", TEXTS.get(i))) {
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

  private static List<String> interleave() {
    List<String> out = new java.util.ArrayList<>();
    for (int i = 0; i < SPANISH.size(); i++) {
      out.add(SPANISH.get(i));
      out.add(ENGLISH.get(i));
    }
    return List.copyOf(out);
  }
}
