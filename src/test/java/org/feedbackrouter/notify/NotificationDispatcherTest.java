package org.feedbackrouter.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.feedbackrouter.notify.TestEndpoint.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Against a real HTTP server that fails, throttles and stalls. */
class NotificationDispatcherTest {
  private static final BackoffPolicy FAST =
      new BackoffPolicy(4, Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofSeconds(5));

  private final TestEndpoint endpoint = new TestEndpoint();
  // Generous, so a loaded machine's slow first answer is not taken for a timeout...
  private final HttpTransport transport =
      new HttpTransport(Duration.ofSeconds(2), Duration.ofSeconds(5), Clock.systemUTC());
  // ...except where timing out is the point.
  private final HttpTransport impatient =
      new HttpTransport(Duration.ofSeconds(2), Duration.ofMillis(500), Clock.systemUTC());
  private final List<String> events = new CopyOnWriteArrayList<>();
  private final DeliveryObserver observer = new DeliveryObserver() {
    @Override
    public void retrying(Destination d, AttemptResult result) {
      events.add("retry " + d.department() + " " + result.detail());
    }

    @Override
    public void gaveUp(DeliveryOutcome o) {
      events.add("gave up " + o.destination().department() + " " + o.reason());
    }
  };

  NotificationDispatcherTest() throws Exception {}

  @AfterEach
  void close() {
    transport.close();
    impatient.close();
    endpoint.close();
  }

  private NotificationDispatcher dispatcher(Destination... destinations) {
    return dispatcher(transport, destinations);
  }

  private NotificationDispatcher dispatcher(HttpTransport transport, Destination... destinations) {
    Map<String, List<Destination>> byDepartment = new java.util.HashMap<>();
    for (Destination d : destinations) {
      byDepartment.computeIfAbsent(d.department(), k -> new java.util.ArrayList<>()).add(d);
    }
    return new NotificationDispatcher(byDepartment, new Payloads("http://api"), transport::post, FAST, observer,
        new Random(1));
  }

  private Destination webhook(String department, String path) {
    return new Destination(department, 0, DestinationType.WEBHOOK, endpoint.url(path), "secret-" + department);
  }

  @Test
  void retriesFailedAttemptsUntilOneSucceedsWithTheSameKeyAndSignature() throws Exception {
    endpoint.script("/finance", n -> n <= 2 ? Answer.status(503) : Answer.ok());
    NotificationDispatcher dispatcher = dispatcher(webhook("finance", "/finance"));

    List<DeliveryOutcome> outcomes = dispatcher.deliver(Notification.of(Samples.task("t-1", "finance")))
        .get(10, TimeUnit.SECONDS);

    assertThat(outcomes).singleElement().satisfies(o -> {
      assertThat(o.delivered()).isTrue();
      assertThat(o.attempts()).isEqualTo(3);
    });
    List<TestEndpoint.Received> received = endpoint.received("/finance");
    assertThat(received).hasSize(3).allSatisfy(r -> {
      assertThat(r.idempotencyKey()).isEqualTo("t-1");
      assertThat(r.header("X-Feedback-Signature")).isEqualTo(Signature.sign(r.body(), "secret-finance"));
    });
    assertThat(events).containsExactly("retry finance HTTP 503", "retry finance HTTP 503");
  }

  @Test
  void waitsAsLongAsRetryAfterSays() throws Exception {
    endpoint.script("/finance", n -> n == 1 ? new Answer(429, "1", 0) : Answer.ok());
    NotificationDispatcher dispatcher = dispatcher(webhook("finance", "/finance"));

    dispatcher.deliver(Notification.of(Samples.task("t-1", "finance"))).get(10, TimeUnit.SECONDS);

    List<TestEndpoint.Received> received = endpoint.received("/finance");
    assertThat(received).hasSize(2);
    // The backoff alone would have waited at most 50 ms.
    assertThat(received.get(1).atMillis() - received.get(0).atMillis()).isGreaterThanOrEqualTo(950);
  }

