package org.feedbackrouter.registry;

import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Avro in Confluent wire format as a Kafka Streams serde. Built fully configured by {@link AvroSerdes}, so
 * {@link #configure} does nothing; one instance may be shared by all stream threads.
 *
 * @param <T> the record type it reads and writes
 */
public final class AvroSerde<T> implements Serde<T> {

  private final Serializer<T> serializer;
  private final Deserializer<T> deserializer;

  AvroSerde(AvroPayloadWriter writer, AvroPayloadReader reader, Class<T> type) {
    this.serializer = writer::write;
    this.deserializer = (topic, data) -> {
      Object value = reader.read(topic, data, 0, data == null ? 0 : data.length);
      if (value != null && !type.isInstance(value)) {
        throw new SerializationException("Cannot deserialize record from topic '" + topic + "': it decoded to "
            + value.getClass().getName() + ", expected " + type.getName());
      }
      return type.cast(value);
    };
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    // Configured at construction: key or value, registry client and auto-registration are fixed then.
  }

  @Override
  public Serializer<T> serializer() {
    return serializer;
  }

  @Override
  public Deserializer<T> deserializer() {
    return deserializer;
  }
}
