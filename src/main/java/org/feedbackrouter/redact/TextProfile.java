package org.feedbackrouter.redact;

/** What one pass over a text tells about it: enough to skip finders that cannot match. */
record TextProfile(boolean hasAt, int digits, int longestDigitRun) {

  /** Fewest digits in any number the finders look for (a NIE has 7). */
  static final int MIN_DIGITS = 7;

  static TextProfile of(String text) {
    boolean at = false;
    int digits = 0;
    int run = 0;
    int longest = 0;
    for (int i = 0, n = text.length(); i < n; i++) {
      char c = text.charAt(i);
      // Other decimal digits (full-width, Arabic-Indic...) count too: libphonenumber reads them.
      if (c >= '0' && c <= '9' || c > '\u007f' && Character.isDigit(c)) {
        digits++;
        longest = Math.max(longest, ++run);
      } else {
        at |= c == '@';
        // Separators inside a number ("600 123 456", "4111-1111") keep the run going.
        if (c != ' ' && c != '-' && c != '.') {
          run = 0;
        }
      }
    }
    return new TextProfile(at, digits, longest);
  }

  boolean mayContainPersonalData() {
    return hasAt || digits >= MIN_DIGITS;
  }
}
