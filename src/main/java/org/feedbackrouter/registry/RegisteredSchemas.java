package org.feedbackrouter.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/**
 * What a Confluent registry holds, in memory: ids, subjects and their versions, with the registry's default
 * BACKWARD compatibility (a new version must be able to read data written with the latest one). One schema has
 * one id whatever the subject. Shared by the in-memory {@link MockSchemaRegistry} and the demo's
 * {@link SchemaRegistryServer}, so both accept and refuse the same schemas. Thread-safe.
 */
final class RegisteredSchemas {

  /** One version of a subject. */
  record Version(String subject, int version, int id, Schema schema) {}

  private final String name;
  private final Map<Integer, Schema> schemasById = new HashMap<>();
  private final Map<Schema, Integer> idsBySchema = new HashMap<>();
  private final Map<String, List<Version>> versionsBySubject = new TreeMap<>();
  private final List<Version> history = new ArrayList<>();
  private int nextId = 1;

  /** @param name how failures name this registry (its URL) */
  RegisteredSchemas(String name) {
    this.name = name;
  }

  /** The existing version if the subject has this schema already, else a new version after the BACKWARD check. */
  synchronized Version register(String subject, Schema schema) {
    Optional<Version> existing = find(subject, schema);
    if (existing.isPresent()) {
      return existing.get();
    }
    List<Version> versions = versionsBySubject.getOrDefault(subject, List.of());
    if (!versions.isEmpty()) {
      Version latest = versions.get(versions.size() - 1);
      SchemaPairCompatibility result = SchemaCompatibility.checkReaderWriterCompatibility(schema, latest.schema());
      if (result.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
        throw RegistryErrors.incompatible(name, subject, schema, "BACKWARD: version " + (latest.version() + 1)
            + " cannot read version " + latest.version() + ": " + RegistryErrors.describe(result));
      }
    }
    // A private copy, so a caller adding properties to its Schema object cannot change what is registered.
    Schema copy = new Schema.Parser().parse(schema.toString());
    Integer id = idsBySchema.get(copy);
    Version version = new Version(subject, versions.size() + 1, id == null ? nextId : id, copy);
    add(version);
    return version;
  }

  /** The version of the subject that has this schema. */
  synchronized Version lookup(String subject, Schema schema) {
    if (!versionsBySubject.containsKey(subject)) {
      throw RegistryErrors.notRegistered(name, subject, schema, "error 40401: subject '" + subject + "' not found");
    }
    return find(subject, schema).orElseThrow(
        () -> RegistryErrors.notRegistered(name, subject, schema, "error 40403: schema not found"));
  }

  synchronized Schema schemaById(int id) {
    Schema schema = schemasById.get(id);
    if (schema == null) {
      throw RegistryErrors.unknownId(name, id, "error 40403: schema " + id + " not found");
    }
    return schema;
  }

  synchronized List<String> subjects() {
    return List.copyOf(versionsBySubject.keySet());
  }

  /** The subject's versions, oldest first; empty if the subject is unknown. */
  synchronized List<Version> versions(String subject) {
    return List.copyOf(versionsBySubject.getOrDefault(subject, List.of()));
  }

  /** Every version in the order it was registered: what {@link #restore} needs to rebuild this state. */
  synchronized List<Version> history() {
    return List.copyOf(history);
  }

  /**
   * Puts back a version saved from {@link #history()}, keeping its id and number. Versions must come in their
   * original order; the compatibility rule is not checked again (it held when they were registered).
   */
  synchronized void restore(Version version) {
    List<Version> versions = versionsBySubject.getOrDefault(version.subject(), List.of());
    Schema known = schemasById.get(version.id());
    if (version.version() != versions.size() + 1 || (known != null && !known.equals(version.schema()))
        || (known == null && idsBySchema.containsKey(version.schema()))) {
      throw new IllegalArgumentException("version " + version.version() + " of subject '" + version.subject()
          + "' (id " + version.id() + ") does not follow the versions before it");
    }
    add(version);
  }

  private void add(Version version) {
    schemasById.putIfAbsent(version.id(), version.schema());
    idsBySchema.putIfAbsent(version.schema(), version.id());
    nextId = Math.max(nextId, version.id() + 1);
    versionsBySubject.computeIfAbsent(version.subject(), key -> new ArrayList<>()).add(version);
    history.add(version);
  }

  private Optional<Version> find(String subject, Schema schema) {
    return versionsBySubject.getOrDefault(subject, List.of()).stream()
        .filter(v -> v.schema().equals(schema)).findFirst();
  }

  @Override
  public String toString() {
    return name;
  }
}
