package org.feedbackrouter.classify;

import java.io.IOException;
import org.apache.lucene.analysis.CharArrayMap;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.tartarus.snowball.SnowballStemmer;

/**
 * Stems with a Snowball stemmer, remembering each word's stem. Snowball's Spanish stemmer costs
 * more than the rest of the analysis together, and feedback reuses a small vocabulary, so a cache
 * turns most stems into one hash lookup. Lucene keeps one token stream per thread, so the cache is
 * confined to its thread; it is emptied when it grows past a bound.
 */
final class CachingStemFilter extends TokenFilter {

  private static final int MAX_ENTRIES = 20_000;

  private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
  private final SnowballStemmer stemmer;
  private final boolean spanish;
  private final CharArrayMap<char[]> cache = new CharArrayMap<>(1024, false);

  /**
   * @param spanish restore the accent of unaccented "-cion"/"-sion" before stemming: Spanish
   *     singulars in -ción/-sión always carry it, and Snowball only strips the accented suffix, so
   *     "facturacion" then stems like "facturación".
   */
  CachingStemFilter(TokenStream input, SnowballStemmer stemmer, boolean spanish) {
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
    char[] stem = cache.get(buffer, 0, length);
    if (stem == null) {
      stem = stem(buffer, length);
      if (cache.size() >= MAX_ENTRIES) {
        cache.clear();
      }
      cache.put(new String(buffer, 0, length), stem);
    }
    term.copyBuffer(stem, 0, stem.length);
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
}
