package org.feedbackrouter.redact;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * E-mail addresses: local part, '@', a dotted domain.
 *
 * <p>Matching is anchored at each '@': the local part is the run of address characters just
 * before it, and the pattern is only tried from there. Scanning the whole text with the pattern
 * costs a try at every position, about ten times more, and finds the same addresses: a local part
 * cannot hold '@' or a space, so every address starts where its '@''s run of address characters
 * does.
 */
final class EmailFinder implements PiiFinder {

  static final Pattern EMAIL =
      Pattern.compile("[\\p{L}0-9._%+-]+@[\\p{L}0-9-]+(?:\\.[\\p{L}0-9-]+)*\\.\\p{L}{2,}");

  @Override
  public boolean applies(TextProfile profile) {
    return profile.hasAt();
  }

  @Override
  public String mask(String text) {
    Matcher m = null;
    StringBuilder out = null;
    // Also where the next address may start at the earliest: matches never overlap.
    int copied = 0;
    for (int at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
      int start = localPartStart(text, at, copied);
      if (start == at) {
        continue;
      }
      if (m == null) {
        m = EMAIL.matcher(text);
      }
      m.region(start, text.length());
      if (!m.lookingAt()) {
        continue;
      }
      if (out == null) {
        out = new StringBuilder(text.length());
      }
      out.append(text, copied, start).append("[EMAIL]");
      copied = m.end();
    }
    return out == null ? text : out.append(text, copied, text.length()).toString();
  }

  /** Start of the run of local-part characters that ends at {@code at}, not before {@code from}. */
  private static int localPartStart(String text, int at, int from) {
    int i = at;
    while (i > from) {
      int c = text.codePointBefore(i);
      if (!isLocalPartChar(c)) {
        break;
      }
      i -= Character.charCount(c);
    }
    return Math.max(i, from);
  }

  /** The pattern's {@code [\\p{L}0-9._%+-]}. */
  private static boolean isLocalPartChar(int c) {
    return c >= '0' && c <= '9' || c == '.' || c == '_' || c == '%' || c == '+' || c == '-' || Character.isLetter(c);
  }
}
