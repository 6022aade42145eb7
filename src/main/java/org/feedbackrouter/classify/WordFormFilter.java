package org.feedbackrouter.classify;

import java.io.IOException;
import java.util.Arrays;
import org.apache.lucene.analysis.CharArrayMap;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.tartarus.snowball.SnowballStemmer;

/**
 * Gives each lower-cased token its two forms: folded (accents and ligatures to ASCII, by Lucene's
 * {@link ASCIIFoldingFilter#foldToASCII}) in {@link SurfaceAttribute}, and stemmed by Snowball,
 * then folded, as the term. Snowball's Spanish stemmer costs more than the rest of the analysis
 * together and feedback reuses a small vocabulary, so both forms are remembered per word: a known
 * word costs one lookup in Lucene's {@link CharArrayMap}. Lucene keeps one token stream per
 * thread, so the cache is confined to its thread; it is emptied when it fills.
 */
final class WordFormFilter extends TokenFilter {

  private static final int MAX_ENTRIES = 20_000;

  private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
  private final SurfaceAttribute surface = addAttribute(SurfaceAttribute.class);
  private final SnowballStemmer stemmer;
  private final boolean spanish;
  private final CharArrayMap<Forms> cache = new CharArrayMap<>(1024, false);

  /** A word's folded form and its folded stem. */
  private record Forms(char[] folded, char[] stem) {}

  /**
   * @param spanish restore the accent of unaccented "-cion"/"-sion" before stemming: Spanish
   *     singulars in -ción/-sión always carry it, and Snowball only strips the accented suffix, so
   *     "facturacion" then stems like "facturación".
   */
  WordFormFilter(TokenStream input, SnowballStemmer stemmer, boolean spanish) {
    super(input);
    this.stemmer = stemmer;
    this.spanish = spanish;
  }

  @Override
  public boolean incrementToken() throws IOException {
    if (!input.incrementToken()) {
      return false;
    }
    char[] buffer = term.buffer();
    int length = term.length();
    Forms forms = cache.get(buffer, 0, length);
    if (forms == null) {
      forms = new Forms(fold(buffer, length), fold(stem(buffer, length)));
      if (cache.size() >= MAX_ENTRIES) {
        cache.clear();
      }
      cache.put(Arrays.copyOf(buffer, length), forms);
    }
    surface.setFolded(forms.folded(), forms.folded().length);
    term.copyBuffer(forms.stem(), 0, forms.stem().length);
    return true;
  }

  private char[] stem(char[] buffer, int length) {
    String word = new String(buffer, 0, length);
    if (spanish && length > 4 && word.endsWith("ion") && "cs".indexOf(word.charAt(length - 4)) >= 0) {
      word = word.substring(0, length - 3) + "ión";
    }
    stemmer.setCurrent(word);
    stemmer.stem();
    return stemmer.getCurrent().toCharArray();
  }

  private static char[] fold(char[] chars) {
    return fold(chars, chars.length);
  }

  private static char[] fold(char[] chars, int length) {
    // Folding can expand a character to up to four ("ǆ" -> "dz", "⑽" -> "(10)").
    char[] out = new char[length * 4];
    int n = ASCIIFoldingFilter.foldToASCII(chars, 0, out, 0, length);
    return Arrays.copyOf(out, n);
  }
}
