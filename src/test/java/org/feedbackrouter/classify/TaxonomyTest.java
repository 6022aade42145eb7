package org.feedbackrouter.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaxonomyTest {

  @TempDir Path dir;

  @Test
  void defaultTaxonomyLoadsWithItsCriticalTopics() {
    Taxonomy t = Taxonomy.defaults();

    assertThat(t.topics()).hasSizeGreaterThanOrEqualTo(25);
    assertThat(t.topicIds())
        .contains("billing", "product_defect", "self_service_web", "privacy_data", "it_outage",
            "payments_financing", "hr_staffing", "logistics_stock");
    assertThat(t.topicIds()).allMatch(id -> id.matches("[a-z][a-z0-9_]*"));
    assertThat(t.topics().stream().filter(TaxonomyTopic::critical).map(TaxonomyTopic::id))
        .containsExactlyInAnyOrder("privacy_data", "fraud", "safety", "legal_threat");
    assertThat(t.isCritical("fraud")).isTrue();
    assertThat(t.isCritical("billing")).isFalse();
    assertThat(t.isCritical("no_such_topic")).isFalse();
    for (TaxonomyTopic topic : t.topics()) {
      assertThat(topic.examples(Language.ES)).as(topic.id() + " es").hasSizeGreaterThanOrEqualTo(20);
      assertThat(topic.examples(Language.EN)).as(topic.id() + " en").hasSizeGreaterThanOrEqualTo(20);
      assertThat(topic.rules(Language.ES)).as(topic.id() + " es rules").isNotEmpty();
      assertThat(topic.rules(Language.EN)).as(topic.id() + " en rules").isNotEmpty();
    }
  }

  @Test
  void reportsEveryErrorWithItsPath() throws IOException {
    Path file =
        write(
            """
            topics:
              - id: billing
                name: Billing
                rules:
                  es:
                    - {match: factura, weight: 0.5}
              - id: billing
                name: Billing again
                rules:
                  en: [{match: invoice, weight: 0.5}]
              - id: empty_topic
                name: Nothing here
              - id: Bad-Id
                name: Bad id
                examples:
                  es: ["un ejemplo"]
              - id: weights
                name: Weights
                rules:
                  es:
                    - {match: uno, weight: 0.5}
                    - {match: dos, weight: 0}
                    - {match: tres, weight: 4}
                  en:
                    - {match: four}
                    - {match: "  ", weight: 0.3}
            """);

    assertThatThrownBy(() -> Taxonomy.load(file))
        .isInstanceOf(TaxonomyException.class)
        .satisfies(
            e ->
                assertThat(((TaxonomyException) e).errors())
                    .containsExactly(
                        "topics[1].id: duplicate id 'billing' (first at topics[0])",
                        "topics[2]: topic 'empty_topic' is empty: give it rules or examples",
                        "topics[3].id: must be lowercase snake_case (e.g. product_defect), was 'Bad-Id'",
                        "topics[4].rules.es[1].weight: must be in (0, 1], was 0",
                        "topics[4].rules.es[2].weight: must be in (0, 1], was 4",
                        "topics[4].rules.en[0].weight: is required",
                        "topics[4].rules.en[1].match: must contain a word"))
        .hasMessageContaining("(7 errors)")
        .hasMessageContaining(file.toString());
  }

  @Test
  void reportsUnknownKeysWrongTypesAndLanguagesTogetherWithOtherErrors() throws IOException {
    Path file =
        write(
            """
            topics:
              - id: billing
                name: Billing
                critcal: true
                rules:
                  fr: [{match: facture, weight: 0.5}]
                  es: [{match: factura, weight: high}]
                examples:
                  en: ["my bill is wrong"]
              - id: refunds
                critical: maybe
                examples:
                  es: ["quiero mi dinero"]
            """);

    assertThatThrownBy(() -> Taxonomy.load(file))
        .isInstanceOf(TaxonomyException.class)
        .satisfies(
            e ->
                assertThat(((TaxonomyException) e).errors())
                    .contains(
                        "topics[0].critcal: unknown key",
                        "topics[0].rules.es[0].weight: must be a number, was 'high'",
                        "topics[0].rules.fr: unsupported language 'fr', use es or en",
                        "topics[1].critical: must be true or false, was 'maybe'",
                        "topics[1].name: is required"));
  }

  @Test
  void rejectsAFileWithoutTopicsAndTheReservedId() throws IOException {
    assertThatThrownBy(() -> Taxonomy.load(write("topics: []\n")))
        .isInstanceOf(TaxonomyException.class)
        .hasMessageContaining("topics: must list at least one topic");
    Path reserved =
        write(
            """
            topics:
              - id: unclassified
                name: Nothing
                examples: {en: ["hello"]}
            """);
    assertThatThrownBy(() -> Taxonomy.load(reserved))
        .hasMessageContaining("topics[0].id: 'unclassified' is reserved");
  }

  @Test
  void readsAValidFileIntoTopics() throws IOException {
    Path file =
        write(
            """
            topics:
              - id: billing
                name: Billing
                description: Invoices
                rules:
                  es: [{match: factura, weight: 0.6}]
                negative:
                  es: [regalo]
                examples:
                  en: ["my bill is wrong"]
              - id: fraud
                name: Fraud
                critical: true
                rules:
                  en: [{match: fraud, weight: 1}]
            """);

    Taxonomy t = Taxonomy.load(file);

    assertThat(t.topicIds()).containsExactly("billing", "fraud");
    TaxonomyTopic billing = t.topic("billing");
    assertThat(billing.rules(Language.ES)).containsExactly(new TopicRule("factura", 0.6));
    assertThat(billing.negative(Language.ES)).containsExactly("regalo");
    assertThat(t.examples()).containsExactly(new LabeledText("my bill is wrong", "billing", Language.EN));
    assertThat(t.isCritical("fraud")).isTrue();
  }

  private Path write(String yaml) throws IOException {
    Path p = Files.createTempFile(dir, "taxonomy", ".yaml");
    Files.writeString(p, yaml);
    return p;
  }
}
