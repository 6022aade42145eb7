package org.feedbackrouter.redact;

import java.util.regex.Pattern;

/**
 * Spanish identity numbers: DNI (8 digits and a letter) and NIE (X, Y or Z, 7 digits and a letter),
 * masked as {@code [DNI]} or {@code [NIE]} only when the control letter is right. No library on Maven Central checks these, so the
 * official mod-23 table is applied here.
 */
final class SpanishIdFinder implements PiiFinder {

  private static final Pattern CANDIDATE =
      Pattern.compile("\\b(?:\\d{8}|[XYZxyz][ -]?\\d{7})[ -]?[A-Za-z]\\b");

  private static final String CONTROL_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE";

  @Override
  public boolean applies(TextProfile profile) {
    return profile.digits() >= 7;
  }

  @Override
  public String mask(String text) {
    return PatternMasking.mask(text, CANDIDATE, SpanishIdFinder::tokenFor);
  }

  /** {@code [DNI]} or {@code [NIE]} when the control letter matches, else null. */
  static String tokenFor(String candidate) {
    String id = PatternMasking.compact(candidate);
    char first = id.charAt(0);
    // A NIE's leading X, Y or Z stands for 0, 1 or 2 in front of its seven digits.
    String digits = switch (first) {
      case 'X' -> "0" + id.substring(1, id.length() - 1);
      case 'Y' -> "1" + id.substring(1, id.length() - 1);
      case 'Z' -> "2" + id.substring(1, id.length() - 1);
      default -> id.substring(0, id.length() - 1);
    };
    int number = Integer.parseInt(digits);
    if (CONTROL_LETTERS.charAt(number % 23) != id.charAt(id.length() - 1)) {
      return null;
    }
    return Character.isDigit(first) ? "[DNI]" : "[NIE]";
  }
}
