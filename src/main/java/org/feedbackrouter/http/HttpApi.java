package org.feedbackrouter.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.feedbackrouter.avro.TaskState;
import org.feedbackrouter.avro.TaskStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's HTTP side on the JDK's server: Prometheus metrics, liveness and readiness, and a
 * small JSON API over the task store through interactive queries. A task lives on the instance
 * that owns its partition, so a request for it is forwarded there; a department's list is
 * gathered from every instance.
 */
public final class HttpApi implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
  private static final String JSON = "application/json";

  private final HttpServer server;
  private final ExecutorService executor;
  private final ObjectMapper mapper = new ObjectMapper();
  private final TaskJson json = new TaskJson(mapper);
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final Supplier<String> metrics;
  private final BooleanSupplier ready;
  private final Supplier<KafkaStreams> streams;
  private final String taskStore;
  private final HostInfo self;

  /**
   * @param port port to listen on; 0 picks a free one
   * @param streams the running Kafka Streams, or null before there is one (the API answers 503)
   * @param advertisedHost the host part of this instance's {@code application.server}
   */
  public HttpApi(int port, Supplier<String> metrics, BooleanSupplier ready, Supplier<KafkaStreams> streams,
      String taskStore, String advertisedHost) throws IOException {
    this.metrics = metrics;
    this.ready = ready;
    this.streams = streams;
    this.taskStore = taskStore;
    this.server = HttpServer.create(new InetSocketAddress(port), 0);
    this.self = new HostInfo(advertisedHost, server.getAddress().getPort());
    this.executor = Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "http-api");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
    LOG.info("HTTP on port {}", port());
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** This instance as Kafka Streams should advertise it in {@code application.server}. */
  public HostInfo advertised() {
    return self;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      if (!"GET".equals(exchange.getRequestMethod())) {
        error(exchange, 405, "only GET is supported");
      } else if (path.equals("/metrics")) {
        send(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.get());
      } else if (path.equals("/health/live")) {
        send(exchange, 200, JSON, "{\"status\":\"UP\"}");
      } else if (path.equals("/health/ready")) {
        boolean up = ready.getAsBoolean();
        send(exchange, up ? 200 : 503, JSON, up ? "{\"status\":\"UP\"}" : "{\"status\":\"DOWN\"}");
      } else if (path.startsWith("/api/")) {
        api(exchange, path);
      } else {
        error(exchange, 404, "no such path: " + path);
      }
    } catch (RuntimeException e) {
      LOG.warn("HTTP request {} failed", exchange.getRequestURI(), e);
      error(exchange, 500, "internal error: " + e.getClass().getSimpleName());
    }
  }

  private void api(HttpExchange exchange, String path) throws IOException {
    String[] parts = path.split("/");
    Map<String, String> query = query(exchange.getRequestURI());
    KafkaStreams ks = streams.get();
    if (ks == null || !ready.getAsBoolean()) {
      error(exchange, 503, "not ready: Kafka Streams is not running yet");
      return;
    }
    // /api/tasks/{id}
    if (parts.length == 4 && parts[2].equals("tasks")) {
      task(exchange, ks, decode(parts[3]), query.containsKey("local"));
      return;
    }
    // /api/departments/{d}/tasks
    if (parts.length == 5 && parts[2].equals("departments") && parts[4].equals("tasks")) {
      String department = decode(parts[3]);
      if (!department.matches("[a-z0-9][a-z0-9_-]*")) {
        error(exchange, 400, "'" + department + "' is not a department name");
        return;
      }
      String status = query.getOrDefault("status", "open");
      if (!List.of("open", "resolved", "all").contains(status)) {
        error(exchange, 400, "status must be open, resolved or all; was '" + status + "'");
        return;
      }
      departmentTasks(exchange, ks, department, status, query.containsKey("local"));
      return;
    }
    error(exchange, 404, "no such API path: " + path);
  }

  private void task(HttpExchange exchange, KafkaStreams ks, String id, boolean localOnly) throws IOException {
    if (id.isBlank() || id.length() > 200) {
      error(exchange, 400, "malformed task id");
      return;
    }
    KeyQueryMetadata where = ks.queryMetadataForKey(taskStore, id, Serdes.String().serializer());
    HostInfo owner = where == null ? null : where.activeHost();
    if (!localOnly && owner != null && !owner.equals(self) && owner.port() > 0) {
      forward(exchange, owner, "/api/tasks/" + java.net.URLEncoder.encode(id, StandardCharsets.UTF_8) + "?local=true");
      return;
    }
    TaskState state = store(ks).get(id);
    if (state == null) {
      error(exchange, 404, "no task with id " + id);
    } else {
      send(exchange, 200, JSON, mapper.writeValueAsString(json.detail(state)));
    }
  }

  private void departmentTasks(HttpExchange exchange, KafkaStreams ks, String department, String status,
      boolean localOnly) throws IOException {
    List<JsonNode> tasks = new ArrayList<>(local(ks, department, status));
    if (!localOnly) {
      for (StreamsMetadata m : ks.streamsMetadataForStore(taskStore)) {
        HostInfo host = m.hostInfo();
        if (host.equals(self) || host.port() <= 0) {
          continue;
        }
        HttpResponse<String> r = get(host, "/api/departments/" + department + "/tasks?status=" + status + "&local=true");
        if (r.statusCode() != 200) {
          error(exchange, 502, "instance " + host + " answered " + r.statusCode());
          return;
        }
        mapper.readTree(r.body()).path("tasks").forEach(tasks::add);
      }
    }
    tasks.sort(Comparator.comparing((JsonNode n) -> n.path("resolveDueAt").asText())
        .thenComparing(n -> n.path("taskId").asText()));
    ObjectNode body = mapper.createObjectNode();
    body.put("department", department);
    body.put("status", status);
    body.put("count", tasks.size());
    ArrayNode array = body.putArray("tasks");
    tasks.forEach(array::add);
    send(exchange, 200, JSON, mapper.writeValueAsString(body));
  }

  private List<JsonNode> local(KafkaStreams ks, String department, String status) {
    List<JsonNode> out = new ArrayList<>();
    try (KeyValueIterator<String, TaskState> all = store(ks).all()) {
      all.forEachRemaining(kv -> {
        TaskState s = kv.value;
        boolean open = s.getStatus() == TaskStatus.OPEN || s.getStatus() == TaskStatus.ACKNOWLEDGED;
        boolean wanted = switch (status) {
          case "open" -> open;
          case "resolved" -> s.getStatus() == TaskStatus.RESOLVED;
          default -> true;
        };
        if (wanted && s.getTask().getDepartment().equals(department)) {
          out.add(json.summary(s));
        }
      });
    }
    return out;
  }

  private ReadOnlyKeyValueStore<String, TaskState> store(KafkaStreams ks) {
    return ks.store(StoreQueryParameters.fromNameAndType(taskStore, QueryableStoreTypes.keyValueStore()));
  }

  private void forward(HttpExchange exchange, HostInfo host, String pathAndQuery) throws IOException {
    HttpResponse<String> r = get(host, pathAndQuery);
    send(exchange, r.statusCode(), JSON, r.body());
  }

  private HttpResponse<String> get(HostInfo host, String pathAndQuery) throws IOException {
    try {
      return client.send(HttpRequest.newBuilder(URI.create("http://" + host.host() + ":" + host.port() + pathAndQuery))
          .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted forwarding to " + host, e);
    }
  }

  private void error(HttpExchange exchange, int status, String message) throws IOException {
    ObjectNode body = mapper.createObjectNode();
    body.put("status", status);
    body.put("error", message);
    send(exchange, status, JSON, mapper.writeValueAsString(body));
  }

  private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static Map<String, String> query(URI uri) {
    Map<String, String> out = new HashMap<>();
    String raw = uri.getRawQuery();
    if (raw == null) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      out.put(decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decode(pair.substring(eq + 1)));
    }
    return out;
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }
}
