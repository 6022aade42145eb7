package org.feedbackrouter.redact;

import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Replaces the matches of a candidate pattern that a checksum or validator confirms. */
final class PatternMasking {

  private PatternMasking() {}

  /**
   * Masks each match for which {@code tokenFor} gives a token; a null token (checksum failed)
   * leaves the match as it is.
   */
  static String mask(String text, Pattern candidate, Function<String, String> tokenFor) {
    Matcher m = candidate.matcher(text);
    StringBuilder out = null;
    int copied = 0;
    while (m.find()) {
      String token = tokenFor.apply(m.group());
      if (token == null) {
        continue;
      }
      if (out == null) {
        out = new StringBuilder(text.length());
      }
      out.append(text, copied, m.start()).append(token);
      copied = m.end();
    }
    if (out == null) {
      return text;
    }
    return out.append(text, copied, text.length()).toString();
  }

  /** The characters of {@code s} that are letters or digits, upper-cased. */
  static String compact(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isLetterOrDigit(c)) {
        b.append(Character.toUpperCase(c));
      }
    }
    return b.toString();
  }
}
