package org.feedbackrouter.redact;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.validator.routines.checkdigit.LuhnCheckDigit;

/**
 * Payment card numbers: 13 to 19 digits, optionally grouped, that pass the Luhn check.
 *
 * <p>Numbers written next to each other with one space between them ("3782 4005 8189 768
 * 6011 0000 0000 0004", a card and a phone) form one run of digit groups. A single window over
 * the run would fail the check and leave every number in it in clear, so each run is searched for
 * the leftmost, longest sequence of whole groups that is a valid card, and then on after it.
 */
final class CardNumberFinder implements PiiFinder {

  /** Digit groups joined by single spaces or dashes, not inside a longer number. */
  private static final Pattern RUN = Pattern.compile("(?<!\\d)\\d+(?:[ -]\\d+)*(?!\\d)");
  private static final Pattern GROUP = Pattern.compile("\\d+");
  private static final int MIN_DIGITS = 13;
  private static final int MAX_DIGITS = 19;

  @Override
  public boolean applies(TextProfile profile) {
    return profile.longestDigitRun() >= MIN_DIGITS;
  }

  @Override
  public String mask(String text) {
    Matcher run = RUN.matcher(text);
    StringBuilder out = null;
    int copied = 0;
    while (run.find()) {
      if (run.end() - run.start() < MIN_DIGITS) {
        continue;
      }
      for (int[] card : cardsIn(text, run.start(), run.end())) {
        if (out == null) {
          out = new StringBuilder(text.length());
        }
        out.append(text, copied, card[0]).append("[CARD]");
        copied = card[1];
      }
    }
    return out == null ? text : out.append(text, copied, text.length()).toString();
  }

  /** Start and end of each valid card number made of whole groups of the run, left to right. */
  private static List<int[]> cardsIn(String text, int start, int end) {
    List<int[]> groups = new ArrayList<>();
    Matcher g = GROUP.matcher(text).region(start, end);
    while (g.find()) {
      groups.add(new int[] {g.start(), g.end()});
    }
    List<int[]> cards = new ArrayList<>();
    int first = 0;
    while (first < groups.size()) {
      int last = longestValid(text, groups, first);
      if (last < 0) {
        first++;
      } else {
        cards.add(new int[] {groups.get(first)[0], groups.get(last)[1]});
        first = last + 1;
      }
    }
    return cards;
  }

  /** Index of the last group of the longest valid card starting at group {@code first}, or -1. */
  private static int longestValid(String text, List<int[]> groups, int first) {
    int found = -1;
    StringBuilder digits = new StringBuilder(MAX_DIGITS);
    for (int i = first; i < groups.size(); i++) {
      digits.append(text, groups.get(i)[0], groups.get(i)[1]);
      if (digits.length() > MAX_DIGITS) {
        break;
      }
      if (digits.length() >= MIN_DIGITS && LuhnCheckDigit.LUHN_CHECK_DIGIT.isValid(digits.toString())) {
        found = i;
      }
    }
    return found;
  }
}
