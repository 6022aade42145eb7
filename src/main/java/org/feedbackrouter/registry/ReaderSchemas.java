package org.feedbackrouter.registry;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;

/** Chooses the schema a deserializer reads with, and the data model that builds the objects, for a writer's schema. */
@FunctionalInterface
interface ReaderSchemas {

  /** The reader's schema and the model (generic, or the specific class's own with its logical-type conversions). */
  record Reading(Schema schema, GenericData model) {}

  /** @throws SerializationException when no reader fits the writer's schema */
  Reading choose(Schema writer);

  /** Always the given generated class, whatever the writer's schema: evolution is resolved against its SCHEMA$. */
  static ReaderSchemas specific(Class<? extends SpecificRecord> type) {
    SpecificData model = SpecificData.getForClass(type);
    Reading reading = new Reading(model.getSchema(type), model);
    return writer -> reading;
  }

  /** The generated class named like the writer's record (Confluent's specific.avro.reader=true); primitives stay generic. */
  static ReaderSchemas specificByWriterName() {
    return writer -> {
      Schema.Type type = writer.getType();
      if (type != Schema.Type.RECORD && type != Schema.Type.ENUM && type != Schema.Type.FIXED) {
        return new Reading(writer, GenericData.get());
      }
      Class<?> generated = SpecificData.get().getClass(writer);
      if (generated == null || !SpecificRecord.class.isAssignableFrom(generated) && type == Schema.Type.RECORD) {
        throw new SerializationException("no generated Avro class " + writer.getFullName() + " on the classpath for"
            + " specific.avro.reader=true: add it, set specific.avro.reader.class, or read generic records");
      }
      SpecificData model = SpecificData.getForClass(generated);
      return new Reading(model.getSchema(generated), model);
    };
  }

  /** Generic records, read with the given schema or, when null, with the writer's own. */
  static ReaderSchemas generic(Schema readerOrNull) {
    return writer -> new Reading(readerOrNull != null ? readerOrNull : writer, GenericData.get());
  }
}
