package org.feedbackrouter.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.feedbackrouter.avro.MatchSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FeedbackClassifierTest {

  private static FeedbackClassifier defaults;
  private static FeedbackClassifier rulesOnly;

  @BeforeAll
  static void build() {
    defaults = FeedbackClassifier.withDefaults();
    rulesOnly =
        FeedbackClassifier.create(
            Taxonomy.defaults(), null, PriorityRules.defaults(), ClassifierSettings.defaults());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Hay un COBRO DUPLICADO en la facturación | billing",
        "hay un cobro duplicado en la facturacion | billing",
        "Revisad los cobros duplicados, por favor | billing",
        "Me cobraron dos veces | billing",
        "I've been DOUBLE CHARGED | billing",
        "I was charged twice in May | billing",
        "El técnico no se presentó | installation_technician",
        "el tecnico no se presento | installation_technician",
        "The technicians never showed up | installation_technician",
        "Quiero darme de baja | contract_cancellation",
      })
  void rulesMatchIgnoringCaseAccentsAndInflection(String text, String topic) {
    Classification c = rulesOnly.classify(text, null, null, null, null);

    assertThat(c.primaryTopic()).isEqualTo(topic);
    assertThat(c.topics().get(0).source()).isEqualTo(MatchSource.RULE);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Me han cobrado dos veces el recibo de la luz del mes pasado | billing | es",
        "El pedido nunca llegó y el seguimiento no se mueve | delivery | es",
        "La app se cierra cada vez que intento entrar | mobile_app | es",
        "Alguien ha contratado una línea a mi nombre sin permiso | fraud | es",
        "The courier left my parcel in the rain and it got soaked | delivery | en",
        "I cannot log in, the password reset email never comes | account_access | en",
        "My lawyer will be in touch about this | legal_threat | en",
        "The charger sparked and almost set the sofa on fire | safety | en",
      })
  void defaultClassifierFindsTheTopicInBothLanguages(String text, String topic, String language) {
    Classification c = defaults.classify(text, null, null, null, null);

    assertThat(c.primaryTopic()).isEqualTo(topic);
    assertThat(c.language()).isEqualTo(language);
    assertThat(c.topics()).allSatisfy(m -> assertThat(m.score()).isBetween(0.0, 1.0));
    assertThat(c.topics()).extracting(TopicMatch::score).isSortedAccordingTo((a, b) -> Double.compare(b, a));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Hoy hace un día estupendo para ir a la playa",
        "What is the capital of Australia?",
        "asdf qwerty zxcv",
        "''",
      })
  void textAboutNoTopicIsUnclassified(String text) {
    Classification c = defaults.classify(text, null, null, null, null);

    assertThat(c.primaryTopic()).isEqualTo(Classification.UNCLASSIFIED);
    assertThat(c.topics()).isEmpty();
    assertThat(c.isClassified()).isFalse();
  }

  @Test
  void modelFindsTopicsWithoutAnyRuleWord() {
    // No rule of any topic contains these words; the examples taught the model.
    Classification c = defaults.classify("Tardaron una hora en darme número de turno en la tienda", null, null, null, null);

    assertThat(c.primaryTopic()).isEqualTo("store_experience");
    assertThat(c.topics().get(0).source()).isIn(MatchSource.MODEL, MatchSource.BOTH);
  }

  @Test
  void rulesAndModelAgreeingIsReportedAsBoth() {
    Classification c = defaults.classify("Me han cobrado dos veces la factura de marzo", null, null, null, null);

    assertThat(c.topics().get(0)).satisfies(m -> {
      assertThat(m.topic()).isEqualTo("billing");
      assertThat(m.source()).isEqualTo(MatchSource.BOTH);
      assertThat(m.score()).isGreaterThan(0.9);
    });
  }

  @Test
  void negativeRuleRulesATopicOut() {
    assertThat(rulesOnly.classify("Excelente servicio, muchas gracias", null, null, null, null).primaryTopic())
        .isEqualTo("praise");
    assertThat(rulesOnly.classify("Excelente servicio, pero me han cobrado dos veces", null, null, null, null).topics())
        .extracting(TopicMatch::topic)
        .doesNotContain("praise")
        .contains("billing");
  }

  @Test
  void redactsBeforeClassifyingAndReturnsTheRedactedText() {
    Classification c =
        defaults.classify(
            "Me cobraron dos veces en la tarjeta 4111 1111 1111 1111, escribidme a ana@example.com",
            null, null, null, null);

    assertThat(c.redactedText())
        .isEqualTo("Me cobraron dos veces en la tarjeta [CARD], escribidme a [EMAIL]")
        .doesNotContain("4111")
        .doesNotContain("ana@");
    assertThat(c.primaryTopic()).isEqualTo("billing");
  }

  @Test
  void languageHintWinsOverDetection() {
    assertThat(defaults.classify("factura", "en-GB", null, null, null).language()).isEqualTo("en");
    assertThat(defaults.classify("The invoice is wrong", null, null, null, null).language()).isEqualTo("en");
    assertThat(defaults.classify("ok", null, null, null, null).language()).isEqualTo("unknown");
    assertThat(defaults.classify("ok", "fr", null, null, null).language()).isEqualTo("unknown");
  }

  @Test
  void reportsSeveralTopicsBestFirst() {
    Classification c =
        defaults.classify(
            "La app se cierra al pagar y además me han cobrado dos veces la factura", null, null, null, null);

    assertThat(c.topics()).extracting(TopicMatch::topic).contains("mobile_app", "billing");
    assertThat(c.primaryTopic()).isEqualTo(c.topics().get(0).topic());
  }

  @Test
  void givesTheSameAnswersFromManyThreads() throws Exception {
    List<String> texts =
        List.of(
            "Me han cobrado dos veces la factura",
            "The courier never came",
            "La app no abre desde la actualización",
            "I want my money back, refund me",
            "Hoy hace sol");
    List<Classification> expected = texts.stream().map(t -> defaults.classify(t, null, 3, null, null)).toList();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<Classification>>> runs =
          java.util.stream.IntStream.range(0, 8)
              .mapToObj(
                  i ->
                      pool.submit(
                          () -> {
                            List<Classification> out = new java.util.ArrayList<>();
                            for (int r = 0; r < 200; r++) {
                              for (String t : texts) {
                                out.add(defaults.classify(t, null, 3, null, null));
                              }
                            }
                            return out;
                          }))
              .toList();
      for (Future<List<Classification>> run : runs) {
        List<Classification> got = run.get();
        for (int i = 0; i < got.size(); i++) {
          assertThat(got.get(i)).isEqualTo(expected.get(i % texts.size()));
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void rejectsAModelWhoseLabelsAreNotInTheTaxonomy() {
    TopicModel model =
        TopicModel.train(
            List.of(
                new LabeledText("my bill is wrong", "billing"),
                new LabeledText("invoice charged twice", "billing"),
                new LabeledText("where is my parcel", "parcels"),
                new LabeledText("courier never came", "parcels")),
            null,
            ModelSettings.defaults());

    assertThatThrownBy(
            () -> FeedbackClassifier.create(Taxonomy.defaults(), model, PriorityRules.defaults(), ClassifierSettings.defaults()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("parcels");
  }
}
