package org.feedbackrouter.registry;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;

/** Builds {@link AvroSerde}s for Kafka Streams topologies. */
public final class AvroSerdes {

  private AvroSerdes() {}

  /**
   * Reads and writes a generated class. Records written with older or newer compatible schemas are
   * resolved to the class's schema.
   *
   * @param isKey whether the subject is {@code <topic>-key} rather than {@code <topic>-value}
   * @param autoRegister register the schema on first write; if false it must already be registered
   */
  public static <T extends SpecificRecord> AvroSerde<T> specific(Class<T> type, SchemaRegistryClient client, boolean isKey, boolean autoRegister) {
    return new AvroSerde<>(new AvroPayloadWriter(client, isKey, autoRegister),
        new AvroPayloadReader(client, ReaderSchemas.specific(type)), type);
  }

  /**
   * Reads and writes generic records.
   *
   * @param readerSchemaOrNull the schema to resolve records to, or null to read each with its writer's schema
   */
  public static AvroSerde<GenericRecord> generic(Schema readerSchemaOrNull, SchemaRegistryClient client, boolean isKey, boolean autoRegister) {
    return new AvroSerde<>(new AvroPayloadWriter(client, isKey, autoRegister),
        new AvroPayloadReader(client, ReaderSchemas.generic(readerSchemaOrNull)), GenericRecord.class);
  }
}
