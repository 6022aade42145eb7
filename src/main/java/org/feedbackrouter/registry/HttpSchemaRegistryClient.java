package org.feedbackrouter.registry;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Speaks the Confluent Schema Registry REST protocol (also served by Apicurio under /apis/ccompat/v7).
 * Retries connection errors and 5xx with capped exponential backoff; 4xx fail at once with advice.
 * Does not cache: wrap it in {@link CachingSchemaRegistryClient}.
 */
final class HttpSchemaRegistryClient implements SchemaRegistryClient {

  static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  private static final String ACCEPT =
      "application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json; qs=0.9, application/json; qs=0.5";
  private static final int MAX_EXCERPT = 300;
  private static final Logger LOG = LoggerFactory.getLogger(HttpSchemaRegistryClient.class);

  private enum Operation { REGISTER, LOOKUP, FETCH }

  /** What a request is for, so a failure can be explained in those terms. */
  private record Call(Operation operation, String subject, Schema schema, int id) {
    String action() {
      return switch (operation) {
        case REGISTER -> "register schema " + schema.getFullName() + " under subject '" + subject + "'";
        case LOOKUP -> "look up schema " + schema.getFullName() + " under subject '" + subject + "'";
        case FETCH -> "fetch schema id " + id;
      };
    }
  }

  private record Answer(JsonNode body, String url) {}

  private final List<String> baseUrls;
  private final HttpClient http;
  private final ObjectMapper json = new ObjectMapper();
  private final String authorization;
  private final Duration requestTimeout;
  private final int retries;
  private final Duration retryBackoff;
  private final Duration retryBackoffMax;

  HttpSchemaRegistryClient(RegistryConfig config) {
    if (config.isMock()) {
      throw new IllegalArgumentException("HTTP client cannot serve " + config.url());
    }
    this.baseUrls = config.urls();
    this.requestTimeout = config.requestTimeout();
    this.retries = config.retries();
    this.retryBackoff = config.retryBackoff();
    this.retryBackoffMax = config.retryBackoffMax();
    this.authorization = config.userInfo() == null
        ? null
        : "Basic " + Base64.getEncoder().encodeToString(config.userInfo().getBytes(UTF_8));
    if (authorization != null && baseUrls.stream().anyMatch(url -> url.regionMatches(true, 0, "http:", 0, 5))) {
      LOG.warn("Schema registry credentials will be sent unencrypted to {}: use https", config.url());
    }
    HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(requestTimeout);
    if (baseUrls.stream().anyMatch(url -> url.regionMatches(true, 0, "https:", 0, 6))) {
      builder.sslContext(RegistrySsl.context(config));
    }
    this.http = builder.build();
  }

  @Override
  public int register(String subject, Schema schema) {
    Call call = new Call(Operation.REGISTER, subject, schema, 0);
    Answer answer;
    try {
      answer = send(call, "/subjects/" + pathSegment(subject) + "/versions", schemaBody(schema));
    } catch (SchemaRegistryException e) {
      if (e.kind() != SchemaRegistryException.Kind.INCOMPATIBLE) {
        throw e;
      }
      // Two instances registering the same new subject at once: Apicurio answers the loser with
      // 409 "artifact already exists". If the schema is there now, that is success.
      try {
        return idOf(subject, schema);
      } catch (SchemaRegistryException notThere) {
        throw e;
      }
    }
    int id = id(answer);
    LOG.info("Schema {} is id {} under subject {} in {}", schema.getFullName(), id, subject, answer.url());
    return id;
  }

