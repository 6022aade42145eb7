package org.feedbackrouter.notify;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server for delivery tests. Each path answers by a {@link Script} that sees how many
 * times this path has been asked for this idempotency key, so a test can fail the first attempts,
 * answer 429 with Retry-After, or be slow.
 */
public final class TestEndpoint implements AutoCloseable {
  /** What to answer; {@code delayMillis} before answering; {@code retryAfter} null for none. */
  public record Answer(int status, String retryAfter, long delayMillis) {
    public static Answer ok() {
      return new Answer(200, null, 0);
    }

    public static Answer status(int status) {
      return new Answer(status, null, 0);
    }
  }

  @FunctionalInterface
  public interface Script {
    /** @param attempt 1 for the first request with this key on this path */
    Answer answer(int attempt);
  }

  /** A request as it arrived. */
  public record Received(String path, String idempotencyKey, Map<String, List<String>> headers, byte[] body,
      int status, long atMillis) {
    public String header(String name) {
      return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0)).findFirst().orElse(null);
    }
  }

  private final HttpServer server;
  private final Map<String, Script> scripts = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final CountDownLatch closing = new CountDownLatch(1);

  public TestEndpoint() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/", this::handle);
    server.start();
  }

  public TestEndpoint script(String path, Script script) {
    scripts.put(path, script);
    return this;
  }

  public URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  public List<Received> received() {
    return List.copyOf(received);
  }

  public List<Received> received(String path) {
    return received.stream().filter(r -> r.path().equals(path)).toList();
  }

  /** Requests on the path that got a 2xx. */
  public List<Received> delivered(String path) {
    return received(path).stream().filter(r -> r.status() / 100 == 2).toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      String path = exchange.getRequestURI().getPath();
      String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
      int attempt = attempts.computeIfAbsent(path + "|" + key, k -> new AtomicInteger()).incrementAndGet();
      Answer answer = scripts.getOrDefault(path, n -> Answer.ok()).answer(attempt);
      if (answer.delayMillis() > 0) {
        // Slow endpoint: wait, but let close() end the wait.
        try {
          closing.await(answer.delayMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      received.add(new Received(path, key, Map.copyOf(exchange.getRequestHeaders()), body, answer.status(),
          System.currentTimeMillis()));
      if (answer.retryAfter() != null) {
        exchange.getResponseHeaders().set("Retry-After", answer.retryAfter());
      }
      exchange.sendResponseHeaders(answer.status(), -1);
    }
  }

  @Override
  public void close() {
    closing.countDown();
    server.stop(0);
  }
}
