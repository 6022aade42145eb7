package org.feedbackrouter.classify;

import static org.assertj.core.api.Assertions.assertThat;

import org.feedbackrouter.avro.Sentiment;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SentimentTest {

  private static FeedbackClassifier classifier;

  @BeforeAll
  static void build() {
    classifier =
        FeedbackClassifier.create(
            Taxonomy.defaults(), null, PriorityRules.defaults(), ClassifierSettings.defaults());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "El router no funciona desde ayer | NEGATIVE",
        "Ahora el router funciona perfectamente | POSITIVE",
        "Mi pedido nunca llegó | NEGATIVE",
        "Mi pedido llegó el martes | NEUTRAL",
        "I am not happy with the service | NEGATIVE",
        "I am happy with the service | POSITIVE",
        "The parcel never arrived | NEGATIVE",
        "The parcel arrived on Tuesday | NEUTRAL",
        "It doesn't work at all | NEGATIVE",
        "No está mal | POSITIVE",
        "La tienda estaba limpia pero el dependiente fue un maleducado | MIXED",
        "Great phone but the delivery was terrible | MIXED",
        "Quiero cambiar mi dirección de envío | NEUTRAL",
      })
  void textSentimentHandlesNegation(String text, Sentiment expected) {
    assertThat(classifier.classify(text, null, null, null, null).sentiment()).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        // nps | csat | ces | text | expected
        "3 | - | - | Quiero cambiar mi dirección | NEGATIVE",
        "10 | - | - | Quiero cambiar mi dirección | POSITIVE",
        "8 | - | - | Quiero cambiar mi dirección | NEUTRAL",
        "- | 1 | - | Quiero cambiar mi dirección | NEGATIVE",
        "- | 5 | - | Quiero cambiar mi dirección | POSITIVE",
        "- | - | 6 | Quiero cambiar mi dirección | NEGATIVE",
        "- | - | 2 | Quiero cambiar mi dirección | POSITIVE",
        "10 | - | - | El servicio es pésimo y lento | MIXED",
        "2 | - | - | Excelente atención, muy amables | MIXED",
        "8 | - | - | El servicio es pésimo | NEGATIVE",
        "1 | - | - | El servicio es pésimo | NEGATIVE",
        "11 | - | - | Quiero cambiar mi dirección | NEUTRAL",
      })
  void scoresAndTextCombine(Integer nps, Integer csat, Integer ces, String text, Sentiment expected) {
    assertThat(classifier.classify(text, null, nps, csat, ces).sentiment()).isEqualTo(expected);
  }
}
