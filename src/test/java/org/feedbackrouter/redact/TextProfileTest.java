package org.feedbackrouter.redact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The pre-scan may let clean texts through, but never a text that holds personal data. */
class TextProfileTest {

  private static final List<PiiFinder> FINDERS = List.of(
      new EmailFinder(), new IbanFinder(), new CardNumberFinder(), new SpanishIdFinder(), new PhoneNumberFinder("ES"));

  @ParameterizedTest
  @ValueSource(
      strings = {
        "escribid a a@b.es",
        "Llamad al 600 123 456",
        "Llamad al ６００ １２３ ４５６",
        "call +44 20 7946 0958",
        "tarjeta 4111-1111-1111-1111",
        "IBAN ES91 2100 0418 4502 0005 1332",
        "DNI 12345678Z",
        "NIE X-1234567-L",
      })
  void letsEveryFinderThatMasksSomethingRun(String text) {
    assertThat(FINDERS).as("some finder masks it").anyMatch(f -> !f.mask(text).equals(text));
    TextProfile profile = TextProfile.of(text);
    assertThat(profile.mayContainPersonalData()).isTrue();
    // Each finder that would mask something in the text must be allowed to run by the profile.
    for (PiiFinder finder : FINDERS) {
      if (!finder.mask(text).equals(text)) {
        assertThat(finder.applies(profile)).as(finder.getClass().getSimpleName()).isTrue();
      }
    }
  }

  /** Numbers glued to words, extensions, prefixes and full-width digits, in random mixes. */
  @Test
  void neverSkipsATextInWhichLibphonenumberFindsANumber() {
    PhoneNumberFinder phones = new PhoneNumberFinder("ES");
    String[] pieces = {
      "600", "12", "345", "678", "91", "+34", "+44", "20", "7946", "0958", " ", " ", "-", ".", "/", "(", ")",
      "x", "ext", "tel", "pedido", "el", ",", ":", "2024", "€", "６００",
    };
    Random random = new Random(42);
    int masked = 0;
    for (int i = 0; i < 20_000; i++) {
      StringBuilder text = new StringBuilder();
      for (int p = 3 + random.nextInt(12); p > 0; p--) {
        text.append(pieces[random.nextInt(pieces.length)]);
      }
      String t = text.toString();
      if (!phones.mask(t).equals(t)) {
        masked++;
        assertThat(phones.applies(TextProfile.of(t))).as(t).isTrue();
      }
    }
    assertThat(masked).as("texts with a number found").isGreaterThan(100);
  }

  @Test
  void skipsTextsWithoutAtSignAndWithFewDigits() {
    assertThat(TextProfile.of("La app se cierra; pago 600 megas y llegan 50").mayContainPersonalData()).isFalse();
  }
}
