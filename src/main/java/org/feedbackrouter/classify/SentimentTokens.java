package org.feedbackrouter.classify;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Splits a text into what sentiment scoring reads: words (lower case, accents folded), emoji and
 * emoticons, and the punctuation that ends a sentence or a clause. The topic analyzer drops
 * punctuation and emoticons, which sentiment needs for questions, exclamations and clauses, so
 * sentiment tokenizes on its own.
 */
final class SentimentTokens {

  enum Kind {
    WORD,
    SYMBOL,
    STOP,
    QUESTION,
    EXCLAMATION,
    COMMA
  }

  /**
   * @param form folded lower-case word, or the emoji or emoticon as written
   * @param shouting a word written in capitals in a text that mostly is not
   */
  record Token(Kind kind, String form, boolean shouting) {}

  private static final Pattern MARKS = Pattern.compile("\\p{M}+");

  private SentimentTokens() {}

  static String fold(String s) {
    String lower = s.toLowerCase(Locale.ROOT).replace('’', '\'');
    return MARKS.matcher(Normalizer.normalize(lower, Normalizer.Form.NFD)).replaceAll("");
  }

  /** @param emoticons recognised emoticons, longest first */
  static List<Token> of(String text, List<String> emoticons) {
    List<Token> out = new ArrayList<>();
    boolean mostlyCaps = mostlyCapitals(text);
    int n = text.length();
    int i = 0;
    while (i < n) {
      int cp = text.codePointAt(i);
      int len = Character.charCount(cp);
      boolean boundary = i == 0 || Character.isWhitespace(text.charAt(i - 1));
      String emoticon = boundary ? emoticonAt(text, i, emoticons) : null;
      if (emoticon != null) {
        out.add(new Token(Kind.SYMBOL, emoticon, false));
        i += emoticon.length();
      } else if (Character.isLetterOrDigit(cp)) {
        int end = wordEnd(text, i);
        String word = text.substring(i, end);
        boolean shouting = !mostlyCaps && word.length() >= 3 && word.equals(word.toUpperCase(Locale.ROOT))
            && word.chars().anyMatch(Character::isLetter);
        out.add(new Token(Kind.WORD, fold(word), shouting));
        i = end;
      } else if (isEmoji(cp)) {
        out.add(new Token(Kind.SYMBOL, new String(Character.toChars(cp)), false));
        i += len;
      } else {
        Kind k = switch (cp) {
          case '.', ';', '\n', '…' -> Kind.STOP;
          case '?', '¿' -> Kind.QUESTION;
          case '!', '¡' -> Kind.EXCLAMATION;
          case ',', ':', '(', ')' -> Kind.COMMA;
          default -> null;
        };
        if (k != null) {
          out.add(new Token(k, null, false));
        }
        i += len;
      }
    }
    return out;
  }

  private static int wordEnd(String text, int start) {
    int i = start;
    int n = text.length();
    while (i < n) {
      int cp = text.codePointAt(i);
      if (Character.isLetterOrDigit(cp) || Character.getType(cp) == Character.NON_SPACING_MARK) {
        i += Character.charCount(cp);
      } else if ((cp == '\'' || cp == '’') && i + 1 < n && Character.isLetter(text.charAt(i + 1))) {
        i++;
      } else {
        break;
      }
    }
    return i;
  }

  private static String emoticonAt(String text, int i, List<String> emoticons) {
    for (String e : emoticons) {
      int end = i + e.length();
      if (text.startsWith(e, i)
          && (end == text.length() || !Character.isLetterOrDigit(text.charAt(end)))) {
        return e;
      }
    }
    return null;
  }

  private static boolean isEmoji(int cp) {
    return Character.getType(cp) == Character.OTHER_SYMBOL
        || (cp >= 0x1F300 && cp <= 0x1FAFF)
        || (cp >= 0x2600 && cp <= 0x27BF);
  }

  private static boolean mostlyCapitals(String text) {
    int upper = 0;
    int letters = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isLetter(c)) {
        letters++;
        upper += Character.isUpperCase(c) ? 1 : 0;
      }
    }
    return letters > 0 && upper * 2 > letters;
  }
}
