package org.feedbackrouter.registry;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.avro.Schema;

/**
 * Remembers ids and schemas in both directions, so after warm-up no call reaches the registry. Ids are
 * immutable in a registry, so entries never expire. Failures are not cached: a schema registered later, or a
 * registry back from an outage, is seen on the next call.
 */
final class CachingSchemaRegistryClient implements SchemaRegistryClient {

  private record SubjectSchema(String subject, Schema schema) {}

  private final SchemaRegistryClient delegate;
  private final ConcurrentMap<Integer, Schema> schemasById = new ConcurrentHashMap<>();
  // register and idOf share it: both answer "the id of this schema under this subject".
  private final ConcurrentMap<SubjectSchema, Integer> idsBySubjectSchema = new ConcurrentHashMap<>();

  CachingSchemaRegistryClient(SchemaRegistryClient delegate) {
    this.delegate = delegate;
  }

  @Override
  public int register(String subject, Schema schema) {
    SubjectSchema key = new SubjectSchema(subject, schema);
    Integer cached = idsBySubjectSchema.get(key);
    if (cached != null) {
      return cached;
    }
    // Not computeIfAbsent: it would hold a map lock during HTTP. A concurrent duplicate call is harmless.
    return remember(key, delegate.register(subject, schema));
  }

  @Override
  public int idOf(String subject, Schema schema) {
    SubjectSchema key = new SubjectSchema(subject, schema);
    Integer cached = idsBySubjectSchema.get(key);
    if (cached != null) {
      return cached;
    }
    return remember(key, delegate.idOf(subject, schema));
  }

  @Override
  public Schema schemaById(int id) {
    Schema cached = schemasById.get(id);
    if (cached != null) {
      return cached;
    }
    Schema schema = delegate.schemaById(id);
    Schema raced = schemasById.putIfAbsent(id, schema);
    return raced != null ? raced : schema;
  }

  private int remember(SubjectSchema key, int id) {
    idsBySubjectSchema.putIfAbsent(key, id);
    schemasById.putIfAbsent(id, key.schema());
    return id;
  }
}
