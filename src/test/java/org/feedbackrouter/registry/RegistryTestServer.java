package org.feedbackrouter.registry;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * A real HTTP server on 127.0.0.1 (JDK's com.sun.net.httpserver) that answers with scripted replies and
 * records every request, so tests can check what the client really sent over the wire.
 */
final class RegistryTestServer implements AutoCloseable {

  /** {@code query} is the raw query string, or null when the URL has none. */
  record Received(String method, String path, String query, String authorization, String contentType, String body) {}

  record Reply(int status, String body) {}

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final List<Received> requests = new CopyOnWriteArrayList<>();
  private final Deque<Reply> queued = new ArrayDeque<>();
  private final CountDownLatch released = new CountDownLatch(1);
  private Reply fallback = new Reply(500, "{\"error_code\":50001,\"message\":\"no reply scripted\"}");
  private boolean hang;

  private RegistryTestServer(HttpServer server) {
    this.server = server;
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  static RegistryTestServer http() throws IOException {
    return new RegistryTestServer(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
  }

  /** HTTPS with the given server context; requires clients to present a certificate. */
  static RegistryTestServer httpsWithClientAuth(SSLContext context) throws IOException {
    HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(context) {
      @Override
      public void configure(HttpsParameters params) {
        SSLParameters parameters = getSSLContext().getDefaultSSLParameters();
        parameters.setNeedClientAuth(true);
        params.setSSLParameters(parameters);
      }
    });
    return new RegistryTestServer(server);
  }

  /** Base URL with an optional path, e.g. url("/apis/ccompat/v7"). */
  String url(String path) {
    String scheme = server instanceof HttpsServer ? "https" : "http";
    return scheme + "://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  /** Replies used in order, one per request; then the fallback. */
  synchronized RegistryTestServer thenReply(int status, String body) {
    queued.add(new Reply(status, body));
    return this;
  }

  synchronized RegistryTestServer alwaysReply(int status, String body) {
    fallback = new Reply(status, body);
    return this;
  }

  /** Accept requests but never answer them (until close), to exercise client timeouts. */
  synchronized RegistryTestServer hang() {
    hang = true;
    return this;
  }

  List<Received> requests() {
    return List.copyOf(requests);
  }

  private void handle(HttpExchange exchange) throws IOException {
    String body;
    try (InputStream in = exchange.getRequestBody()) {
      body = new String(in.readAllBytes(), UTF_8);
    }
    requests.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
        exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders().getFirst("Authorization"),
        exchange.getRequestHeaders().getFirst("Content-Type"), body));
    Reply reply;
    boolean wait;
    synchronized (this) {
      reply = queued.isEmpty() ? fallback : queued.poll();
      wait = hang;
    }
    if (wait) {
      try {
        released.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    byte[] bytes = reply.body().getBytes(UTF_8);
    exchange.getResponseHeaders().set("Content-Type", HttpSchemaRegistryClient.CONTENT_TYPE);
    exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    released.countDown();
    server.stop(0);
    executor.shutdownNow();
  }
}
