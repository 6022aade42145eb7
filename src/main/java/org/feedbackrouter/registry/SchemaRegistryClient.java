package org.feedbackrouter.registry;

import org.apache.avro.Schema;

/**
 * The three Confluent Schema Registry operations the serdes need. Implementations are thread-safe.
 * Failures are {@link SchemaRegistryException}s whose message says what happened and what to do.
 */
public interface SchemaRegistryClient {

  /** Registers the schema under the subject (idempotent) and returns its id: POST /subjects/{subject}/versions. */
  int register(String subject, Schema schema);

  /**
   * Returns the id of a schema already registered under the subject: POST /subjects/{subject}.
   *
   * @throws SchemaRegistryException of kind NOT_FOUND if the subject or schema was never registered
   */
  int idOf(String subject, Schema schema);

  /**
   * Returns the schema with this id: GET /schemas/ids/{id}.
   *
   * @throws SchemaRegistryException of kind NOT_FOUND if the registry has no such id
   */
  Schema schemaById(int id);
}
