package org.feedbackrouter.notify;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends requests with the JDK's HTTP client, asynchronously: a slow endpoint holds a connection,
 * not a thread, so it cannot starve the other destinations. Each request has a timeout; running
 * into it counts as a failed attempt like a refused connection.
 */
public final class HttpTransport implements AutoCloseable {
  private final HttpClient client;
  private final ExecutorService executor;
  private final Duration requestTimeout;
  private final Clock clock;

  public HttpTransport(Duration connectTimeout, Duration requestTimeout, Clock clock) {
    AtomicInteger n = new AtomicInteger();
    this.executor = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "notify-http-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    this.client = HttpClient.newBuilder()
        .connectTimeout(connectTimeout)
        .followRedirects(HttpClient.Redirect.NEVER)
        .executor(executor)
        .build();
    this.requestTimeout = requestTimeout;
    this.clock = clock;
  }

  public CompletableFuture<AttemptResult> post(OutgoingRequest request) {
    HttpRequest.Builder b = HttpRequest.newBuilder(request.url())
        .timeout(requestTimeout)
        .header("Content-Type", "application/json; charset=utf-8")
        .header("User-Agent", "feedback-router")
        .POST(HttpRequest.BodyPublishers.ofByteArray(request.body()));
    request.headers().forEach(b::header);
    try {
      return client.sendAsync(b.build(), HttpResponse.BodyHandlers.discarding())
          .thenApply(r -> new AttemptResult(r.statusCode(),
              BackoffPolicy.parseRetryAfter(r.headers().firstValue("Retry-After").orElse(null), clock),
              "HTTP " + r.statusCode()))
          .exceptionally(e -> AttemptResult.failed(e instanceof CompletionException && e.getCause() != null
              ? e.getCause() : e));
    } catch (RuntimeException e) {
      // Rejected before sending, e.g. after close.
      return CompletableFuture.completedFuture(AttemptResult.failed(e));
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
