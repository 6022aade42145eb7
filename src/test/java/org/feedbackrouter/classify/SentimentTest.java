package org.feedbackrouter.classify;

import static org.assertj.core.api.Assertions.assertThat;

import org.feedbackrouter.avro.Sentiment;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
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

  private static Sentiment of(String text, String language) {
    return classifier.classify(text, language, null, null, null).sentiment();
  }

  @ParameterizedTest(name = "[{1}] {0} -> {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        // negation scope
        "El router no funciona desde ayer | es | NEGATIVE",
        "Ahora el router funciona perfectamente | es | POSITIVE",
        "No estoy nada contento con el servicio | es | NEGATIVE",
        "Mi pedido nunca llegó | es | NEGATIVE",
        "Mi pedido llegó el martes | es | NEUTRAL",
        "Nadie me llama para darme una solución | es | NEGATIVE",
        "No está mal | es | POSITIVE",
        "I am not happy with the service | en | NEGATIVE",
        "I am happy with the service | en | POSITIVE",
        "The parcel never arrived | en | NEGATIVE",
        "The parcel arrived on Tuesday | en | NEUTRAL",
        "It doesn't work at all | en | NEGATIVE",
        "Nobody called me back | en | NEGATIVE",
        "Not bad at all, better than I expected | en | POSITIVE",
        // contrast: the clause after pero/aunque/but/however weighs more; real mixed feeling stays MIXED
        "La tienda estaba limpia pero el dependiente fue un maleducado | es | MIXED",
        "Great phone but the delivery was terrible | en | MIXED",
        "Aunque la fibra va bien, el servicio técnico es un desastre y me tienen harto | es | NEGATIVE",
        "The agent was polite, however my problem is still not fixed and I am fed up | en | NEGATIVE",
        // emoji and emoticons
        "Pedido recibido 😍 | es | POSITIVE",
        "Pedido recibido 😡 | es | NEGATIVE",
        "Delivered today :) | en | POSITIVE",
        "Delivered today :( | en | NEGATIVE",
        // questions: praise words in a request are no praise
        "¿Me podéis ayudar a cambiar la tarifa? | es | NEUTRAL",
        "Can you help me change my plan please? | en | NEUTRAL",
        "¿Es normal que nadie me conteste en dos semanas? | es | NEGATIVE",
        "Why has nobody answered my complaint? | en | NEGATIVE",
        // customer-service idioms
        "Me tienen harto con las llamadas | es | NEGATIVE",
        "Ni caso a mi reclamación | es | NEGATIVE",
        "Still waiting for my refund | en | NEGATIVE",
        "Never again | en | NEGATIVE",
        // flat agent notes
        "Cliente llama para consultar el horario. Se informa. | es | NEUTRAL",
        "Cust called re billing date. Explained, no issues. | en | NEUTRAL",
        "Cliente llama muy enfadado porque le han cortado la línea | es | NEGATIVE",
        // requests
        "Quiero cambiar mi dirección de envío | es | NEUTRAL",
        "What time does the store open on Sunday? | en | NEUTRAL",
      })
  void textSentiment(String text, String language, Sentiment expected) {
    assertThat(of(text, language)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "[{1}] {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "I did not make these purchases! | en",
        "Gracias por nada, es la peor atención que he recibido | es",
        "Thanks for nothing, worst service ever | en",
        "Muy amable el chico, pero me han estafado y quiero mi dinero | es",
        "Lovely staff, great shop, but you charged me twice and nobody has answered in three weeks. Disgraceful | en",
        "El técnico muy profesional, aunque la instalación es una chapuza y nunca más contrato con vosotros | es",
        "¿Excelente servicio? Llevo un mes sin internet | es",
        "PÉSIMO servicio, de verdad | es",
        "Really really bad 👎👎 | en",
      })
  void clearlyNegativeTextIsNeverPositive(String text, String language) {
    assertThat(of(text, language)).isNotEqualTo(Sentiment.POSITIVE);
  }

  @Test
  void exclamationsAndCapitalsStrengthen() {
    SentimentScorer scorer = new SentimentScorer(SentimentLexicon.fromClasspath());
    double plain = scorer.score("the service was bad", Language.EN).negative();
    assertThat(scorer.score("the service was bad!!!", Language.EN).negative()).isGreaterThan(plain);
    assertThat(scorer.score("the service was BAD", Language.EN).negative()).isGreaterThan(plain);
    double muy = scorer.score("el servicio fue muy malo", Language.ES).negative();
    assertThat(muy).isGreaterThan(scorer.score("el servicio fue malo", Language.ES).negative());
    assertThat(scorer.score("el servicio fue un poco malo", Language.ES).negative())
        .isLessThan(scorer.score("el servicio fue malo", Language.ES).negative());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        // nps | csat | ces | text | expected: scores override the text when present and not neutral
        "3 | - | - | Quiero cambiar mi dirección | NEGATIVE",
        "10 | - | - | Quiero cambiar mi dirección | POSITIVE",
        "8 | - | - | Quiero cambiar mi dirección | NEUTRAL",
        "- | 1 | - | Quiero cambiar mi dirección | NEGATIVE",
        "- | 5 | - | Quiero cambiar mi dirección | POSITIVE",
        "- | - | 6 | Quiero cambiar mi dirección | NEGATIVE",
        "- | - | 2 | Quiero cambiar mi dirección | POSITIVE",
        "10 | - | - | Todo perfecto, el mejor servicio | POSITIVE",
        "10 | - | - | El servicio es pésimo y lento | MIXED",
        "2 | - | - | Excelente atención, muy amables | MIXED",
        "8 | - | - | El servicio es pésimo | NEGATIVE",
        "1 | - | - | El servicio es pésimo | NEGATIVE",
        "2 | - | - | Bien | NEGATIVE",
        "11 | - | - | Quiero cambiar mi dirección | NEUTRAL",
      })
  void scoresAndTextCombine(Integer nps, Integer csat, Integer ces, String text, Sentiment expected) {
    assertThat(classifier.classify(text, null, nps, csat, ces).sentiment()).isEqualTo(expected);
  }
}
