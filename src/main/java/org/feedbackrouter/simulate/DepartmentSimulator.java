package org.feedbackrouter.simulate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.WakeupException;
import org.feedbackrouter.avro.Role;
import org.feedbackrouter.avro.Task;
import org.feedbackrouter.avro.TaskEvent;
import org.feedbackrouter.avro.TaskEventType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays the departments: reads every {@code tasks.<department>} topic and, after random delays,
 * acknowledges and resolves tasks, sometimes late so that SLA breaches and escalations happen.
 * The CX office dispatches its centralised tasks to the suggested owner by reassigning them.
 */
public final class DepartmentSimulator implements Runnable, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DepartmentSimulator.class);

  private final Consumer<String, Task> consumer;
  private final Producer<String, TaskEvent> producer;
  private final Pattern taskTopics;
  private final String eventsTopic;
  private final Duration typicalDelay;
  private final Random random;
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "department-simulator-events");
    t.setDaemon(true);
    return t;
  });
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Thread thread;

  /**
   * @param typicalDelay how long a department usually takes to acknowledge; resolution takes a
   *     few times that, and one task in five takes much longer
   */
  public DepartmentSimulator(Consumer<String, Task> consumer, Producer<String, TaskEvent> producer,
      Pattern taskTopics, String eventsTopic, Duration typicalDelay, long seed) {
    this.consumer = consumer;
    this.producer = producer;
    this.taskTopics = taskTopics;
    this.eventsTopic = eventsTopic;
    this.typicalDelay = typicalDelay;
    this.random = new Random(seed);
    this.thread = new Thread(this, "department-simulator");
    thread.setDaemon(true);
  }

  public DepartmentSimulator start() {
    thread.start();
    return this;
  }

  @Override
  public void run() {
    try {
      consumer.subscribe(taskTopics);
      while (running.get()) {
        for (ConsumerRecord<String, Task> r : consumer.poll(Duration.ofMillis(500))) {
          if (r.value() != null) {
            plan(r.value());
          }
        }
      }
    } catch (WakeupException e) {
      if (running.get()) {
        throw e;
      }
    } finally {
      consumer.close(Duration.ofSeconds(2));
    }
  }

  private void plan(Task task) {
    boolean late = random.nextInt(5) == 0;
    if (task.getRole() == Role.OBSERVER) {
      // The CX office follows up and closes what it watched, later than the departments act.
      later(millis(10.0), task, TaskEventType.RESOLVED, null);
      return;
    }
    long ack = millis(late ? 4.0 : 1.0);
    long resolve = ack + millis(late ? 6.0 : 2.0);
    if (task.getSuggestedOwner() != null && random.nextInt(4) != 0) {
      later(ack, task, TaskEventType.REASSIGNED, task.getSuggestedOwner());
      return;
    }
    later(ack, task, TaskEventType.ACKNOWLEDGED, null);
    if (!leavesOpen(task)) {
      later(resolve, task, TaskEventType.RESOLVED, null);
    }
  }

  /**
   * The one task in ten a department acknowledges and never resolves: these make the overdue
   * and escalation figures, and the demo offers one to the person watching to resolve by hand.
   * Decided by the task id, so the demo can tell which without asking the simulator.
   */
  public static boolean leavesOpen(Task task) {
    return task.getRole() != Role.OBSERVER && task.getSuggestedOwner() == null
        && Math.floorMod(task.getTaskId().hashCode(), 10) == 0;
  }

  private long millis(double factor) {
    return (long) (typicalDelay.toMillis() * factor * (0.2 + random.nextDouble()));
  }

  private void later(long delayMs, Task task, TaskEventType type, String reassignTo) {
    scheduler.schedule(() -> {
      TaskEvent event = TaskEvent.newBuilder()
          .setTaskId(task.getTaskId())
          .setType(type)
          .setActor(task.getDepartment() + "-agent-" + (1 + Math.abs(task.getTaskId().hashCode() % 9)))
          .setOccurredAt(Instant.now())
          .setNote(List.of("Looking into it", "Fixed and customer informed", "Handled").get(type.ordinal() % 3))
          .setReassignTo(reassignTo)
          .build();
      try {
        producer.send(new ProducerRecord<>(eventsTopic, task.getTaskId(), event));
      } catch (RuntimeException e) {
        LOG.warn("Could not send {} for task {}", type, task.getTaskId(), e);
      }
    }, delayMs, TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    running.set(false);
    consumer.wakeup();
    scheduler.shutdownNow();
    try {
      thread.join(Duration.ofSeconds(5).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
