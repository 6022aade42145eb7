package org.feedbackrouter.classify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LanguageDetectorTest {

  private final LanguageDetector detector = new LanguageDetector();

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Me han cobrado dos veces la factura de marzo | ES",
        "¿Dónde está mi pedido? | ES",
        "facturación | ES",
        "I was charged twice for my March bill | EN",
        "The app doesn't open since yesterday | EN",
        "where is my order | EN",
        "ok | UNKNOWN",
        "12345 | UNKNOWN",
        "'' | UNKNOWN",
      })
  void detectsSpanishEnglishOrSaysUnknown(String text, Language expected) {
    assertThat(detector.detect(text)).isEqualTo(expected);
  }
}