  @Override
  public int idOf(String subject, Schema schema) {
    Call call = new Call(Operation.LOOKUP, subject, schema, 0);
    String path = "/subjects/" + pathSegment(subject);
    String body = schemaBody(schema);
    try {
      return id(send(call, path, body));
    } catch (SchemaRegistryException e) {
      if (e.kind() != SchemaRegistryException.Kind.NOT_FOUND) {
        throw e;
      }
      // Apicurio matches a lookup against the registered text byte for byte, so a schema registered
      // pretty-printed or with its keys reordered (the usual result of registering an .avsc by hand) is never
      // found; normalize=true makes it compare canonical forms. Confluent compares parsed schemas anyway, so
      // there the second try only costs a request on a path that is failing already.
      return id(send(call, path + "?normalize=true", body));
    }
  }

  @Override
  public Schema schemaById(int id) {
    Call call = new Call(Operation.FETCH, null, null, id);
    Answer answer = send(call, "/schemas/ids/" + id, null);
    JsonNode type = answer.body().get("schemaType");
    if (type != null && !type.isNull() && !"AVRO".equalsIgnoreCase(type.asText())) {
      throw new SchemaRegistryException(SchemaRegistryException.Kind.BAD_REQUEST, 200,
          "Schema id " + id + " at " + answer.url() + " is a " + type.asText() + " schema, not Avro: records"
              + " written with it cannot be read by the Avro deserializer.");
    }
    JsonNode references = answer.body().get("references");
    if (references != null && references.isArray() && !references.isEmpty()) {
      throw new SchemaRegistryException(SchemaRegistryException.Kind.BAD_REQUEST, 200,
          "Schema id " + id + " at " + answer.url() + " uses schema references, which this client does not"
              + " resolve: register the schema self-contained (named types inlined).");
    }
    JsonNode text = answer.body().get("schema");
    if (text == null || text.isNull()) {
      throw RegistryErrors.unexpectedResponse(answer.url(), "no \"schema\" field in " + excerpt(answer.body().toString()));
    }
    // Apicurio may format the JSON differently from what was registered; parsing makes that irrelevant.
    String schemaJson = text.isTextual() ? text.asText() : text.toString();
    try {
      return new Schema.Parser().parse(schemaJson);
    } catch (AvroRuntimeException e) {
      throw RegistryErrors.unexpectedResponse(answer.url(), "schema id " + id + " is not valid Avro (" + e.getMessage() + ")");
    }
  }

