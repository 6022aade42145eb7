package org.feedbackrouter.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/**
 * In-memory registry for tests and the demo, isolated per scope ({@code mock://<scope>}). Behaves like a
 * Confluent registry with its default BACKWARD compatibility: a new version must be able to read data written
 * with the latest one. Ids are unique within a scope, and one schema has one id whatever the subject.
 */
public final class MockSchemaRegistry implements SchemaRegistryClient {

  // The one static state: plain Kafka serializers get only a URL string, so mock://x must find a shared instance.
  private static final ConcurrentMap<String, MockSchemaRegistry> SCOPES = new ConcurrentHashMap<>();

  private final String name;
  private final Map<Integer, Schema> schemasById = new HashMap<>();
  private final Map<Schema, Integer> idsBySchema = new HashMap<>();
  private final Map<String, List<Schema>> versionsBySubject = new HashMap<>();
  private int nextId = 1;

  private MockSchemaRegistry(String scope) {
    this.name = "mock://" + scope;
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
  public synchronized int register(String subject, Schema schema) {
    List<Schema> versions = versionsBySubject.get(subject);
    if (versions != null && versions.contains(schema)) {
      return idsBySchema.get(schema);
    }
    if (versions != null && !versions.isEmpty()) {
      Schema latest = versions.get(versions.size() - 1);
      SchemaPairCompatibility result = SchemaCompatibility.checkReaderWriterCompatibility(schema, latest);
      if (result.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
        throw RegistryErrors.incompatible(name, subject, schema, "BACKWARD: version " + (versions.size() + 1)
            + " cannot read version " + versions.size() + ": " + RegistryErrors.describe(result));
      }
    }
    // A private copy, so a caller adding properties to its Schema object cannot change what is registered.
    Schema copy = new Schema.Parser().parse(schema.toString());
    Integer id = idsBySchema.get(copy);
    if (id == null) {
      id = nextId++;
      idsBySchema.put(copy, id);
      schemasById.put(id, copy);
    }
    versionsBySubject.computeIfAbsent(subject, key -> new ArrayList<>()).add(copy);
    return id;
  }

  @Override
  public synchronized int idOf(String subject, Schema schema) {
    List<Schema> versions = versionsBySubject.get(subject);
    if (versions == null) {
      throw RegistryErrors.notRegistered(name, subject, schema, "error 40401: subject '" + subject + "' not found");
    }
    if (!versions.contains(schema)) {
      throw RegistryErrors.notRegistered(name, subject, schema, "error 40403: schema not found");
    }
    return idsBySchema.get(schema);
  }

  @Override
  public synchronized Schema schemaById(int id) {
    Schema schema = schemasById.get(id);
    if (schema == null) {
      throw RegistryErrors.unknownId(name, id, "error 40403: schema " + id + " not found");
    }
    return schema;
  }

  @Override
  public String toString() {
    return name;
  }
}
