package org.feedbackrouter.classify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.KeywordRepeatFilter;
import org.apache.lucene.analysis.pattern.PatternReplaceFilter;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.KeywordAttribute;
import org.tartarus.snowball.ext.SpanishStemmer;

/**
 * Normalises text with Lucene: standard tokenizer, lower case, stemming (Snowball Spanish, Porter
 * English) and accent folding, so "Facturación", "facturacion" and "factura" meet. Each word comes
 * out twice thanks to {@link KeywordRepeatFilter}: once folded but unstemmed (for character
 * n-grams) and once stemmed (for words, rules and the sentiment lexicon).
 *
 * <p>Analyzers reuse their token streams per thread, so one instance serves all threads.
 */
final class TextAnalyzer implements AutoCloseable {

  // Snowball only strips the accented "-ción"; Spanish singulars in -cion always carry the accent,
  // so restoring it lets "facturacion" stem like "facturación".
  private static final Pattern UNACCENTED_ION = Pattern.compile("(?<=[cs])ion$");

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
      KeywordAttribute keyword = ts.addAttribute(KeywordAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        if (keyword.isKeyword()) {
          sink.surface(term.buffer(), term.length());
        } else {
          sink.stem(term.buffer(), term.length());
        }
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
        ts = new EnglishPossessiveFilter(ts);
        ts = new KeywordRepeatFilter(ts);
        ts = new PorterStemFilter(ts);
      } else {
        ts = new PatternReplaceFilter(ts, UNACCENTED_ION, "ión", false);
        ts = new KeywordRepeatFilter(ts);
        ts = new SnowballFilter(ts, new SpanishStemmer());
      }
      return new TokenStreamComponents(source, new ASCIIFoldingFilter(ts));
    }
  }
}
