package org.feedbackrouter.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.feedbackrouter.config.ConfigLoader;
import org.feedbackrouter.config.FeedbackConfig;
import org.feedbackrouter.ingest.DeadLetterHandler;
import org.feedbackrouter.metrics.FeedbackMetrics;
import org.junit.jupiter.api.Test;

class StreamsSettingsTest {
  private final Topics topics = Topics.create("acme.", org.feedbackrouter.registry.SchemaRegistryClients.create(
      org.feedbackrouter.registry.RegistryConfig.of("mock://streams-settings")), true);
  private final FeedbackMetrics metrics = new FeedbackMetrics(new SimpleMeterRegistry());

  private static FeedbackConfig config(Map<String, String> extra) {
    Map<String, String> all = new java.util.HashMap<>(extra);
    all.put("kafka.bootstrap.servers", "k:9092");
    all.put("schema.registry.url", "mock://streams-settings");
    return ConfigLoader.fromProperties(all);
  }

  @Test
  void guardedSettingsWinOverAnyKafkaSettingThatSlipsPastTheLoader() {
    // withKafka is how the demo and tests add settings; it bypasses the loader's refusal.
    FeedbackConfig config = config(Map.of()).withKafka(Map.of(
        StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE,
        StreamsConfig.APPLICATION_ID_CONFIG, "other",
        StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, "x.Y",
        StreamsConfig.NUM_STREAM_THREADS_CONFIG, "2"));
    Properties p = StreamsSettings.of(config, topics, metrics);
    assertThat(p.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
    assertThat(p.get(StreamsConfig.APPLICATION_ID_CONFIG)).isEqualTo("feedback-router");
    assertThat(p.get(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG)).isEqualTo(DeadLetterHandler.class);
    assertThat(p.get(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG)).isEqualTo(DeadLetterHandler.class);
    assertThat(p.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG)).isEqualTo("acme.feedback.dlq");
    assertThat(p.get(StreamsConfig.NUM_STREAM_THREADS_CONFIG)).isEqualTo("2");
  }

  @Test
  void theExplicitServiceSettingIsTheOnlyWayToWeakenTheGuarantee() {
    Properties p = StreamsSettings.of(config(Map.of("feedback.processing.guarantee", "at_least_once")), topics, metrics);
    assertThat(p.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo(StreamsConfig.AT_LEAST_ONCE);
  }

  @Test
  void staticMembershipIdIsStablePerStateDirectoryAndCanBeNamedOrSwitchedOff() {
    String key = StreamsConfig.mainConsumerPrefix("group.instance.id");
    Object a = StreamsSettings.of(config(Map.of("kafka.state.dir", "/var/lib/fr/a")), topics, metrics).get(key);
    assertThat(a).asString().startsWith("feedback-router-").matches(".*-[0-9a-f]{8}");
    assertThat(StreamsSettings.of(config(Map.of("kafka.state.dir", "/var/lib/fr/a")), topics, metrics).get(key)).isEqualTo(a);
    assertThat(StreamsSettings.of(config(Map.of("kafka.state.dir", "/var/lib/fr/b")), topics, metrics).get(key)).isNotEqualTo(a);
    assertThat(StreamsSettings.of(config(Map.of("feedback.instance.name", "router-0")), topics, metrics).get(key))
        .isEqualTo("feedback-router-router-0");
    assertThat(StreamsSettings.of(config(Map.of("feedback.static.membership", "false")), topics, metrics)).doesNotContainKey(key);
    assertThat(StreamsSettings.of(config(Map.of("kafka.group.protocol", "streams")), topics, metrics)).doesNotContainKey(key);
  }

  @Test
  void failoverDefaultsAreAStandbyAndATenSecondSessionThatOperatorsMayChange() {
    Properties p = StreamsSettings.of(config(Map.of()), topics, metrics);
    assertThat(p.get(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG)).isEqualTo(1);
    assertThat(new StreamsConfig(p).getMainConsumerConfigs("g", "c", 0))
        .containsEntry("session.timeout.ms", 10_000).containsEntry("heartbeat.interval.ms", 3_000);
    Properties changed = StreamsSettings.of(config(Map.of("kafka.num.standby.replicas", "0",
        "kafka.session.timeout.ms", "45000")), topics, metrics);
    assertThat(changed.get(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG)).isEqualTo("0");
    assertThat(new StreamsConfig(changed).getMainConsumerConfigs("g", "c", 0)).containsEntry("session.timeout.ms", "45000");
  }
}