  @Test
  void givesUpAfterTheLastAttempt() throws Exception {
    endpoint.script("/finance", n -> Answer.status(500));
    NotificationDispatcher dispatcher = dispatcher(webhook("finance", "/finance"));

    List<DeliveryOutcome> outcomes = dispatcher.deliver(Notification.of(Samples.task("t-1", "finance")))
        .get(10, TimeUnit.SECONDS);

    assertThat(outcomes).singleElement().satisfies(o -> {
      assertThat(o.delivered()).isFalse();
      assertThat(o.reason()).isEqualTo(DeliveryOutcome.RETRIES_EXHAUSTED);
      assertThat(o.detail()).isEqualTo("HTTP 500");
      assertThat(o.attempts()).isEqualTo(4);
    });
    assertThat(endpoint.received("/finance")).hasSize(4);
  }

  @Test
  void aSlowEndpointTimesOutAndCountsAsAFailedAttempt() throws Exception {
    endpoint.script("/finance", n -> n == 1 ? new Answer(200, null, 3_000) : Answer.ok());
    NotificationDispatcher dispatcher = dispatcher(impatient, webhook("finance", "/finance"));

    List<DeliveryOutcome> outcomes = dispatcher.deliver(Notification.of(Samples.task("t-1", "finance")))
        .get(10, TimeUnit.SECONDS);

    assertThat(outcomes.get(0).delivered()).isTrue();
    assertThat(outcomes.get(0).attempts()).isGreaterThanOrEqualTo(2);
    assertThat(events.get(0)).isEqualTo("retry finance HttpTimeoutException");
  }

  @Test
  void anAnswerRetryingCannotFixGoesStraightToTheDeadLetters() throws Exception {
    endpoint.script("/finance", n -> Answer.status(404));
    NotificationDispatcher dispatcher = dispatcher(webhook("finance", "/finance"));

    DeliveryOutcome outcome = dispatcher.deliver(Notification.of(Samples.task("t-1", "finance")))
        .get(10, TimeUnit.SECONDS).get(0);

    assertThat(outcome.reason()).isEqualTo(DeliveryOutcome.REJECTED);
    assertThat(outcome.attempts()).isEqualTo(1);
  }

  @Test
  void aRetryAfterBeyondTheLimitGivesUpAtOnce() throws Exception {
    endpoint.script("/finance", n -> new Answer(429, "3600", 0));
    NotificationDispatcher dispatcher = dispatcher(webhook("finance", "/finance"));

    DeliveryOutcome outcome = dispatcher.deliver(Notification.of(Samples.task("t-1", "finance")))
        .get(10, TimeUnit.SECONDS).get(0);

    assertThat(outcome.reason()).isEqualTo(DeliveryOutcome.RETRY_AFTER_TOO_LONG);
  }

  @Test
  void aDeadEndpointDoesNotDelayAnotherDepartment() throws Exception {
    // Finance's endpoint stalls every request until the client gives up: 4 attempts of 500 ms.
    endpoint.script("/finance", n -> new Answer(200, null, 10_000));
    NotificationDispatcher dispatcher = dispatcher(impatient, webhook("finance", "/finance"), webhook("it", "/it"));
    List<CompletableFuture<List<DeliveryOutcome>>> finance = List.of(
        dispatcher.deliver(Notification.of(Samples.task("f-1", "finance"))),
        dispatcher.deliver(Notification.of(Samples.task("f-2", "finance"))));

    long started = System.nanoTime();
    for (int i = 0; i < 5; i++) {
      dispatcher.deliver(Notification.of(Samples.task("i-" + i, "it"))).get(10, TimeUnit.SECONDS);
    }
    Duration it = Duration.ofNanos(System.nanoTime() - started);

    // Finance's first record alone takes 4 timeouts of 500 ms.
    assertThat(finance).noneMatch(CompletableFuture::isDone);
    assertThat(it).isLessThan(Duration.ofSeconds(2));
    assertThat(endpoint.delivered("/it")).hasSize(5);
    assertThat(finance.get(1).get(20, TimeUnit.SECONDS).get(0).reason()).isEqualTo(DeliveryOutcome.RETRIES_EXHAUSTED);
  }

  @Test
  void aDepartmentWithoutDestinationsIsDoneAtOnce() throws Exception {
    NotificationDispatcher dispatcher = dispatcher(webhook("finance", "/finance"));
    assertThat(dispatcher.deliver(Notification.of(Samples.task("t", "legal"))).get(1, TimeUnit.SECONDS)).isEmpty();
  }
}
