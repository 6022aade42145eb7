package org.feedbackrouter.registry;

import java.nio.ByteBuffer;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Confluent-compatible Avro deserializer for plain consumers, configured by properties:
 * {@code schema.registry.url} and the other {@link RegistryConfig} keys, plus
 * {@value #SPECIFIC_AVRO_READER} (default false: generic records) and {@value #SPECIFIC_AVRO_READER_CLASS}
 * (a generated class to read every record as; implies specific reading).
 */
public class KafkaAvroDeserializer implements Deserializer<Object> {

  public static final String SPECIFIC_AVRO_READER = "specific.avro.reader";
  public static final String SPECIFIC_AVRO_READER_CLASS = "specific.avro.reader.class";

  private AvroPayloadReader reader;

  /** For Kafka, which instantiates by class name and then calls {@link #configure}. */
  public KafkaAvroDeserializer() {}

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    SchemaRegistryClient client = SchemaRegistryClients.create(RegistryConfig.fromMap(configs));
    Class<? extends SpecificRecord> readerClass = readerClass(configs.get(SPECIFIC_AVRO_READER_CLASS));
    ReaderSchemas readers;
    if (readerClass != null) {
      readers = ReaderSchemas.specific(readerClass);
    } else if (KafkaAvroSerializer.flag(configs, SPECIFIC_AVRO_READER, false)) {
      readers = ReaderSchemas.specificByWriterName();
    } else {
      readers = ReaderSchemas.generic(null);
    }
    reader = new AvroPayloadReader(client, readers);
  }

  @Override
  public Object deserialize(String topic, byte[] data) {
    return configured().read(topic, data, 0, data == null ? 0 : data.length);
  }

  /** Decodes straight from the consumer's buffer when it has an array, saving a copy per record. */
  @Override
  public Object deserialize(String topic, Headers headers, ByteBuffer data) {
    if (data == null) {
      return null;
    }
    if (data.hasArray()) {
      return configured().read(topic, data.array(), data.arrayOffset() + data.position(), data.remaining());
    }
    byte[] copy = new byte[data.remaining()];
    data.duplicate().get(copy);
    return deserialize(topic, headers, copy);
  }

  private AvroPayloadReader configured() {
    if (reader == null) {
      throw new IllegalStateException("KafkaAvroDeserializer used before configure(): set schema.registry.url in the consumer properties");
    }
    return reader;
  }

  private static Class<? extends SpecificRecord> readerClass(Object value) {
    if (value == null || value.toString().isBlank()) {
      return null;
    }
    Class<?> type;
    if (value instanceof Class<?> given) {
      type = given;
    } else {
      String name = value.toString().trim();
      try {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        type = Class.forName(name, true, loader != null ? loader : KafkaAvroDeserializer.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new ConfigException(SPECIFIC_AVRO_READER_CLASS, name, "class not found on the classpath");
      }
    }
    if (!SpecificRecord.class.isAssignableFrom(type)) {
      throw new ConfigException(SPECIFIC_AVRO_READER_CLASS, type.getName(), "not a generated Avro SpecificRecord class");
    }
    return type.asSubclass(SpecificRecord.class);
  }
}
