package org.feedbackrouter.registry;

import static org.feedbackrouter.registry.SchemaRegistryException.Kind.BAD_REQUEST;
import static org.feedbackrouter.registry.SchemaRegistryException.Kind.INCOMPATIBLE;
import static org.feedbackrouter.registry.SchemaRegistryException.Kind.NOT_FOUND;
import static org.feedbackrouter.registry.SchemaRegistryException.Kind.UNAUTHORIZED;
import static org.feedbackrouter.registry.SchemaRegistryException.Kind.UNAVAILABLE;

import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/**
 * The wording of registry failures, shared by the HTTP client and the mock so both tell the operator the same
 * thing: what happened and what to do.
 */
final class RegistryErrors {

  private RegistryErrors() {}

  static SchemaRegistryException incompatible(String registry, String subject, Schema schema, String detail) {
    return new SchemaRegistryException(INCOMPATIBLE, 409,
        "Schema registry " + registry + " rejected schema " + schema.getFullName() + " for subject '" + subject
            + "' as incompatible with its registered versions (" + detail + "). Evolve the schema compatibly: add new"
            + " fields with a default (e.g. [\"null\", ...] with default null), and do not remove or retype fields"
            + " that have no default; or review the subject's compatibility setting (GET " + registry + "/config/"
            + subject + ").");
  }

  /** The schema is not registered under the subject; the usual cause is auto-registration being off. */
  static SchemaRegistryException notRegistered(String registry, String subject, Schema schema, String detail) {
    return new SchemaRegistryException(NOT_FOUND, 404,
        "Schema " + schema.getFullName() + " is not registered under subject '" + subject + "' in schema registry "
            + registry + " (" + detail + "). Register it first, e.g. curl -X POST -H 'Content-Type: "
            + HttpSchemaRegistryClient.CONTENT_TYPE + "' --data '{\"schema\": \"<schema JSON, quoted>\"}' "
            + registry + "/subjects/" + subject + "/versions, or enable auto.register.schemas=true on the producer.");
  }

  static SchemaRegistryException unknownId(String registry, int id, String detail) {
    return new SchemaRegistryException(NOT_FOUND, 404,
        "Unknown schema id " + id + " in schema registry " + registry + " (" + detail + "). The record was written"
            + " with a schema this registry does not have: check that producers and consumers use the same"
            + " schema.registry.url.");
  }

  /** A 404 that is not a registry's 404xx error: the URL is not the root of a Confluent-compatible API. */
  static SchemaRegistryException wrongEndpoint(String url, String detail) {
    return new SchemaRegistryException(NOT_FOUND, 404,
        "HTTP 404 from " + url + ": the server has no such endpoint (" + detail + "). Check that"
            + " schema.registry.url is the root of a Confluent-compatible API, e.g. http://host:8081 or, for"
            + " Apicurio, http://host:8080/apis/ccompat/v7.");
  }

  static SchemaRegistryException unauthorized(String registry, int status, String action, String detail) {
    String advice = status == 401
        ? "Check basic.auth.user.info (user:password) and basic.auth.credentials.source=USER_INFO."
        : "The credentials were accepted but lack permission: check the registry's ACLs or roles for this user.";
    return new SchemaRegistryException(UNAUTHORIZED, status,
        "Schema registry " + registry + " refused to " + action + " (HTTP " + status + ": " + detail + "). " + advice);
  }

  static SchemaRegistryException invalidSchema(String registry, String subject, Schema schema, String detail) {
    return new SchemaRegistryException(BAD_REQUEST, 422,
        "Schema registry " + registry + " rejected schema " + schema.getFullName() + " for subject '" + subject
            + "' as invalid (" + detail + "). Fix the schema; it must be valid Avro.");
  }

  static SchemaRegistryException badRequest(String registry, int status, String action, String detail) {
    return new SchemaRegistryException(BAD_REQUEST, status,
        "Schema registry " + registry + " refused to " + action + " (HTTP " + status + ": " + detail + ").");
  }

  static SchemaRegistryException unexpectedResponse(String url, String detail) {
    return new SchemaRegistryException(BAD_REQUEST, 200,
        "Unexpected answer from " + url + ": " + detail + ". Check that schema.registry.url is the root of a"
            + " Confluent-compatible API (for Apicurio: http://host:8080/apis/ccompat/v7).");
  }

  static SchemaRegistryException unavailable(String action, String urls, int attempts, int status, String lastError, Throwable cause) {
    return new SchemaRegistryException(UNAVAILABLE, status,
        "Schema registry unavailable: could not " + action + " at " + urls + " after " + attempts + " attempt"
            + (attempts == 1 ? "" : "s") + " (last error: " + lastError + "). Check that the registry is running and"
            + " reachable, and schema.registry.url.",
        cause);
  }

  /** Avro's incompatibilities, readable: "reader field missing default 'b' at /fields/1". */
  static String describe(SchemaPairCompatibility compatibility) {
    return compatibility.getResult().getIncompatibilities().stream()
        .map(incompatibility -> incompatibility.getType().name().toLowerCase(Locale.ROOT).replace('_', ' ')
            + " '" + incompatibility.getMessage() + "' at " + incompatibility.getLocation())
        .collect(Collectors.joining("; "));
  }
}
