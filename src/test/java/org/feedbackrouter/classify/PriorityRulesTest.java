package org.feedbackrouter.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.feedbackrouter.avro.Priority;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PriorityRulesTest {

  private static FeedbackClassifier classifier;

  @BeforeAll
  static void build() {
    classifier =
        FeedbackClassifier.create(
            Taxonomy.defaults(), null, PriorityRules.defaults(), ClassifierSettings.defaults());
  }

  @ParameterizedTest(name = "{5}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        "Han compartido mis datos personales con terceros | 9 | - | - | P1 | critical topic, even from a promoter",
        "Voy a llamar a mi abogado por esto | - | - | - | P1 | critical topic without scores",
        "La entrega fue un desastre, pésimo servicio, estoy harto | 2 | - | - | P1 | detractor with strongly negative text",
        "La entrega fue un desastre, pésimo servicio, estoy harto | - | - | - | P2 | strongly negative text alone",
        "Quiero cambiar la dirección de entrega | 4 | - | - | P2 | detractor with neutral text",
        "Quiero cambiar la dirección de entrega | - | 2 | - | P2 | unsatisfied customer",
        "Quiero cambiar la dirección de entrega | - | - | 7 | P2 | high effort",
        "El repartidor llegó tarde | - | - | - | P2 | negative text",
        "Quiero cambiar la dirección de entrega | 7 | - | - | P3 | passive",
        "Quiero cambiar la dirección de entrega | - | - | - | P3 | neutral text",
        "Muchas gracias, enhorabuena al equipo | - | - | - | P4 | praise",
        "El repartidor fue muy amable | 10 | - | - | P4 | positive text from a promoter",
      })
  void defaultRules(String text, Integer nps, Integer csat, Integer ces, Priority expected, String why) {
    assertThat(classifier.classify(text, null, nps, csat, ces).priority()).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Hola, mi DNI es 12345678Z y el pedido llegó con la caja rota, quiero que me lo cambien | own DNI in an ordinary complaint",
        "My email is ana.perez@example.com and my phone 612 345 678, the parcel arrived two days late | own e-mail and phone in an ordinary complaint",
        "Just testing this form | test message",
        "Hola, buenos días | greeting",
        "Esto es una prueba, no hacer caso | test message (es)",
        "Hi there, good morning | greeting (en)",
      })
  void ordinaryComplaintsGreetingsAndTestsAreNeverP1(String text, String why) {
    FeedbackClassifier full = FeedbackClassifier.withDefaults();
    assertThat(full.classify(text, null, null, null, null).priority()).isNotEqualTo(Priority.P1);
    assertThat(classifier.classify(text, null, null, null, null).priority()).isNotEqualTo(Priority.P1);
  }

  @Test
  void greetingsAndTestsAreP4EvenFromADetractor() {
    assertThat(classifier.classify("Just testing this form", "en", 0, null, null).priority()).isEqualTo(Priority.P4);
    assertThat(classifier.classify("Hola, me han robado la tarjeta y la están usando", "es", null, null, null)
        .priority()).isNotEqualTo(Priority.P4);
  }

  @Test
  void criticalTopicsNeedStrongEvidence() {
    PriorityRules rules = PriorityRules.defaults();
    var none = new SurveyScores(null, null, null);
    java.util.function.Predicate<String> critical = t -> t.equals("privacy_data") || t.equals("fraud");
    String text = "Mi pedido llegó roto, mi DNI es [DNI]";
    // A weak critical secondary topic (the customer's own DNI seen as privacy) is not enough...
    var weakSecondary = java.util.List.of(new TopicMatch("product_defect", 0.74, org.feedbackrouter.avro.MatchSource.RULE),
        new TopicMatch("privacy_data", 0.55, org.feedbackrouter.avro.MatchSource.MODEL));
    assertThat(rules.evaluate(weakSecondary, critical, none, org.feedbackrouter.avro.Sentiment.NEGATIVE, 2.5, text))
        .isEqualTo(Priority.P2);
    // ...a strongly supported secondary one is,
    var strongSecondary = java.util.List.of(new TopicMatch("billing", 0.9, org.feedbackrouter.avro.MatchSource.RULE),
        new TopicMatch("fraud", 0.85, org.feedbackrouter.avro.MatchSource.BOTH));
    assertThat(rules.evaluate(strongSecondary, critical, none, org.feedbackrouter.avro.Sentiment.NEGATIVE, 2.5, text))
        .isEqualTo(Priority.P1);
    // ...and so is a critical primary topic with fair evidence, but not a barely matched one.
    var primary = java.util.List.of(new TopicMatch("fraud", 0.65, org.feedbackrouter.avro.MatchSource.MODEL));
    var weakPrimary = java.util.List.of(new TopicMatch("fraud", 0.45, org.feedbackrouter.avro.MatchSource.MODEL));
    assertThat(rules.evaluate(primary, critical, none, org.feedbackrouter.avro.Sentiment.NEUTRAL, 0, text))
        .isEqualTo(Priority.P1);
    assertThat(rules.evaluate(weakPrimary, critical, none, org.feedbackrouter.avro.Sentiment.NEUTRAL, 0, text))
        .isEqualTo(Priority.P2);
  }

  @Test
  void rulesComeFromTheFileTheSettingNames(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("rules.yaml");
    Files.writeString(file, """
        rules:
          - priority: P4
            when: {smallTalk: true}
          - priority: P1
            when: {sentiment: [NEGATIVE]}
        fallback: P3
        smallTalk: {maxWords: 3, words: [hola, hello]}
        """);
    Map<String, String> settings = new java.util.HashMap<>();
    settings.put("kafka.bootstrap.servers", "localhost:9092");
    settings.put("schema.registry.url", "mock://t");
    settings.put("feedback.priority.rules", file.toString());
    var config = org.feedbackrouter.config.ConfigLoader.fromProperties(settings);
    assertThat(config.priorityRules()).contains(file);
    FeedbackClassifier c = classifier.with(null, PriorityRules.load(config.priorityRules().orElseThrow()));

    assertThat(c.classify("El servicio es pésimo", "es", null, null, null).priority()).isEqualTo(Priority.P1);
    assertThat(c.classify("Hola hola", "es", null, null, null).priority()).isEqualTo(Priority.P4);
    assertThat(c.classify("Quiero cambiar la dirección", "es", null, null, null).priority()).isEqualTo(Priority.P3);
  }

  @Test
  void rulesLoadFromYamlAndApplyInOrder(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("priority.yaml");
    Files.writeString(
        file,
        """
        rules:
          - priority: P1
            when: {topics: [billing], csat: unsatisfied}
          - priority: P2
            when: {sentiment: [negative, mixed]}
        fallback: P4
        """);
    PriorityRules rules = PriorityRules.load(file);
    FeedbackClassifier c =
        FeedbackClassifier.create(Taxonomy.defaults(), null, rules, ClassifierSettings.defaults());

    assertThat(c.classify("La factura está mal, me han cobrado dos veces", null, null, 1, null).priority()).isEqualTo(Priority.P1);
    assertThat(c.classify("La factura está mal, me han cobrado dos veces", null, null, 4, null).priority()).isEqualTo(Priority.P2);
    assertThat(c.classify("Quiero cambiar la dirección", null, null, null, null).priority()).isEqualTo(Priority.P4);
    assertThat(rules.rules()).hasSize(2);
  }

  @Test
  void rejectsRulesWithUnknownConditions(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("priority.yaml");
    Files.writeString(file, "rules:\n  - priority: P1\n    when: {colour: red}\nfallback: P3\n");

    assertThatThrownBy(() -> PriorityRules.load(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("colour");
  }
}
