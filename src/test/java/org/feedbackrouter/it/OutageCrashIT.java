package org.feedbackrouter.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.feedbackrouter.testkit.RealServices;
import org.feedbackrouter.testkit.RealServicesExtension;
import org.feedbackrouter.testkit.ProxiedBroker;
import org.feedbackrouter.testkit.ServiceProcess;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code run} in a JVM of its own through a 30 s registry outage (the registry process stopped with SIGSTOP while the
 * service restarts after a kill -9 and feedback keeps coming) and a 30 s broker outage mid-stream (every connection to
 * its own broker dropped and refused, through the proxy the broker advertises). Nothing is lost or doubled, and the service is ready again within a
 * bounded time after each outage.
 */
@Tag("crash")
@ExtendWith(RealServicesExtension.class)
class OutageCrashIT {
  private static final Logger LOG = LoggerFactory.getLogger(OutageCrashIT.class);
  private static final Duration OUTAGE = Duration.ofSeconds(30);
  /** From the end of an outage to {@code /health/ready} answering 200 again. */
  private static final Duration READY_AGAIN = Duration.ofMinutes(3);
  private static final Duration PHASE = Duration.ofMinutes(4);
  private static final int BATCH = 1000;

  @TempDir Path dir;

  @Test
  void registryAndBrokerOutagesLoseAndDoubleNothing(RealServices shared) throws Exception {
    long startedAt = System.nanoTime();
    try (ProxiedBroker broker = ProxiedBroker.start(dir.resolve("broker"), shared);
        CrashFlow flow = CrashFlow.create(broker, dir, "outage");
        ServiceProcess service = new ServiceProcess(
            flow.serviceEnv(dir.resolve("state"), Map.of(
                // Short, so that the broker outage shows on /health/ready while the test watches.
                "FEEDBACK_READY_MAX_STALL", "5s",
                // Readiness sees waiting input as consumer lag. With the default fetch and input buffer sizes the
                // consumer fetches this test's whole backlog at once (lag 0, all of it in Kafka Streams' buffers);
                // small ones keep most of it on the broker, as a backlog larger than the buffers would be.
                "KAFKA_MAX_PARTITION_FETCH_BYTES", "8192",
                "KAFKA_INPUT_BUFFER_MAX_BYTES", "32768")),
            Path.of("target", "crash-it", "outage-" + System.currentTimeMillis() + ".log"))) {
      service.start();
      flow.send(BATCH, List.of());
      await("ready").atMost(READY_AGAIN).pollInterval(Duration.ofSeconds(1)).until(service::ready);
      await("first batch").atMost(PHASE).pollInterval(Duration.ofSeconds(3)).until(flow::complete);
      // Some events now, so the test's own producer knows the TaskEvent schema before the registry goes away.
      flow.send(0, CrashFlow.resolving(flow.openActingTasks().subList(0, 50)));

      // Registry outage: a freshly started instance meets it, with feedback and events waiting.
      shared.registry().pause();
      long registryDown = System.nanoTime();
      service.kill();
      service.start();
      flow.send(BATCH, CrashFlow.resolving(flow.openActingTasks().subList(0, 200)));
      await("registry outage").pollDelay(OUTAGE).atMost(OUTAGE.plusSeconds(5)).until(() -> true);
      shared.registry().resume();
      long registryUp = System.nanoTime();
      await("ready after the registry outage").atMost(READY_AGAIN).pollInterval(Duration.ofSeconds(1))
          .until(service::ready);
      Duration readyAfterRegistry = Duration.ofNanos(System.nanoTime() - registryUp);
      LOG.info("Registry outage of {} s: ready {} s after it ended", Duration.ofNanos(registryUp - registryDown)
          .toSeconds(), readyAfterRegistry.toSeconds());

      // Broker outage mid-stream.
      await("second batch").atMost(PHASE).pollInterval(Duration.ofSeconds(3)).until(flow::complete);
      flow.send(BATCH, CrashFlow.resolving(flow.openActingTasks().subList(0, 200)));
      long before = flow.classifiedWritten();
      await("mid-stream").atMost(PHASE).pollInterval(Duration.ofMillis(200))
          .until(() -> flow.classifiedWritten() - before >= BATCH / 10);
      broker.cutOff();
      AtomicInteger notReady = new AtomicInteger();
      await("broker outage").during(OUTAGE).atMost(OUTAGE.plusSeconds(10)).pollInterval(Duration.ofSeconds(1))
          .until(() -> {
            if (!service.ready()) {
              notReady.incrementAndGet();
            }
            return service.isAlive();
          });
      broker.reconnect();
      long brokerUp = System.nanoTime();
      await("ready after the broker outage").atMost(READY_AGAIN).pollInterval(Duration.ofSeconds(1))
          .until(service::ready);
      Duration readyAfterBroker = Duration.ofNanos(System.nanoTime() - brokerUp);
      LOG.info("Broker outage of {} s: not ready at {} of its 1 s polls; ready {} s after it ended",
          OUTAGE.toSeconds(), notReady.get(), readyAfterBroker.toSeconds());

      await("everything processed").atMost(PHASE).pollInterval(Duration.ofSeconds(3)).until(flow::complete);
      service.stop();
      CrashFlow.Counts counts = flow.verifyExactlyOnce();
      LOG.info("Outage test: {} in {} s", counts, Duration.ofNanos(System.nanoTime() - startedAt).toSeconds());
      assertThat(notReady.get()).as("1 s polls of /health/ready that saw not-ready during the broker outage")
          .isPositive();
    }
  }
}
