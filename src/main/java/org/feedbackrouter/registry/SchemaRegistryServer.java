package org.feedbackrouter.registry;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.avro.Schema;
import org.feedbackrouter.registry.RegisteredSchemas.Version;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small Confluent-compatible Schema Registry over HTTP, on 127.0.0.1 only: what the demo serves so that the
 * processor, {@code produce}, {@code tail} and any Confluent client share one registry. Serves the calls those
 * clients make (register, look up, fetch by id, list subjects and versions, read the compatibility), with
 * Confluent's default BACKWARD rule and error codes. With a file, every new version is saved before it is
 * acknowledged, so ids survive a restart.
 */
public final class SchemaRegistryServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SchemaRegistryServer.class);
  private static final String HOST = "127.0.0.1";
  private static final int MAX_BODY = 1 << 20;

  /** An answer other than 200: the HTTP status and Confluent's error code. */
  private static final class Failure extends RuntimeException {
    final int status;
    final int code;

    Failure(int status, int code, String message) {
      super(message);
      this.status = status;
      this.code = code;
    }
  }

  private final ObjectMapper json = new ObjectMapper();
  private final RegisteredSchemas schemas;
  private final Optional<RegistryFile> file;
  private final HttpServer server;
  private final ExecutorService executor;

  private SchemaRegistryServer(HttpServer server, Optional<RegistryFile> file) {
    this.server = server;
    this.file = file;
    this.schemas = new RegisteredSchemas(url());
    this.executor = Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "schema-registry");
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Loads the file (if any) and starts serving.
   *
   * @param port 0 picks a free port
   * @param file where the schemas are kept; empty keeps them in memory only
   * @throws java.net.BindException the port is taken
   * @throws IOException the file cannot be read
   */
  public static SchemaRegistryServer start(int port, Optional<Path> file) throws IOException {
    HttpServer http = HttpServer.create(new InetSocketAddress(HOST, port), 0);
    SchemaRegistryServer server = new SchemaRegistryServer(http, file.map(RegistryFile::new));
    try {
      if (server.file.isPresent()) {
        server.file.get().loadInto(server.schemas);
      }
    } catch (IOException e) {
      http.stop(0);
      server.executor.shutdownNow();
      throw e;
    }
    http.setExecutor(server.executor);
    http.createContext("/", server::handle);
    http.start();
    LOG.info("Schema registry at {} with {} schema versions{}", server.url(), server.schemas.history().size(),
        server.file.map(f -> " (kept in " + f.path() + ")").orElse(""));
    return server;
  }

  /** The base URL clients use as {@code schema.registry.url}. */
  public String url() {
    return "http://" + HOST + ":" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      int status = 200;
      Object body;
      try {
        body = route(exchange.getRequestMethod(), segments(exchange.getRequestURI().getRawPath()), exchange);
      } catch (Failure e) {
        status = e.status;
        body = error(e.code, e.getMessage());
      } catch (SchemaRegistryException e) {
        status = e.status();
        // Subjects and versions are checked before, so a NOT_FOUND here is an unknown schema.
        body = error(switch (e.kind()) {
          case INCOMPATIBLE -> 409;
          case NOT_FOUND -> 40403;
          default -> 50001;
        }, e.getMessage());
      } catch (IOException | RuntimeException e) {
        LOG.warn("Schema registry request {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
        status = 500;
        body = error(50001, "Error in the backend data store: " + e.getMessage());
      }
      byte[] bytes = json.writeValueAsBytes(body);
      exchange.getResponseHeaders().set("Content-Type", HttpSchemaRegistryClient.CONTENT_TYPE);
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  private Object route(String method, List<String> path, HttpExchange exchange) throws IOException {
    boolean get = method.equals("GET");
    boolean post = method.equals("POST");
    int n = path.size();
    if (n == 0 && get) {
      return json.createObjectNode();
    }
    String root = n == 0 ? "" : path.get(0);
    if (root.equals("schemas") && n == 3 && path.get(1).equals("ids") && get) {
      return json.createObjectNode().put("schema", schemas.schemaById(number(path.get(2), 40403)).toString());
    }
    if (root.equals("config") && n <= 2 && get) {
      return json.createObjectNode().put("compatibilityLevel", "BACKWARD");
    }
    if (root.equals("subjects") && n == 1 && get) {
      return schemas.subjects();
    }
    if (root.equals("subjects") && n == 2 && post) {
      String subject = path.get(1);
      versionsOf(subject);
      return versionJson(schemas.lookup(subject, schema(exchange, subject)));
    }
    if (root.equals("subjects") && n == 3 && path.get(2).equals("versions")) {
      String subject = path.get(1);
      if (post) {
        return json.createObjectNode().put("id", register(subject, schema(exchange, subject)).id());
      }
      if (get) {
        return versionsOf(subject).stream().map(Version::version).toList();
      }
    }
    if (root.equals("subjects") && n == 4 && path.get(2).equals("versions") && get) {
      List<Version> versions = versionsOf(path.get(1));
      String v = path.get(3);
      int number = v.equals("latest") || v.equals("-1") ? versions.size() : number(v, 42202);
      if (number < 1 || number > versions.size()) {
        throw new Failure(404, 40402, "Version " + v + " not found.");
      }
      return versionJson(versions.get(number - 1));
    }
    throw new Failure(404, 404, "HTTP 404 Not Found");
  }

  /** Registers and, for a new version, saves the file before answering; one at a time, so saves keep order. */
  private synchronized Version register(String subject, Schema schema) throws IOException {
    int before = schemas.history().size();
    Version version = schemas.register(subject, schema);
    if (file.isPresent() && schemas.history().size() != before) {
      file.get().save(schemas.history());
      LOG.info("Registered schema {} as id {}, version {} of {}", schema.getFullName(), version.id(),
          version.version(), subject);
    }
    return version;
  }

  private List<Version> versionsOf(String subject) {
    List<Version> versions = schemas.versions(subject);
    if (versions.isEmpty()) {
      throw new Failure(404, 40401, "Subject '" + subject + "' not found.");
    }
    return versions;
  }

  private ObjectNode versionJson(Version v) {
    return json.createObjectNode().put("subject", v.subject()).put("version", v.version()).put("id", v.id())
        .put("schema", v.schema().toString());
  }

  private Schema schema(HttpExchange exchange, String subject) throws IOException {
    JsonNode request;
    try (InputStream in = exchange.getRequestBody()) {
      byte[] bytes = in.readNBytes(MAX_BODY + 1);
      if (bytes.length > MAX_BODY) {
        throw new Failure(413, 41301, "Request body larger than " + MAX_BODY + " bytes.");
      }
      request = json.readTree(bytes);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new Failure(422, 42201, "Invalid JSON request for subject '" + subject + "': " + e.getOriginalMessage());
    }
    String type = request == null ? "AVRO" : request.path("schemaType").asText("AVRO");
    if (!type.equalsIgnoreCase("AVRO")) {
      throw new Failure(422, 42201, "Schema type " + type + " is not served here: this registry holds Avro only.");
    }
    if (request.path("references").size() > 0) {
      throw new Failure(422, 42201, "Schema references are not served here: inline the named types.");
    }
    JsonNode text = request.get("schema");
    if (text == null || !text.isTextual()) {
      throw new Failure(422, 42201, "The request has no \"schema\" string.");
    }
    try {
      return new Schema.Parser().parse(text.asText());
    } catch (RuntimeException e) {
      // Avro's parser fails on some bad input with other runtime exceptions (an unknown type name: NPE).
      throw new Failure(422, 42201, "Invalid Avro schema for subject '" + subject + "': " + e.getMessage());
    }
  }

  private ObjectNode error(int code, String message) {
    return json.createObjectNode().put("error_code", code).put("message", message);
  }

  private static int number(String text, int code) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new Failure(code == 42202 ? 422 : 404, code, "'" + text + "' is not a number.");
    }
  }

  /** The path's segments, each percent-decoded on its own so an encoded '/' stays inside a subject. */
  private static List<String> segments(String rawPath) {
    return Arrays.stream(rawPath.split("/")).filter(s -> !s.isEmpty())
        .map(s -> URLDecoder.decode(s.replace("+", "%2B"), UTF_8)).toList();
  }
}
