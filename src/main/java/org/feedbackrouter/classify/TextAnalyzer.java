package org.feedbackrouter.classify;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.tartarus.snowball.ext.PorterStemmer;
import org.tartarus.snowball.ext.SpanishStemmer;

/**
 * Normalises text with Lucene: standard tokenizer, lower case, Snowball stemming (Spanish, Porter
 * for English) and accent folding, so "Facturación", "facturacion" and "factura" meet. Each word comes
 * out once with two forms: stemmed (for words, rules and the sentiment lexicon) and, through
 * {@link SurfaceAttribute}, folded but unstemmed (for character n-grams); {@link WordFormFilter}
 * makes both.
 *
 * <p>Analyzers reuse their token streams per thread, so one instance serves all threads.
 */
final class TextAnalyzer implements AutoCloseable {

  private final Analyzer spanish = new LanguageAnalyzer(Language.ES);
  private final Analyzer english = new LanguageAnalyzer(Language.EN);

  /** Receives the analysed words of one text, in order. */
  interface WordSink {
    /** A folded, unstemmed word. */
    void surface(char[] chars, int length);

    /** The stemmed form of the word last given to {@link #surface}. */
    void stem(char[] chars, int length);
  }

  /** Runs the analyzer of {@code language} (Spanish for UNKNOWN) over the text. */
  void analyze(String text, Language language, WordSink sink) {
    Analyzer analyzer = language == Language.EN ? english : spanish;
    try (TokenStream ts = analyzer.tokenStream("text", text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      SurfaceAttribute surface = ts.addAttribute(SurfaceAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        sink.surface(surface.surfaceBuffer(), surface.surfaceLength());
        sink.stem(term.buffer(), term.length());
      }
      ts.end();
    } catch (IOException e) {
      // Analysis of an in-memory string does no I/O.
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    spanish.close();
    english.close();
  }

  private static final class LanguageAnalyzer extends Analyzer {
    private final Language language;

    LanguageAnalyzer(Language language) {
      this.language = language;
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
      Tokenizer source = new StandardTokenizer();
      TokenStream ts = new LowerCaseFilter(source);
      if (language == Language.EN) {
        ts = new WordFormFilter(new EnglishPossessiveFilter(ts), new PorterStemmer(), false);
      } else {
        ts = new WordFormFilter(ts, new SpanishStemmer(), true);
      }
      return new TokenStreamComponents(source, ts);
    }
  }
}
