package org.feedbackrouter.http;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.feedbackrouter.access.Caller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's HTTP side on the JDK's server: Prometheus metrics and liveness and readiness,
 * open to all, and the JSON API for departments under {@code /api}, which needs a bearer token.
 * The JDK server is kept rather than a framework: the API is five routes, and the limits that
 * matter (body size, request and response time, header count) are set here.
 *
 * <p>A task lives on the instance that owns its partition, so a request for it is forwarded
 * there with the caller's credentials; a department's list is gathered from every instance.
 */
public final class HttpApi implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
  /** Requests served at once; more wait in the queue. */
  static final int THREADS = 64;

  private final HttpServer server;
  private final ExecutorService executor;
  /** Strict: a body with anything after its JSON value ({@code {..}{..}}) is malformed, not half-read. */
  private final ObjectMapper mapper = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private final Supplier<String> metrics;
  private final BooleanSupplier ready;
  private final Supplier<KafkaStreams> streams;
  private final ApiSettings settings;
  private final HostInfo self;
  private final TaskResource tasks;
  private final DepartmentResource departments;
  private final SilenceResource silences;

  /**
   * @param port port to listen on; 0 picks a free one
   * @param streams the running Kafka Streams, or null before there is one (the API answers 503)
   * @param events where task actions are written, or null before there is a writer
   */
  public HttpApi(int port, Supplier<String> metrics, BooleanSupplier ready, Supplier<KafkaStreams> streams,
      Supplier<TaskEvents> events, ApiSettings settings) throws IOException {
    this(port, metrics, ready, streams, events, () -> null, settings);
  }

  /** @param silences where silences are kept, or null before there is a writer (the API answers 503) */
  public HttpApi(int port, Supplier<String> metrics, BooleanSupplier ready, Supplier<KafkaStreams> streams,
      Supplier<TaskEvents> events, Supplier<Silences> silences, ApiSettings settings) throws IOException {
    this.metrics = metrics;
    this.ready = ready;
    this.streams = streams;
    this.settings = settings;
    limitServer();
    this.server = HttpServer.create(new InetSocketAddress(port), 0);
    this.self = new HostInfo(settings.advertisedHost(), server.getAddress().getPort());
    TaskJson json = new TaskJson(mapper);
    ApiStores stores = new ApiStores(settings);
    InstanceClient instances = new InstanceClient();
    this.tasks = new TaskResource(settings, stores, json, instances, events, self);
    this.departments = new DepartmentResource(stores, json, instances, settings.taskStore(), self);
    this.silences = new SilenceResource(mapper, silences, java.time.Clock.systemUTC());
    // The JDK server reads a request's headers on an executor thread, so every client that sends
    // slowly holds one until it finishes or maxReqTime cuts it off: enough threads that a few slow
    // clients leave room for everyone else. Idle threads end after a minute.
    ThreadPoolExecutor pool = new ThreadPoolExecutor(THREADS, THREADS, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
        r -> {
          Thread t = new Thread(r, "http-api");
          t.setDaemon(true);
          return t;
        });
    pool.allowCoreThreadTimeOut(true);
    this.executor = pool;
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
    if (settings.tokens().isEmpty()) {
      LOG.warn("No API tokens (FEEDBACK_API_TOKENS): every /api call is answered 401");
    }
    LOG.info("HTTP on port {}", port());
  }

  /**
   * The JDK server reads these limits once, when its first server starts in the JVM, and the ones
   * given on the command line ({@code -Dsun.net.httpserver.*}) win: a client gets 10 s to send a
   * request line, headers and body, and 30 s to read the answer; at most 100 headers of at most
   * 16 KiB together; a keep-alive connection idle for 30 s is closed (checked every 10 s).
   */
  private static void limitServer() {
    limit("sun.net.httpserver.maxReqTime", "10");
    limit("sun.net.httpserver.maxRspTime", "30");
    limit("sun.net.httpserver.maxReqHeaders", "100");
    limit("sun.net.httpserver.maxReqHeaderSize", Integer.toString(16 * 1024));
    limit("sun.net.httpserver.idleInterval", "30");
  }

  private static void limit(String property, String value) {
    System.getProperties().putIfAbsent(property, value);
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
      HttpCall call = null;
      try {
        call = new HttpCall(exchange, mapper);
        route(call);
      } catch (ApiException e) {
        (call == null ? new HttpCall(exchange, mapper, true) : call).error(e.status(), e.getMessage());
      } catch (InvalidStateStoreException e) {
        (call == null ? new HttpCall(exchange, mapper, true) : call).error(503, "not ready: the task store is being restored or rebalanced; retry shortly");
      } catch (RuntimeException e) {
        LOG.warn("HTTP {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI().getPath(), e);
        (call == null ? new HttpCall(exchange, mapper, true) : call).error(500, "internal error");
      }
    }
  }

  private void route(HttpCall call) throws IOException {
    String path = call.path();
    if (path.equals("/metrics") || path.startsWith("/health/")) {
      if (!"GET".equals(call.method())) {
        throw new ApiException(405, "only GET is supported on " + path);
      }
      open(call, path);
      return;
    }
    if (!path.startsWith("/api/")) {
      throw new ApiException(404, "no such path");
    }
    Caller caller = authenticate(call);
    if (call.segments().length >= 3 && call.segments()[2].equals("silences")) {
      silences(call, caller);
      return;
    }
    KafkaStreams ks = streams.get();
    if (ks == null || !ready.getAsBoolean()) {
      throw new ApiException(503, "not ready: Kafka Streams is not running yet");
    }
    String[] s = call.segments();
    String method = call.method();
    if (s.length == 3 && s[2].equals("departments")) {
      require(method, "GET");
      departments.list(call, ks);
    } else if (s.length == 5 && s[2].equals("departments") && s[4].equals("tasks")) {
      require(method, "GET");
      departments.tasks(call, caller, ks, s[3]);
    } else if (s.length == 4 && s[2].equals("tasks")) {
      require(method, "GET");
      tasks.get(call, caller, ks, s[3]);
    } else if (s.length == 5 && s[2].equals("tasks") && s[4].equals("events")) {
      require(method, "POST");
      tasks.post(call, caller, ks, s[3]);
    } else {
      throw new ApiException(404, "no such API path: see the README's \"For departments\"");
    }
  }

  /** Silences live in a global store and a topic of their own: they need no task store to be ready. */
  private void silences(HttpCall call, Caller caller) throws IOException {
    String[] s = call.segments();
    if (s.length == 3 && "GET".equals(call.method())) {
      silences.list(call);
    } else if (s.length == 3) {
      require(call.method(), "POST");
      silences.create(call, caller);
    } else if (s.length == 4) {
      require(call.method(), "DELETE");
      silences.expire(call, caller, s[3]);
    } else {
      throw new ApiException(404, "no such API path: see the README's \"Silences\"");
    }
  }

  private void open(HttpCall call, String path) throws IOException {
    switch (path) {
      case "/metrics" -> call.send(200, "text/plain; version=0.0.4; charset=utf-8", metrics.get());
      case "/health/live" -> call.send(200, HttpCall.JSON, "{\"status\":\"UP\"}");
      case "/health/ready" -> {
        boolean up = ready.getAsBoolean();
        call.send(up ? 200 : 503, HttpCall.JSON, up ? "{\"status\":\"UP\"}" : "{\"status\":\"DOWN\"}");
      }
      default -> throw new ApiException(404, "no such path");
    }
  }

  /** The caller its bearer token names; 401 without a known one. The token is never logged. */
  private Caller authenticate(HttpCall call) {
    if (settings.tokens().isEmpty()) {
      throw new ApiException(401, "the API is closed: no tokens are configured (FEEDBACK_API_TOKENS)");
    }
    Optional<Caller> caller = settings.tokens().authenticate(call.header("Authorization"), settings.fallbackDepartment());
    return caller.orElseThrow(() -> new ApiException(401, "send Authorization: Bearer <your department's token>"));
  }

  private static void require(String method, String allowed) {
    if (!allowed.equals(method)) {
      throw new ApiException(405, "only " + allowed + " is supported here");
    }
  }
}
