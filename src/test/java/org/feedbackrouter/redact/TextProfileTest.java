package org.feedbackrouter.redact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
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

  @Test
  void skipsTextsWithoutAtSignAndWithFewDigits() {
    assertThat(TextProfile.of("La app se cierra; pago 600 megas y llegan 50").mayContainPersonalData()).isFalse();
  }
}
