package org.feedbackrouter.redact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmailFinderTest {

  private final EmailFinder finder = new EmailFinder();

  /** What scanning the whole text with the pattern masks: the anchored search must agree. */
  private static String scanned(String text) {
    return PatternMasking.mask(text, EmailFinder.EMAIL, s -> "[EMAIL]");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a@b.co y c@d.es",
        "a@b.com@c.org",
        "x@y.com.z@w.org",
        "@solo.com y sin arroba",
        "pepe@ sin dominio, luego ana@correo.es",
        "ana@correo.e no, ana@correo.es sí",
        "josé.núñez@correo.españa.es",
        "dos@@arrobas.com",
        "..@..com",
        "fin con arroba@",
        "𝒜𝒷@𝒸𝒹.𝑒𝑓 letras fuera del plano básico",
      })
  void masksWhatTheFullScanMasks(String text) {
    assertThat(finder.mask(text)).isEqualTo(scanned(text));
  }

  @Test
  void agreesWithTheFullScanOnRandomTexts() {
    // Few characters, so '@', dots and separators meet in every arrangement.
    String alphabet = "ab1é.@-_+% ,@.a";
    Random random = new Random(1);
    int masked = 0;
    for (int n = 0; n < 200_000; n++) {
      StringBuilder b = new StringBuilder();
      for (int i = random.nextInt(24); i > 0; i--) {
        b.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String text = b.toString();
      String expected = scanned(text);
      assertThat(finder.mask(text)).as(text).isEqualTo(expected);
      masked += expected.equals(text) ? 0 : 1;
    }
    // The comparison means something only if many texts held an address.
    assertThat(masked).isGreaterThan(500);
  }
}
