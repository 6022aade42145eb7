package org.feedbackrouter.redact;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.validator.routines.IBANValidator;

/**
 * IBANs, written compact or in groups of four. A candidate is masked only when commons-validator
 * accepts it: the country's length and format and the mod-97 checksum.
 */
final class IbanFinder implements PiiFinder {

  // Up to 34 characters in groups; a trailing word is cut off below by trying shorter prefixes.
  private static final Pattern CANDIDATE =
      Pattern.compile("\\b[A-Za-z]{2}\\d{2}(?: ?[A-Za-z0-9]{1,4}){3,8}\\b");

  private static final IBANValidator VALIDATOR = IBANValidator.getInstance();

  @Override
  public boolean applies(TextProfile profile) {
    return profile.digits() >= 10;
  }

  @Override
  public String mask(String text) {
    Matcher m = CANDIDATE.matcher(text);
    StringBuilder out = null;
    int copied = 0;
    while (m.find()) {
      int end = confirmedEnd(text, m.start(), m.end());
      if (end < 0) {
        continue;
      }
      if (out == null) {
        out = new StringBuilder(text.length());
      }
      out.append(text, copied, m.start()).append("[IBAN]");
      copied = end;
      m.region(end, text.length());
    }
    return out == null ? text : out.append(text, copied, text.length()).toString();
  }

  /** End of the longest prefix of the candidate, cut at a group boundary, that is a valid IBAN. */
  private static int confirmedEnd(String text, int start, int end) {
    int cut = end;
    while (cut > start + 4) {
      if (VALIDATOR.isValid(PatternMasking.compact(text.substring(start, cut)))) {
        return cut;
      }
      int space = text.lastIndexOf(' ', cut - 1);
      if (space <= start) {
        return -1;
      }
      cut = space;
    }
    return -1;
  }
}
