package org.feedbackrouter.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.feedbackrouter.avro.Task;
import org.feedbackrouter.testkit.RealServices;
import org.feedbackrouter.testkit.RealServicesExtension;
import org.feedbackrouter.testkit.ServiceProcess;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code run} in a JVM of its own, killed with SIGKILL three times (twice while it classifies a backlog, once while it
 * applies task events), restarted each time on the same state directory; events are also sent while it is down.
 * Afterwards, read as departments read ({@code read_committed}): every valid feedback classified once, every invalid
 * one dead-lettered once with its reason, no task twice, every feedback with all its tasks, one outcome per resolved
 * task, and aborted records on the outputs to show the kills hit open transactions.
 */
@Tag("crash")
@ExtendWith(RealServicesExtension.class)
class KillNineCrashIT {
  private static final Logger LOG = LoggerFactory.getLogger(KillNineCrashIT.class);
  private static final int BATCH = 1500;
  private static final Duration PHASE = Duration.ofMinutes(4);

  @TempDir Path dir;

  @Test
  void killNineMidStreamLosesAndDoublesNothing(RealServices services) throws Exception {
    long startedAt = System.nanoTime();
    List<Long> readyAfterKill = new ArrayList<>();
    try (CrashFlow flow = CrashFlow.create(services, dir, "crash");
        ServiceProcess service = new ServiceProcess(flow.serviceEnv(dir.resolve("state"), Map.of()),
            Path.of("target", "crash-it", "kill-nine-" + System.currentTimeMillis() + ".log"))) {
      flow.send(BATCH, List.of());
      service.start();

      // Kill 1: while it works through the backlog.
      killAfterProgress(service, flow::classifiedWritten, BATCH / 4);
      restart(service, readyAfterKill);
      await("first batch classified").atMost(PHASE).pollInterval(Duration.ofSeconds(3)).until(flow::complete);

      // Kill 2: while it applies RESOLVED events, sent among a second batch of feedback.
      List<Task> open = flow.openActingTasks();
      assertThat(open).hasSizeGreaterThan(600);
      flow.send(BATCH, CrashFlow.resolving(open.subList(0, 400)));
      killAfterProgress(service, flow::outcomesWritten, 100);
      // Events and feedback sent while nothing runs.
      flow.send(BATCH / 2, CrashFlow.resolving(open.subList(400, 600)));
      restart(service, readyAfterKill);

      // Kill 3: mid-stream again, on the restarted process.
      long before = flow.classifiedWritten();
      killAfterProgress(service, () -> flow.classifiedWritten() - before, BATCH / 8);
      restart(service, readyAfterKill);

      await("everything processed").atMost(PHASE).pollInterval(Duration.ofSeconds(3)).until(flow::complete);
      service.stop();

      CrashFlow.Counts counts = flow.verifyExactlyOnce();
      LOG.info("Kill -9 crash test: {} kills, {} in {} s; restart to ready in {} s", service.starts() - 1, counts,
          Duration.ofNanos(System.nanoTime() - startedAt).toSeconds(), readyAfterKill);
      assertThat(service.starts()).isEqualTo(4);
      assertThat(counts.aborted()).as("records of transactions the kills left open").isPositive();
    }
  }

  /** Starts the service again and notes how long it took to be ready (JVM start, restore, rejoin), in seconds. */
  private static void restart(ServiceProcess service, List<Long> readyAfterKill) {
    long restartedAt = System.nanoTime();
    service.start();
    await("ready after a kill").atMost(PHASE).pollInterval(Duration.ofMillis(500)).until(service::ready);
    readyAfterKill.add(Duration.ofNanos(System.nanoTime() - restartedAt).toSeconds());
  }

  /** Waits until the process has written {@code progress} more and is mid-work, then kills it with SIGKILL. */
  private static void killAfterProgress(ServiceProcess service, LongSupplier written, long progress) {
    await("progress before kill").atMost(PHASE).pollInterval(Duration.ofMillis(200))
        .until(() -> written.getAsLong() >= progress);
    service.kill();
  }
}
