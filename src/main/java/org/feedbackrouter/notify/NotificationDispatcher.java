package org.feedbackrouter.notify;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Delivers each notification to every destination of its department, retrying with
 * {@link BackoffPolicy}. Each destination has its own queue, worked one request at a time: a dead
 * or slow endpoint holds back only its own queue, never another destination's, and messages reach
 * a chat in the order they were read (Slack also allows about one message a second per webhook).
 * Waits between attempts are scheduled, not slept, so they hold no thread.
 */
public final class NotificationDispatcher implements AutoCloseable {
  private final Map<String, List<Destination>> destinations;
  private final Map<Destination, Lane> lanes;
  private final Payloads payloads;
  private final Function<OutgoingRequest, CompletableFuture<AttemptResult>> transport;
  private final BackoffPolicy policy;
  private final DeliveryObserver observer;
  private final RandomGenerator random;
  private volatile boolean closed;

  public NotificationDispatcher(Map<String, List<Destination>> destinations, Payloads payloads,
      Function<OutgoingRequest, CompletableFuture<AttemptResult>> transport, BackoffPolicy policy,
      DeliveryObserver observer, RandomGenerator random) {
    this.destinations = Map.copyOf(destinations);
    this.lanes = new HashMap<>();
    this.destinations.values().forEach(list -> list.forEach(d -> lanes.put(d, new Lane())));
    this.payloads = payloads;
    this.transport = transport;
    this.policy = policy;
    this.observer = observer;
    this.random = random;
  }

  /** Departments with at least one destination. */
  public Set<String> departments() {
    return destinations.keySet();
  }

  /**
   * Completes when every destination of the notification's department has either taken it or
   * been given up on; each outcome says which. A department with no destination completes at once.
   */
  public CompletableFuture<List<DeliveryOutcome>> deliver(Notification n) {
    List<CompletableFuture<DeliveryOutcome>> each = destinations.getOrDefault(n.department(), List.of()).stream()
        .map(d -> {
          OutgoingRequest request = payloads.build(d, n);
          return lanes.get(d).submit(() -> attempt(d, request, 1, System.nanoTime()));
        })
        .toList();
    return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new))
        .thenApply(done -> each.stream().map(CompletableFuture::join).toList());
  }

  private CompletableFuture<DeliveryOutcome> attempt(Destination d, OutgoingRequest request, int attempt,
      long startedNanos) {
    if (closed) {
      return CompletableFuture.failedFuture(new CancellationException("dispatcher closed"));
    }
    return transport.apply(request).thenCompose(result -> {
      if (result.delivered()) {
        observer.delivered(d, Duration.ofNanos(System.nanoTime() - startedNanos));
        return CompletableFuture.completedFuture(new DeliveryOutcome(d, true, attempt, null, null));
      }
      if (!result.retryable()) {
        return gaveUp(d, attempt, DeliveryOutcome.REJECTED, result.detail());
      }
      if (!policy.canRetry(attempt)) {
        return gaveUp(d, attempt, DeliveryOutcome.RETRIES_EXHAUSTED, result.detail());
      }
      if (result.retryAfter().filter(r -> r.compareTo(policy.retryAfterLimit()) > 0).isPresent()) {
        return gaveUp(d, attempt, DeliveryOutcome.RETRY_AFTER_TOO_LONG, result.detail());
      }
      observer.retrying(d, result);
      Duration wait = policy.delay(attempt, result.retryAfter(), random);
      return CompletableFuture.runAsync(() -> { },
              CompletableFuture.delayedExecutor(wait.toMillis(), TimeUnit.MILLISECONDS))
          .thenCompose(waited -> attempt(d, request, attempt + 1, startedNanos));
    });
  }

  private CompletableFuture<DeliveryOutcome> gaveUp(Destination d, int attempts, String reason, String detail) {
    DeliveryOutcome outcome = new DeliveryOutcome(d, false, attempts, reason, detail);
    observer.gaveUp(outcome);
    return CompletableFuture.completedFuture(outcome);
  }

  /** Stops retrying: pending deliveries fail, and their records are read again on the next start. */
  @Override
  public void close() {
    closed = true;
  }

  /** One destination's queue: each job starts when the one before it has ended, however it ended. */
  private static final class Lane {
    private CompletableFuture<?> tail = CompletableFuture.completedFuture(null);

    synchronized <T> CompletableFuture<T> submit(Supplier<CompletableFuture<T>> job) {
      CompletableFuture<T> next = tail.handle((r, e) -> null).thenCompose(ignored -> job.get());
      tail = next;
      return next;
    }
  }
}
