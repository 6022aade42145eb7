package org.feedbackrouter.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.avro.Schema;
import org.feedbackrouter.avro.FeedbackReceived;
import org.feedbackrouter.avro.Scores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MockSchemaRegistryTest {

  private final String scope = TestRecords.freshScope();
  private final String otherScope = TestRecords.freshScope();
  private final MockSchemaRegistry registry = MockSchemaRegistry.scope(scope);

  @AfterEach
  void dropScopes() {
    MockSchemaRegistry.dropScope(scope);
    MockSchemaRegistry.dropScope(otherScope);
  }

  @Test
  void sameSchemaSameSubjectKeepsItsId() {
    int first = registry.register("feedback.received-value", FeedbackReceived.SCHEMA$);
    int again = registry.register("feedback.received-value", new Schema.Parser().parse(FeedbackReceived.SCHEMA$.toString()));

    assertThat(again).isEqualTo(first).isEqualTo(1);
    assertThat(registry.idOf("feedback.received-value", FeedbackReceived.SCHEMA$)).isEqualTo(first);
  }

  @Test
  void idsAreUniquePerSchemaAndSharedAcrossSubjects() {
    int feedback = registry.register("a-value", FeedbackReceived.SCHEMA$);
    int scores = registry.register("b-value", Scores.SCHEMA$);
    int feedbackElsewhere = registry.register("c-value", FeedbackReceived.SCHEMA$);

    assertThat(scores).isNotEqualTo(feedback);
    assertThat(feedbackElsewhere).isEqualTo(feedback);
    assertThat(registry.schemaById(scores)).isEqualTo(Scores.SCHEMA$);
    assertThat(registry.schemaById(feedback)).isEqualTo(FeedbackReceived.SCHEMA$);
  }

  @Test
  void scopesAreIsolatedAndDroppingForgets() {
    registry.register("a-value", Scores.SCHEMA$);
    MockSchemaRegistry other = MockSchemaRegistry.scope(otherScope);

    assertThat(other.register("z-value", FeedbackReceived.SCHEMA$)).isEqualTo(1);
    assertThatThrownBy(() -> other.idOf("a-value", Scores.SCHEMA$)).isInstanceOf(SchemaRegistryException.class);
    assertThat(MockSchemaRegistry.scope(scope)).isSameAs(registry);
    assertThat(SchemaRegistryClients.create(RegistryConfig.of("mock://" + scope))).isSameAs(registry);

    MockSchemaRegistry.dropScope(scope);

    MockSchemaRegistry fresh = MockSchemaRegistry.scope(scope);
    assertThat(fresh).isNotSameAs(registry);
    assertThatThrownBy(() -> fresh.schemaById(1)).isInstanceOf(SchemaRegistryException.class);
  }

  @Test
  void lookupOfUnregisteredSchemaIsNotFoundWithAdvice() {
    registry.register("feedback.received-value", Scores.SCHEMA$);

    assertThatThrownBy(() -> registry.idOf("nothing-value", FeedbackReceived.SCHEMA$))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
          assertThat(e.kind()).isEqualTo(SchemaRegistryException.Kind.NOT_FOUND);
          assertThat(e.status()).isEqualTo(404);
        })
        .hasMessageContaining("40401")
        .hasMessageContaining("Register it first")
        .hasMessageContaining("auto.register.schemas=true");
    assertThatThrownBy(() -> registry.idOf("feedback.received-value", FeedbackReceived.SCHEMA$))
        .hasMessageContaining("40403")
        .hasMessageContaining("not registered under subject 'feedback.received-value'");
  }

  @Test
  void unknownIdIsNotFound() {
    assertThatThrownBy(() -> registry.schemaById(42))
        .isInstanceOfSatisfying(SchemaRegistryException.class,
            e -> assertThat(e.kind()).isEqualTo(SchemaRegistryException.Kind.NOT_FOUND))
        .hasMessageContaining("Unknown schema id 42");
  }

  @Test
  void incompatibleVersionIsRefused() {
    Schema v1 = new Schema.Parser().parse("""
        {"type": "record", "name": "R", "fields": [{"name": "a", "type": "string"}]}""");
    Schema v2 = new Schema.Parser().parse("""
        {"type": "record", "name": "R", "fields": [{"name": "a", "type": "string"}, {"name": "b", "type": "long"}]}""");
    registry.register("r-value", v1);

    assertThatThrownBy(() -> registry.register("r-value", v2))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
          assertThat(e.kind()).isEqualTo(SchemaRegistryException.Kind.INCOMPATIBLE);
          assertThat(e.status()).isEqualTo(409);
        })
        .hasMessageContaining("'b'")
        .hasMessageContaining("add new fields with a default");
    assertThatThrownBy(() -> registry.idOf("r-value", v2)).isInstanceOf(SchemaRegistryException.class);
  }

  @Test
  void registeredSchemaIsACopyTheCallerCannotChange() {
    Schema schema = new Schema.Parser().parse("""
        {"type": "record", "name": "R", "fields": [{"name": "a", "type": "string"}]}""");
    int id = registry.register("r-value", schema);

    schema.addProp("owner", "someone");

    assertThat(registry.schemaById(id).getProp("owner")).isNull();
  }
}