  private Answer send(Call call, String path, String body) {
    int attempts = retries + 1;
    String lastError = "none";
    int lastStatus = 0;
    Throwable lastCause = null;
    for (int attempt = 1; attempt <= attempts; attempt++) {
      // Several URLs: each retry goes to the next one, so one dead node does not fail the call.
      String base = baseUrls.get((attempt - 1) % baseUrls.size());
      String url = base + path;
      try {
        HttpResponse<String> response = http.send(request(url, body), HttpResponse.BodyHandlers.ofString(UTF_8));
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
          return new Answer(parse(url, response.body()), url);
        }
        if (status < 500) {
          throw failure(call, base, url, status, response.body(), attempt);
        }
        lastStatus = status;
        lastError = "HTTP " + status + " from " + url + ": " + detail(response.body());
        lastCause = null;
      } catch (IOException e) {
        lastStatus = 0;
        lastError = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + " from " + url;
        lastCause = e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw RegistryErrors.unavailable(call.action(), String.join(",", baseUrls), attempt, 0, "interrupted", e);
      }
      if (attempt < attempts) {
        Duration wait = backoff(attempt);
        LOG.warn("Schema registry call failed ({}); retry {} of {} in {} ms", lastError, attempt, retries, wait.toMillis());
        try {
          Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw RegistryErrors.unavailable(call.action(), String.join(",", baseUrls), attempt, lastStatus, "interrupted after " + lastError, e);
        }
      }
    }
    throw RegistryErrors.unavailable(call.action(), String.join(",", baseUrls), attempts, lastStatus, lastError, lastCause);
  }

  private HttpRequest request(String url, String body) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url))
        .timeout(requestTimeout)
        .header("Accept", ACCEPT);
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }
    if (body == null) {
      return builder.GET().build();
    }
    return builder.header("Content-Type", CONTENT_TYPE).POST(HttpRequest.BodyPublishers.ofString(body, UTF_8)).build();
  }

  private SchemaRegistryException failure(Call call, String base, String url, int status, String body, int attempt) {
    String detail = detail(body);
    if (status == 401 || status == 403) {
      return RegistryErrors.unauthorized(base, status, call.action(), detail);
    }
    if (status == 404) {
      // The registry's own 404s carry 404xx codes (40401 subject, 40403 schema...). A bare 404, or the
      // error_code 404 that Apicurio and Jersey give for a path they do not serve, means a wrong base URL.
      Integer code = errorCode(body);
      if (code == null || code / 100 != 404) {
        return RegistryErrors.wrongEndpoint(url, detail);
      }
      return switch (call.operation()) {
        case LOOKUP -> RegistryErrors.notRegistered(base, call.subject(), call.schema(), detail);
        case FETCH -> RegistryErrors.unknownId(base, call.id(), detail);
        case REGISTER -> new SchemaRegistryException(SchemaRegistryException.Kind.NOT_FOUND, 404,
            "Schema registry " + base + " answered 404 to " + call.action() + " (" + detail + ").");
      };
    }
    if (status == 409 && call.operation() == Operation.REGISTER) {
      return RegistryErrors.incompatible(base, call.subject(), call.schema(), detail);
    }
    if (status == 422 && call.operation() != Operation.FETCH) {
      return RegistryErrors.invalidSchema(base, call.subject(), call.schema(), detail);
    }
    if (status == 429) {
      return RegistryErrors.unavailable(call.action(), base, attempt, status, "HTTP 429 rate limited: " + detail, null);
    }
    return RegistryErrors.badRequest(base, status, call.action(), detail);
  }

  private JsonNode parse(String url, String body) {
    try {
      JsonNode node = json.readTree(body);
      if (node != null && node.isObject()) {
        return node;
      }
    } catch (JsonProcessingException e) {
      // Reported below with the body, which says more than the parser.
    }
    throw RegistryErrors.unexpectedResponse(url, "not a JSON object: " + excerpt(body));
  }

  private int id(Answer answer) {
    JsonNode id = answer.body().get("id");
    if (id == null || !id.canConvertToInt()) {
      throw RegistryErrors.unexpectedResponse(answer.url(), "no numeric \"id\" in " + excerpt(answer.body().toString()));
    }
    return id.intValue();
  }

  private String schemaBody(Schema schema) {
    return json.createObjectNode().put("schema", schema.toString()).toString();
  }

  /** Confluent error bodies are {"error_code": 40403, "message": "..."}; anything else is quoted as is. */
  private String detail(String body) {
    JsonNode error = errorBody(body);
    if (error != null) {
      return "error " + error.get("error_code").asText() + ": " + error.path("message").asText("");
    }
    return body == null || body.isBlank() ? "empty body" : excerpt(body);
  }

  private Integer errorCode(String body) {
    JsonNode error = errorBody(body);
    return error == null ? null : error.get("error_code").asInt();
  }

  private JsonNode errorBody(String body) {
    if (body == null || body.isBlank()) {
      return null;
    }
    try {
      JsonNode node = json.readTree(body);
      return node != null && node.isObject() && node.hasNonNull("error_code") ? node : null;
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  private Duration backoff(int attempt) {
    long millis = retryBackoff.toMillis() << Math.min(attempt - 1, 30);
    return millis <= 0 || millis > retryBackoffMax.toMillis() ? retryBackoffMax : Duration.ofMillis(millis);
  }

  private static String pathSegment(String subject) {
    return URLEncoder.encode(subject, UTF_8).replace("+", "%20");
  }

  private static String excerpt(String text) {
    String flat = text.replaceAll("\\s+", " ").strip();
    return flat.length() <= MAX_EXCERPT ? flat : flat.substring(0, MAX_EXCERPT) + "...";
  }
}
