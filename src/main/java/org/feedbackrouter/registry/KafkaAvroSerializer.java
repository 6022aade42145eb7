package org.feedbackrouter.registry;

import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Confluent-compatible Avro serializer for plain producers, configured by properties:
 * {@code schema.registry.url} and the other {@link RegistryConfig} keys, plus {@value #AUTO_REGISTER_SCHEMAS}
 * (default true). Accepts Avro records, enums, fixed and arrays, and top-level strings, numbers, booleans and
 * byte arrays.
 */
public class KafkaAvroSerializer implements Serializer<Object> {

  public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";

  private AvroPayloadWriter writer;

  /** For Kafka, which instantiates by class name and then calls {@link #configure}. */
  public KafkaAvroSerializer() {}

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    SchemaRegistryClient client = SchemaRegistryClients.create(RegistryConfig.fromMap(configs));
    writer = new AvroPayloadWriter(client, isKey, flag(configs, AUTO_REGISTER_SCHEMAS, true));
  }

  @Override
  public byte[] serialize(String topic, Object data) {
    if (writer == null) {
      throw new IllegalStateException("KafkaAvroSerializer used before configure(): set schema.registry.url in the producer properties");
    }
    return writer.write(topic, data);
  }

  static boolean flag(Map<String, ?> configs, String key, boolean defaultValue) {
    Object value = configs.get(key);
    if (value == null) {
      return defaultValue;
    }
    String text = value.toString().trim();
    if (text.equalsIgnoreCase("true")) {
      return true;
    }
    if (text.equalsIgnoreCase("false")) {
      return false;
    }
    throw new ConfigException(key, value, "expected true or false");
  }
}
