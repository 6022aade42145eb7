package org.feedbackrouter.redact;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Phone numbers, found and checked by libphonenumber against real numbering plans, so dates, order
 * numbers and amounts are not taken for numbers. Numbers without an international prefix are read
 * in the default region.
 *
 * <p>libphonenumber takes numbers written one space apart ("+34 612 34 01 31 612 349 671") for a
 * single candidate that is too long, and finds neither; so the runs of digit groups it leaves are
 * searched again for the leftmost, longest sequences of whole groups that are valid numbers.
 */
final class PhoneNumberFinder implements PiiFinder {

  // The shortest national numbers in the regions we serve have 9 digits.
  private static final int MIN_DIGITS = 9;
  /** Digit groups joined by single spaces, dots or dashes, with an optional leading '+'. */
  private static final Pattern RUN = Pattern.compile("(?<![\\d+])\\+?\\d+(?:[ .-]\\d+)+(?!\\d)");
  private static final Pattern GROUP = Pattern.compile("\\+?\\d+");

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
    return adjacent(found(text));
  }

  private String found(String text) {
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

  /** Valid numbers made of whole groups of the runs of digit groups left in the text. */
  private String adjacent(String text) {
    Matcher run = RUN.matcher(text);
    StringBuilder out = null;
    int copied = 0;
    while (run.find()) {
      List<int[]> groups = new ArrayList<>();
      Matcher g = GROUP.matcher(text).region(run.start(), run.end());
      while (g.find()) {
        groups.add(new int[] {g.start(), g.end()});
      }
      int first = 0;
      while (first < groups.size()) {
        int last = longestValid(text, groups, first);
        if (last < 0) {
          first++;
          continue;
        }
        if (out == null) {
          out = new StringBuilder(text.length());
        }
        out.append(text, copied, groups.get(first)[0]).append("[PHONE]");
        copied = groups.get(last)[1];
        first = last + 1;
      }
    }
    return out == null ? text : out.append(text, copied, text.length()).toString();
  }

  private int longestValid(String text, List<int[]> groups, int first) {
    int found = -1;
    int digits = 0;
    for (int i = first; i < groups.size() && digits <= 17; i++) {
      digits += groups.get(i)[1] - groups.get(i)[0];
      if (i > first && text.charAt(groups.get(i)[0]) == '+') {
        break;
      }
      if (digits >= MIN_DIGITS && valid(text.substring(groups.get(first)[0], groups.get(i)[1]))) {
        found = i;
      }
    }
    return found;
  }

  private boolean valid(String candidate) {
    try {
      return util.isValidNumber(util.parse(candidate, defaultRegion));
    } catch (NumberParseException e) {
      return false;
    }
  }
}
