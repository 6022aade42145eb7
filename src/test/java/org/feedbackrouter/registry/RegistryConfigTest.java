package org.feedbackrouter.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;
import org.junit.jupiter.api.Test;

class RegistryConfigTest {

  @Test
  void urlAloneGivesTheDefaults() {
    RegistryConfig config = RegistryConfig.of("http://registry:8081/");

    assertThat(config.urls()).containsExactly("http://registry:8081");
    assertThat(config.requestTimeout()).isEqualTo(Duration.ofMillis(10_000));
    assertThat(config.retries()).isEqualTo(5);
    assertThat(config.retryBackoff()).isEqualTo(Duration.ofMillis(200));
    assertThat(config.userInfo()).isNull();
    assertThat(config.trustStore()).isNull();
    assertThat(config.isMock()).isFalse();
  }

  @Test
  void readsConfluentKeysAndOurs() {
    RegistryConfig config = RegistryConfig.fromMap(Map.ofEntries(
        Map.entry("schema.registry.url", List.of("https://a:8081", "https://b:8081/apis/ccompat/v7")),
        Map.entry("basic.auth.credentials.source", "USER_INFO"),
        Map.entry("basic.auth.user.info", "router:s3cret"),
        Map.entry("schema.registry.ssl.truststore.location", "/etc/ssl/trust.p12"),
        Map.entry("schema.registry.ssl.truststore.password", new Password("trustpw")),
        Map.entry("schema.registry.ssl.truststore.type", "PKCS12"),
        Map.entry("schema.registry.ssl.keystore.location", "/etc/ssl/key.jks"),
        Map.entry("schema.registry.ssl.keystore.password", "keypw"),
        Map.entry("schema.registry.request.timeout.ms", 2500),
        Map.entry("schema.registry.retries", "2"),
        Map.entry("schema.registry.retry.backoff.ms", 50L),
        Map.entry("schema.registry.retry.backoff.max.ms", "400"),
        Map.entry("bootstrap.servers", "ignored:9092")));

    assertThat(config.urls()).containsExactly("https://a:8081", "https://b:8081/apis/ccompat/v7");
    assertThat(config.userInfo()).isEqualTo("router:s3cret");
    assertThat(config.trustStore()).isEqualTo(new RegistryConfig.Store("/etc/ssl/trust.p12", "trustpw", "PKCS12", null));
    assertThat(config.keyStore()).isEqualTo(new RegistryConfig.Store("/etc/ssl/key.jks", "keypw", "JKS", null));
    assertThat(config.requestTimeout()).isEqualTo(Duration.ofMillis(2500));
    assertThat(config.retries()).isEqualTo(2);
    assertThat(config.retryBackoff()).isEqualTo(Duration.ofMillis(50));
    assertThat(config.retryBackoffMax()).isEqualTo(Duration.ofMillis(400));
  }

  @Test
  void userInfoCountsWithoutTheSourceKey() {
    RegistryConfig config = RegistryConfig.fromMap(Map.of(
        "schema.registry.url", "http://registry:8081", "basic.auth.user.info", "router:pw"));

    assertThat(config.userInfo()).isEqualTo("router:pw");
  }

  @Test
  void credentialsInTheUrlAreTakenOutOfIt() {
    RegistryConfig config = RegistryConfig.fromMap(Map.of(
        "schema.registry.url", "http://router:pw@registry:8081/apis/ccompat/v7",
        "basic.auth.credentials.source", "URL"));

    assertThat(config.userInfo()).isEqualTo("router:pw");
    assertThat(config.urls()).containsExactly("http://registry:8081/apis/ccompat/v7");
  }

  @Test
  void passwordsStayOutOfToString() {
    RegistryConfig config = RegistryConfig.fromMap(Map.of(
        "schema.registry.url", "https://registry:8081", "basic.auth.user.info", "router:s3cret",
        "schema.registry.ssl.truststore.location", "/t.p12", "schema.registry.ssl.truststore.password", "trustpw"));

    assertThat(config.toString()).contains("router").doesNotContain("s3cret").doesNotContain("trustpw");
  }

  @Test
  void mockUrlNamesItsScope() {
    RegistryConfig config = RegistryConfig.fromMap(Map.of("schema.registry.url", "mock://unit"));

    assertThat(config.isMock()).isTrue();
    assertThat(config.mockScope()).isEqualTo("unit");
  }

  @Test
  void invalidSettingsNameTheKey() {
    assertThatThrownBy(() -> RegistryConfig.fromMap(Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("schema.registry.url is required");
    assertThatThrownBy(() -> RegistryConfig.of("ftp://registry"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("schema.registry.url");
    assertThatThrownBy(() -> RegistryConfig.of("mock://"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("scope name");
    assertThatThrownBy(() -> RegistryConfig.of("http://a:8081,mock://x"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("cannot be combined");
    assertThatThrownBy(() -> RegistryConfig.fromMap(Map.of("schema.registry.url", "http://r", "schema.registry.retries", "many")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("schema.registry.retries");
    assertThatThrownBy(() -> RegistryConfig.fromMap(Map.of("schema.registry.url", "http://r", "schema.registry.request.timeout.ms", "0")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("schema.registry.request.timeout.ms");
    assertThatThrownBy(() -> RegistryConfig.fromMap(Map.of("schema.registry.url", "http://r", "basic.auth.credentials.source", "SASL_INHERIT")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("USER_INFO and URL");
    assertThatThrownBy(() -> RegistryConfig.fromMap(Map.of("schema.registry.url", "http://r", "basic.auth.credentials.source", "USER_INFO")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("basic.auth.user.info");
    assertThatThrownBy(() -> RegistryConfig.fromMap(Map.of("schema.registry.url", "http://r", "basic.auth.user.info", "no-colon")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("user:password");
  }
}
