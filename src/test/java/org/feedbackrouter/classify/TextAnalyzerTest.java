package org.feedbackrouter.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class TextAnalyzerTest {

  private static final TextAnalyzer ANALYZER = new TextAnalyzer();

  @AfterAll
  static void close() {
    ANALYZER.close();
  }

  @Test
  void spanishAccentsCaseAndInflectionsMeet() {
    assertThat(stems("Facturación facturacion factura facturas", Language.ES)).containsOnly("factur");
    assertThat(stems("devolución DEVOLUCION", Language.ES)).hasSize(2).containsOnly(stems("devolución", Language.ES).get(0));
    assertThat(stems("contraseña contrasena", Language.ES)).containsOnly("contrasen");
    assertThat(stems("llegó llego", Language.ES)).containsOnly("lleg");
  }

  @Test
  void englishInflectionsMeet() {
    assertThat(stems("charged charges charging", Language.EN)).containsOnly("charg");
    assertThat(stems("Refunds refunded", Language.EN)).containsOnly("refund");
    assertThat(stems("customer's", Language.EN)).containsExactly("custom");
  }

  @Test
  void surfaceFormsAreFoldedButNotStemmed() {
    List<String> surfaces = new ArrayList<>();
    ANALYZER.analyze(
        "Facturación",
        Language.ES,
        new TextAnalyzer.WordSink() {
          @Override
          public void surface(char[] chars, int length) {
            surfaces.add(new String(chars, 0, length));
          }

          @Override
          public void stem(char[] chars, int length) {}
        });
    assertThat(surfaces).containsExactly("facturacion");
  }

  @Test
  void formsStayTheSameOnceTheWordCacheHasFilledAndEmptied() {
    String text = "Devolución de la facturación: cobros duplicados y atención lenta";
    List<String> before = stems(text, Language.ES);
    StringBuilder many = new StringBuilder();
    for (int i = 0; i < 40_000; i++) {
      many.append("palabra").append(Integer.toString(i, 36)).append(' ');
    }
    assertThat(stems(many.toString(), Language.ES)).hasSize(40_000);
    assertThat(stems(text, Language.ES)).isEqualTo(before).contains("factur", "devolu");
  }

  static List<String> stems(String text, Language language) {
    List<String> out = new ArrayList<>();
    ANALYZER.analyze(
        text,
        language,
        new TextAnalyzer.WordSink() {
          @Override
          public void surface(char[] chars, int length) {}

          @Override
          public void stem(char[] chars, int length) {
            out.add(new String(chars, 0, length));
          }
        });
    return out;
  }
}
