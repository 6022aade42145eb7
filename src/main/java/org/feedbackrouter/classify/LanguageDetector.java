package org.feedbackrouter.classify;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.WordlistLoader;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.util.IOUtils;

/**
 * Tells Spanish from English by stop-word evidence (Lucene's Snowball stop lists, words in both
 * lists left out) and by characters only Spanish uses (ñ, accented vowels, ¿ ¡). One pass over the
 * text, no allocation beyond a small word buffer. Says {@link Language#UNKNOWN} when the evidence is
 * thin or split.
 */
final class LanguageDetector {

  // Share of the evidence one language needs before we commit to it.
  private static final double DOMINANCE = 0.7;
  private static final int MAX_WORD = 16;

  private final CharArraySet spanishOnly;
  private final CharArraySet englishOnly;

  LanguageDetector() {
    CharArraySet es = snowballList("spanish_stop.txt");
    CharArraySet en = snowballList("english_stop.txt");
    spanishOnly = difference(es, en);
    englishOnly = difference(en, es);
  }

  Language detect(CharSequence text) {
    char[] word = new char[MAX_WORD];
    int len = 0;
    boolean overlong = false;
    double es = 0;
    double en = 0;
    for (int i = 0, n = text.length(); i <= n; i++) {
      char c = i < n ? text.charAt(i) : ' ';
      if (Character.isLetter(c) || c == '\'') {
        switch (c) {
          case 'ñ', 'Ñ', 'á', 'é', 'í', 'ó', 'ú', 'Á', 'É', 'Í', 'Ó', 'Ú' -> es += 1;
          default -> {}
        }
        if (len < MAX_WORD) {
          word[len++] = Character.toLowerCase(c);
        } else {
          overlong = true;
        }
        continue;
      }
      if (c == '¿' || c == '¡') {
        es += 1;
      }
      if (len > 0 && !overlong) {
        if (spanishOnly.contains(word, 0, len)) {
          es += 1;
        } else if (englishOnly.contains(word, 0, len) || endsWithContraction(word, len)) {
          en += 1;
        }
      }
      len = 0;
      overlong = false;
    }
    double total = es + en;
    if (total < 1) {
      return Language.UNKNOWN;
    }
    if (es / total >= DOMINANCE) {
      return Language.ES;
    }
    if (en / total >= DOMINANCE) {
      return Language.EN;
    }
    return Language.UNKNOWN;
  }

  /** English contractions: don't, it's, I'm, we've... */
  private static boolean endsWithContraction(char[] w, int len) {
    int apostrophe = -1;
    for (int i = 1; i < len - 1; i++) {
      if (w[i] == '\'') {
        apostrophe = i;
      }
    }
    return apostrophe > 0 && len - apostrophe <= 3;
  }

  private static CharArraySet snowballList(String resource) {
    try {
      return WordlistLoader.getSnowballWordSet(
          IOUtils.getDecodingReader(
              IOUtils.requireResourceNonNull(
                  SnowballFilter.class.getResourceAsStream(resource), resource),
              java.nio.charset.StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static CharArraySet difference(CharArraySet a, CharArraySet b) {
    CharArraySet out = new CharArraySet(a.size(), false);
    for (Object o : a) {
      char[] w = (char[]) o;
      if (!b.contains(w, 0, w.length)) {
        out.add(w);
      }
    }
    return CharArraySet.unmodifiableSet(out);
  }
}
