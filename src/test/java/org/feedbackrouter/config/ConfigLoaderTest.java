package org.feedbackrouter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import org.feedbackrouter.classify.Language;
import org.feedbackrouter.classify.encoder.EncoderMode;
import org.feedbackrouter.classify.encoder.EncoderSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path dir;

  @Test
  void defaultsThenFileThenEnvironment() throws Exception {
    Path file = dir.resolve("app.properties");
    Files.writeString(file, """
        feedback.http.port=9000
        feedback.dedup.window=2d
        feedback.topic.prefix=acme.
        kafka.bootstrap.servers=file:9092
        kafka.security.protocol=SSL
        schema.registry.url=http://registry:8081
        """);
    FeedbackConfig c = ConfigLoader.load(Optional.of(file), Map.of(
        "KAFKA_BOOTSTRAP_SERVERS", "env:9092",
        "FEEDBACK_HTTP_PORT", "9100",
        "KAFKA_SASL_JAAS_CONFIG", "secret-from-env",
        "SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO", "user:pw",
        "HOME", "/root"));

    assertThat(c.httpPort()).isEqualTo(9100);
    assertThat(c.dedupWindow()).isEqualTo(Duration.ofDays(2));
    assertThat(c.topicPrefix()).isEqualTo("acme.");
    assertThat(c.bootstrapServers()).isEqualTo("env:9092");
    assertThat(c.kafka()).containsEntry("security.protocol", "SSL").containsEntry("sasl.jaas.config", "secret-from-env");
    assertThat(c.registry()).containsEntry("schema.registry.url", "http://registry:8081")
        .containsEntry("basic.auth.user.info", "user:pw");
    assertThat(c.maxTextLength()).isEqualTo(10_000);
    assertThat(c.fallbackDepartment()).isEqualTo("cx_office");
  }

  @Test
  void yamlFilesAreFlattened() throws Exception {
    Path file = dir.resolve("app.yaml");
    Files.writeString(file, """
        feedback:
          unowned.alert.interval: 30m
        kafka:
          bootstrap.servers: yaml:9092
        schema.registry.url: mock://yaml
        """);
    FeedbackConfig c = ConfigLoader.load(Optional.of(file), Map.of());
    assertThat(c.unownedAlertInterval()).isEqualTo(Duration.ofMinutes(30));
    assertThat(c.bootstrapServers()).isEqualTo("yaml:9092");
  }

  @Test
  void secretsInAFileAreRefusedWithTheVariableToUse() throws Exception {
    Path file = dir.resolve("app.properties");
    Files.writeString(file, "kafka.ssl.keystore.password=hunter2\n");
    ConfigException e = catchThrowableOfType(ConfigException.class,
        () -> ConfigLoader.load(Optional.of(file), Map.of()));
    assertThat(e.problems()).singleElement().asString()
        .contains("kafka.ssl.keystore.password").contains("KAFKA_SSL_KEYSTORE_PASSWORD");
  }

  @Test
  void aSaslJaasSettingInAFileIsRefusedWithoutQuotingIt() throws Exception {
    Path file = dir.resolve("sasl.properties");
    Files.writeString(file, "kafka.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule"
        + " required username=\"svc\" password=\"pw-in-file-42\";\n");
    ConfigException e = catchThrowableOfType(ConfigException.class,
        () -> ConfigLoader.load(Optional.of(file), Map.of()));
    assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("KAFKA_SASL_JAAS_CONFIG"));
    assertThat(String.join("\n", e.problems())).doesNotContain("pw-in-file-42");
  }

  @Test
  void theConfigNeverPrintsItsSecrets() {
    FeedbackConfig config = ConfigLoader.load(Optional.empty(), Map.of("KAFKA_BOOTSTRAP_SERVERS", "k:9092",
        "SCHEMA_REGISTRY_URL", "https://r:8081", "SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO", "svc:registry-pass-42",
        "KAFKA_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.plain.PlainLoginModule required"
            + " username=\"svc\" password=\"jaas-pass-42\";",
        "FEEDBACK_DLQ_KEY", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="));
    assertThat(config.kafka()).containsKey("sasl.jaas.config");
    assertThat(config.toString()).contains("k:9092")
        .doesNotContain("jaas-pass-42").doesNotContain("registry-pass-42").doesNotContain("AAECAwQF");
  }

  @Test
  void apiTokensComeFromTheEnvironmentOnlyAndAreNeverEchoed() throws Exception {
    Map<String, String> env = Map.of("KAFKA_BOOTSTRAP_SERVERS", "k:9092", "SCHEMA_REGISTRY_URL", "mock://x",
        "FEEDBACK_API_TOKENS", "finance:finance-token-0123456789,admin:admin-token-0123456789");
    FeedbackConfig config = ConfigLoader.load(Optional.empty(), env);
    assertThat(config.apiTokens().departments()).containsExactly("finance", "admin");
    assertThat(config.toString()).doesNotContain("finance-token-0123456789");

    ConfigException bad = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(Optional.empty(),
        Map.of("KAFKA_BOOTSTRAP_SERVERS", "k:9092", "SCHEMA_REGISTRY_URL", "mock://x",
            "FEEDBACK_API_TOKENS", "finance:tooshort42")));
    assertThat(bad.problems()).singleElement().asString().contains("FEEDBACK_API_TOKENS").doesNotContain("tooshort42");

    Path file = dir.resolve("tokens.properties");
    Files.writeString(file, "feedback.api.tokens=finance:finance-token-0123456789\n");
    ConfigException inFile = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(Optional.of(file),
        Map.of("KAFKA_BOOTSTRAP_SERVERS", "k:9092", "SCHEMA_REGISTRY_URL", "mock://x")));
    assertThat(inFile.problems()).singleElement().asString().contains("FEEDBACK_API_TOKENS");
    assertThat(ConfigLoader.load(Optional.empty(), Map.of("KAFKA_BOOTSTRAP_SERVERS", "k:9092",
        "SCHEMA_REGISTRY_URL", "mock://x")).apiTokens().isEmpty()).isTrue();
  }

  @Test
  void everyBadSettingIsOneLine() {
    ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.fromProperties(Map.of(
        "feedback.http.port", "eighty",
        "feedback.dedup.window", "forever",
        "feedback.colour", "blue",
        "schema.registry.url", "ftp://x")));
    assertThat(e.problems()).hasSize(5).anySatisfy(p -> assertThat(p).startsWith("missing Kafka bootstrap servers"))
        .anySatisfy(p -> assertThat(p).startsWith("setting feedback.http.port='eighty' is invalid"))
        .anySatisfy(p -> assertThat(p).startsWith("setting feedback.dedup.window='forever' is invalid"))
        .anySatisfy(p -> assertThat(p).startsWith("unknown setting 'feedback.colour'"))
        .anySatisfy(p -> assertThat(p).startsWith("schema.registry.url 'ftp://x' must start with"));
  }

  @Test
  void encoderSettingsDefaultToTheBundledModelForUncertainEnglishTexts() {
    FeedbackConfig c = ConfigLoader.fromProperties(Map.of(
        "kafka.bootstrap.servers", "k:9092", "schema.registry.url", "mock://x"));
    assertThat(c.encoder()).isEqualTo(EncoderSettings.defaults());
    assertThat(c.encoder().mode()).isEqualTo(EncoderMode.UNCERTAIN);
    assertThat(c.encoder().languages()).containsExactly(Language.EN);

    FeedbackConfig user = ConfigLoader.fromProperties(Map.of(
        "kafka.bootstrap.servers", "k:9092", "schema.registry.url", "mock://x",
        "feedback.classifier.encoder", "ALL",
        "feedback.classifier.encoder.model", "/models/e5.onnx",
        "feedback.classifier.encoder.tokenizer", "/models/tokenizer.json",
        "feedback.classifier.encoder.pooling", "cls",
        "feedback.classifier.encoder.languages", "es,en"));
    assertThat(user.encoder().mode()).isEqualTo(EncoderMode.ALL);
    assertThat(user.encoder().model()).contains(Path.of("/models/e5.onnx"));
    assertThat(user.encoder().pooling()).isEqualTo(PoolingMode.CLS);
    assertThat(user.encoder().languages()).containsExactlyInAnyOrder(Language.ES, Language.EN);
  }

  @Test
  void badEncoderSettingsAreOneLineEach() {
    ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.fromProperties(Map.of(
        "kafka.bootstrap.servers", "k:9092", "schema.registry.url", "mock://x",
        "feedback.classifier.encoder", "sometimes",
        "feedback.classifier.encoder.languages", "fr",
        "feedback.classifier.encoder.model", "/models/e5.onnx")));
    assertThat(e.problems()).hasSize(3)
        .anySatisfy(p -> assertThat(p).startsWith("setting feedback.classifier.encoder='sometimes' is invalid"))
        .anySatisfy(p -> assertThat(p).startsWith("setting feedback.classifier.encoder.languages='fr' is invalid"))
        .anySatisfy(p -> assertThat(p).contains("model and .tokenizer go together"));
  }

  @Test
  void durationsReadShortAndIsoForms() {
    assertThat(Durations.parse("15m")).isEqualTo(Duration.ofMinutes(15));
    assertThat(Durations.parse("PT2H")).isEqualTo(Duration.ofHours(2));
    assertThat(Durations.format(Duration.ofDays(7))).isEqualTo("7d");
    assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
  }

  @Test
  void guaranteesAreRefusedFromTheEnvironmentWithTheSettingToUse() {
    ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(Optional.empty(), Map.of(
        "KAFKA_BOOTSTRAP_SERVERS", "k:9092",
        "SCHEMA_REGISTRY_URL", "mock://x",
        "KAFKA_PROCESSING_GUARANTEE", "at_least_once",
        "KAFKA_APPLICATION_ID", "other")));
    assertThat(e.problems()).hasSize(2)
        .anySatisfy(p -> assertThat(p).contains("KAFKA_PROCESSING_GUARANTEE", "refused",
            "feedback.processing.guarantee=at_least_once"))
        .anySatisfy(p -> assertThat(p).contains("KAFKA_APPLICATION_ID", "refused", "feedback.application.id"));
  }

  @Test
  void deadLetterHandlersAreRefusedFromFiles() throws Exception {
    Path file = dir.resolve("app.properties");
    Files.writeString(file, """
        kafka.bootstrap.servers=k:9092
        schema.registry.url=mock://x
        kafka.processing.exception.handler=org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler
        kafka.deserialization.exception.handler=org.apache.kafka.streams.errors.LogAndContinueExceptionHandler
        kafka.errors.dead.letter.queue.topic.name=elsewhere
        """);
    ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(Optional.of(file), Map.of()));
    assertThat(e.problems()).hasSize(3).allSatisfy(p -> assertThat(p).contains("is refused"));
  }

  @Test
  void onlyTheServiceSettingWeakensExactlyOnce() {
    Map<String, String> base = Map.of("kafka.bootstrap.servers", "k:9092", "schema.registry.url", "mock://x");
    assertThat(ConfigLoader.fromProperties(base).processingGuarantee()).isEqualTo("exactly_once_v2");
    Map<String, String> weakened = new java.util.HashMap<>(base);
    weakened.put("feedback.processing.guarantee", "AT_LEAST_ONCE");
    assertThat(ConfigLoader.fromProperties(weakened).processingGuarantee()).isEqualTo("at_least_once");
    weakened.put("feedback.processing.guarantee", "exactly_once");
    ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.fromProperties(weakened));
    assertThat(e.problems()).singleElement().asString()
        .contains("feedback.processing.guarantee", "must be exactly_once_v2 or at_least_once");
  }

  @Test
  void theDeadLetterKeyComesFromTheEnvironmentOnlyAndIsNeverQuoted() throws Exception {
    Path file = dir.resolve("app.properties");
    Files.writeString(file, "feedback.dlq.key=c2VjcmV0\n");
    ConfigException inFile = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(Optional.of(file), Map.of()));
    assertThat(inFile.problems()).anySatisfy(p -> assertThat(p).contains("FEEDBACK_DLQ_KEY"));

    Map<String, String> env = Map.of("KAFKA_BOOTSTRAP_SERVERS", "k:9092", "SCHEMA_REGISTRY_URL", "mock://x",
        "FEEDBACK_DLQ_KEY", "c2VjcmV0");
    ConfigException shortKey = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(Optional.empty(), env));
    assertThat(shortKey.problems()).singleElement().asString()
        .contains("FEEDBACK_DLQ_KEY must be 32 bytes").doesNotContain("c2VjcmV0");

    FeedbackConfig c = ConfigLoader.load(Optional.empty(), Map.of("KAFKA_BOOTSTRAP_SERVERS", "k:9092",
        "SCHEMA_REGISTRY_URL", "mock://x", "FEEDBACK_DLQ_KEY", java.util.Base64.getEncoder().encodeToString(new byte[32]),
        "FEEDBACK_DLQ_STORE_ORIGINAL", "false"));
    assertThat(c.dlqKey()).isPresent();
    assertThat(c.dlqStoreOriginal()).isFalse();
    assertThat(c.toString()).doesNotContain(java.util.Base64.getEncoder().encodeToString(new byte[32]));
  }
}
