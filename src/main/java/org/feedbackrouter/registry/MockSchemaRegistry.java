package org.feedbackrouter.registry;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.avro.Schema;

/**
 * In-memory registry for tests and the demo, isolated per scope ({@code mock://<scope>}). Behaves like a
 * Confluent registry with its default BACKWARD compatibility: a new version must be able to read data written
 * with the latest one. Ids are unique within a scope, and one schema has one id whatever the subject.
 */
public final class MockSchemaRegistry implements SchemaRegistryClient {

  // The one static state: plain Kafka serializers get only a URL string, so mock://x must find a shared instance.
  private static final ConcurrentMap<String, MockSchemaRegistry> SCOPES = new ConcurrentHashMap<>();

  private final RegisteredSchemas schemas;

  private MockSchemaRegistry(String scope) {
    this.schemas = new RegisteredSchemas("mock://" + scope);
  }

  /** The registry of this scope, created empty on first use. */
  public static MockSchemaRegistry scope(String name) {
    return SCOPES.computeIfAbsent(name, MockSchemaRegistry::new);
  }

  /** Forgets the scope; the next {@link #scope(String)} of that name starts empty. */
  public static void dropScope(String name) {
    SCOPES.remove(name);
  }

  @Override
  public int register(String subject, Schema schema) {
    return schemas.register(subject, schema).id();
  }

  @Override
  public int idOf(String subject, Schema schema) {
    return schemas.lookup(subject, schema).id();
  }

  @Override
  public Schema schemaById(int id) {
    return schemas.schemaById(id);
  }

  @Override
  public String toString() {
    return schemas.toString();
  }
}
