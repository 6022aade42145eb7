package org.feedbackrouter.redact;

import java.util.regex.Pattern;
import org.apache.commons.validator.routines.checkdigit.LuhnCheckDigit;

/** Payment card numbers: 13 to 19 digits, optionally grouped, that pass the Luhn check. */
final class CardNumberFinder implements PiiFinder {

  private static final Pattern CANDIDATE = Pattern.compile("(?<![\\d])\\d(?:[ -]?\\d){12,18}(?![\\d])");

  @Override
  public boolean applies(TextProfile profile) {
    return profile.longestDigitRun() >= 13;
  }

  @Override
  public String mask(String text) {
    return PatternMasking.mask(
        text,
        CANDIDATE,
        s -> LuhnCheckDigit.LUHN_CHECK_DIGIT.isValid(PatternMasking.compact(s)) ? "[CARD]" : null);
  }
}
