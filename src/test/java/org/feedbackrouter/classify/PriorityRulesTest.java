package org.feedbackrouter.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
