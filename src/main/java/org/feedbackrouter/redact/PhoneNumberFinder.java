package org.feedbackrouter.redact;

import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;

/**
 * Phone numbers, found and checked by libphonenumber against real numbering plans, so dates, order
 * numbers and amounts are not taken for numbers. Numbers without an international prefix are read
 * in the default region.
 */
final class PhoneNumberFinder implements PiiFinder {

  // The shortest national numbers in the regions we serve have 9 digits.
  private static final int MIN_DIGITS = 9;

  private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();
  private final String defaultRegion;

  PhoneNumberFinder(String defaultRegion) {
    this.defaultRegion = defaultRegion;
  }

  @Override
  public boolean applies(TextProfile profile) {
    return profile.digits() >= MIN_DIGITS;
  }

  @Override
  public String mask(String text) {
    StringBuilder out = null;
    int copied = 0;
    for (PhoneNumberMatch match :
        util.findNumbers(text, defaultRegion, PhoneNumberUtil.Leniency.VALID, Long.MAX_VALUE)) {
      if (out == null) {
        out = new StringBuilder(text.length());
      }
      out.append(text, copied, match.start()).append("[PHONE]");
      copied = match.end();
    }
    return out == null ? text : out.append(text, copied, text.length()).toString();
  }
}
