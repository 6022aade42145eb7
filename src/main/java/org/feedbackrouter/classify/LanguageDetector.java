package org.feedbackrouter.classify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.CharArrayMap;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.WordlistLoader;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.util.IOUtils;

/**
 * Tells Spanish from English by stop-word evidence (Lucene's Snowball stop lists, words in both
 * lists left out) and by characters only Spanish uses (ñ, accented vowels, ¿ ¡). One pass over the
 * text, no allocation beyond a small word buffer. When that evidence is thin or split, letter
 * trigrams learned from labelled examples decide; {@link Language#UNKNOWN} only for a text with no
 * words, or a detector that learned none.
 */
final class LanguageDetector {

  // Share of the evidence one language needs before we commit to it.
  private static final double DOMINANCE = 0.7;
  private static final int MAX_WORD = 16;

  // Stop words of one language only: TRUE for Spanish, FALSE for English. One map, so a word
  // that is neither (most of them) costs one lookup.
  private final CharArrayMap<Boolean> stopWords = new CharArrayMap<>(512, false);
  // Longer words cannot be stop words and skip the lookup.
  private final int longestStopWord;

  // Decides when stop words do not: short or stop-word-poor texts.
  private final CharTrigramLanguages fallback;

  LanguageDetector() {
    this(List.of());
  }

  /** A detector whose trigram fallback learns from these labelled texts (e.g. the taxonomy's examples). */
  LanguageDetector(List<LabeledText> examples) {
    fallback = new CharTrigramLanguages(examples);
    CharArraySet es = snowballList("spanish_stop.txt");
    CharArraySet en = snowballList("english_stop.txt");
    int longest = 0;
    for (char[] w : difference(es, en)) {
      stopWords.put(w, Boolean.TRUE);
      longest = Math.max(longest, w.length);
    }
    for (char[] w : difference(en, es)) {
      stopWords.put(w, Boolean.FALSE);
      longest = Math.max(longest, w.length);
    }
    longestStopWord = longest;
  }

  Language detect(CharSequence text) {
    char[] word = new char[MAX_WORD];
    int len = 0;
    boolean overlong = false;
    double es = 0;
    double en = 0;
    int words = 0;
    for (int i = 0, n = text.length(); i <= n; i++) {
      char c = i < n ? text.charAt(i) : ' ';
      // ASCII letters first: most characters are, and Character.isLetter costs a table lookup.
      if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') {
        if (len < MAX_WORD) {
          word[len++] = (char) (c | 0x20);
        } else {
          overlong = true;
        }
        continue;
      }
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
      if (len > 0) {
        words++;
      }
      if (len > 0 && !overlong) {
        Boolean spanish = len <= longestStopWord ? stopWords.get(word, 0, len) : null;
        if (spanish == Boolean.TRUE) {
          es += 1;
        } else if (spanish == Boolean.FALSE || endsWithContraction(word, len)) {
          en += 1;
        }
      }
      len = 0;
      overlong = false;
    }
    double total = es + en;
    if (total >= 1 && es / total >= DOMINANCE) {
      return Language.ES;
    }
    if (total >= 1 && en / total >= DOMINANCE) {
      return Language.EN;
    }
    // No stop word, or a split: letter trigrams decide, given two words at least ("ok" stays unknown).
    return words >= 2 ? fallback.detect(text) : Language.UNKNOWN;
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

  private static List<char[]> difference(CharArraySet a, CharArraySet b) {
    List<char[]> out = new ArrayList<>();
    for (Object o : a) {
      char[] w = (char[]) o;
      if (!b.contains(w, 0, w.length)) {
        out.add(w);
      }
    }
    return out;
  }
}
