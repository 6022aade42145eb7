package org.feedbackrouter.topology;

import java.time.Duration;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps department topics in step with the departments the service needs, on its own thread so
 * that no admin call ever runs on a stream thread. Each pass takes the departments of the
 * ownership table and those the stream threads asked for, creates their topics when the service
 * may ({@code feedback.topics.create}), lists the broker's topics, and marks ready every
 * department whose {@code tasks.} and {@code alerts.} topics are listed. Records held for a
 * department go out once it is ready (see {@link DepartmentGate}).
 */
public final class DepartmentTopicWatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DepartmentTopicWatcher.class);

  private final TopicAdmin admin;
  private final Topics topics;
  private final KnownDepartmentTopics known;
  private final Supplier<Collection<String>> ownershipDepartments;
  private final boolean create;
  private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "department-topic-watcher");
    t.setDaemon(true);
    return t;
  });
  private volatile boolean failing;
  /** Said once per change, not every pass. */
  private volatile Set<String> lastMissing = Set.of();

  public DepartmentTopicWatcher(TopicAdmin admin, Topics topics, KnownDepartmentTopics known,
      Supplier<Collection<String>> ownershipDepartments, boolean create) {
    this.admin = admin;
    this.topics = topics;
    this.known = known;
    this.ownershipDepartments = ownershipDepartments;
    this.create = create;
  }

  /**
   * A first pass at once over {@code first} too (read on the watcher's thread: it may block), then
   * one every {@code interval}. The stream threads need not wait for it: a record due for a
   * department whose topics are not ready yet waits in the gate store meanwhile.
   */
  public void start(Duration interval, Supplier<Collection<String>> first) {
    thread.execute(() -> {
      try {
        pass(first.get());
      } catch (RuntimeException e) {
        LOG.warn("Department topic watcher cannot reach the broker ({}); retrying", e.getMessage());
        failing = true;
      }
    });
    thread.scheduleWithFixedDelay(this::passQuietly, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** One pass over the ownership table's departments, the wanted ones and {@code more}. */
  public void pass(Collection<String> more) {
    Set<String> departments = new TreeSet<>(ownershipDepartments.get());
    departments.addAll(known.wanted());
    departments.addAll(more);
    departments.removeIf(known::isReady);
    if (departments.isEmpty()) {
      return;
    }
    if (create) {
      admin.ensure(departments);
    }
    Set<String> existing = admin.existingTopics();
    Set<String> ready = new TreeSet<>();
    for (String d : departments) {
      if (existing.contains(topics.tasksTopic(d)) && existing.contains(topics.alertsTopic(d))) {
        ready.add(d);
      }
    }
    known.markReady(ready);
    if (!ready.isEmpty()) {
      LOG.info("Department topics ready for {}", ready);
    }
    departments.removeAll(ready);
    if (!departments.isEmpty() && !create && !departments.equals(lastMissing)) {
      LOG.warn("Topics missing for departments {}; their records are held until an operator creates"
          + " tasks.<department> and alerts.<department>", departments);
    }
    lastMissing = departments;
  }

  private void passQuietly() {
    try {
      pass(Set.of());
      if (failing) {
        LOG.info("Department topic watcher reaches the broker again");
        failing = false;
      }
    } catch (RuntimeException e) {
      // Retried on the next pass; held records wait meanwhile. One line, not a stack per pass.
      if (!failing) {
        LOG.warn("Department topic watcher cannot reach the broker ({}); retrying", e.getMessage());
        failing = true;
      }
    }
  }

  @Override
  public void close() {
    thread.shutdownNow();
  }
}
