package org.feedbackrouter.redact;

import java.util.List;

/**
 * Masks personal data in free text before it leaves the ingest step: e-mail addresses, IBANs, card
 * numbers, Spanish DNI/NIE and phone numbers.
 *
 * <p>Every text passes through here, so one cheap scan decides which finders can possibly match; a
 * text without '@' and with few digits is returned as it is, without running any pattern. Finders
 * run in a fixed order and each sees the output of the previous one, so a masked IBAN can no longer
 * be taken for a phone number. Thread-safe.
 */
public final class Redactor {

  private final List<PiiFinder> finders;

  Redactor(List<PiiFinder> finders) {
    this.finders = List.copyOf(finders);
  }

  /** The standard finders; national phone numbers without a prefix are read as Spanish. */
  public static Redactor defaults() {
    return new Redactor(
        List.of(
            new EmailFinder(),
            new IbanFinder(),
            new CardNumberFinder(),
            new SpanishIdFinder(),
            new PhoneNumberFinder("ES")));
  }

  /** The text with each piece of personal data replaced by a token such as {@code [EMAIL]}. */
  public String redact(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    TextProfile profile = TextProfile.of(text);
    if (!profile.mayContainPersonalData()) {
      return text;
    }
    String result = text;
    for (PiiFinder finder : finders) {
      if (finder.applies(profile)) {
        result = finder.mask(result);
      }
    }
    return result;
  }
}
