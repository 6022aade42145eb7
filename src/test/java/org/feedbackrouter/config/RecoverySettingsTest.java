package org.feedbackrouter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.feedbackrouter.registry.RegistryConfig;
import org.junit.jupiter.api.Test;

class RecoverySettingsTest {
  private static final Map<String, String> REQUIRED = Map.of(
      "kafka.bootstrap.servers", "localhost:9092", "schema.registry.url", "http://registry:8081");

  @Test
  void streamThreadLookupsAreCappedAtTwoAttemptsOfTwoSecondsByDefault() {
    RecoverySettings recovery = ConfigLoader.fromProperties(REQUIRED).recovery();
    RegistryConfig operator = RegistryConfig.of("http://registry:8081");
    assertThat(operator.requestTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(operator.retries()).isEqualTo(5);

    RegistryConfig bounded = recovery.onStreamThreads(operator);

    assertThat(bounded.requestTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(bounded.retries()).isEqualTo(1);
    assertThat(bounded.url()).isEqualTo(operator.url());
  }

  @Test
  void anOperatorsStricterRegistrySettingsStand() {
    RegistryConfig operator = RegistryConfig.fromMap(Map.of(RegistryConfig.URL, "http://r:8081",
        RegistryConfig.REQUEST_TIMEOUT_MS, "500", RegistryConfig.RETRIES, "0"));
    RegistryConfig bounded = RecoverySettings.defaults().onStreamThreads(operator);
    assertThat(bounded.requestTimeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(bounded.retries()).isZero();
  }

  @Test
  void settingsAreReadAndBadValuesNamed() {
    Map<String, String> settings = new java.util.HashMap<>(REQUIRED);
    settings.put("feedback.registry.lookup.timeout", "5s");
    settings.put("feedback.registry.lookup.attempts", "3");
    RecoverySettings recovery = ConfigLoader.fromProperties(settings).recovery();
    assertThat(recovery).isEqualTo(new RecoverySettings(Duration.ofSeconds(5), 3));

    settings.put("feedback.registry.lookup.timeout", "0s");
    settings.put("feedback.registry.lookup.attempts", "zero");
    assertThatThrownBy(() -> ConfigLoader.fromProperties(settings))
        .hasMessageContaining("feedback.registry.lookup.timeout='0s'")
        .hasMessageContaining("feedback.registry.lookup.attempts='zero'");
  }
}
