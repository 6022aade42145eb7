package org.feedbackrouter.redact;

import java.util.regex.Pattern;

/** E-mail addresses: local part, '@', a dotted domain. */
final class EmailFinder implements PiiFinder {

  private static final Pattern EMAIL =
      Pattern.compile("[\\p{L}0-9._%+-]+@[\\p{L}0-9-]+(?:\\.[\\p{L}0-9-]+)*\\.\\p{L}{2,}");

  @Override
  public boolean applies(TextProfile profile) {
    return profile.hasAt();
  }

  @Override
  public String mask(String text) {
    return PatternMasking.mask(text, EMAIL, s -> "[EMAIL]");
  }
}
