package org.feedbackrouter.simulate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.feedbackrouter.avro.FeedbackReceived;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Produces simulated feedback at a steady rate, and now and then a surge: a burst on one topic,
 * like a wave of self-service comments about one defect.
 */
public final class FeedbackSimulator implements Runnable, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FeedbackSimulator.class);

  private final Producer<String, FeedbackReceived> producer;
  private final String topic;
  private final double perSecond;
  private final Duration surgeEvery;
  private final int surgeSize;
  private final FeedbackGenerator generator;
  private final Random random;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicLong sent = new AtomicLong();
  private final Thread thread;

  public FeedbackSimulator(Producer<String, FeedbackReceived> producer, String topic, double perSecond,
      Duration surgeEvery, int surgeSize, long seed) {
    this.producer = producer;
    this.topic = topic;
    this.perSecond = perSecond;
    this.surgeEvery = surgeEvery;
    this.surgeSize = surgeSize;
    this.generator = new FeedbackGenerator(seed);
    this.random = new Random(seed + 1);
    this.thread = new Thread(this, "feedback-simulator");
    thread.setDaemon(true);
  }

  public FeedbackSimulator start() {
    thread.start();
    return this;
  }

  public long sent() {
    return sent.get();
  }

  @Override
  public void run() {
    long intervalNanos = (long) (1_000_000_000L / perSecond);
    long next = System.nanoTime();
    // The first surge comes early, so a newcomer sees one within the first minute.
    long nextSurge = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    List<String> topics = FeedbackGenerator.topics();
    while (running.get()) {
      try {
        if (System.nanoTime() >= nextSurge) {
          String surgeTopic = topics.get(random.nextInt(topics.size()));
          LOG.info("Simulating a surge of {} feedback on '{}'", surgeSize, surgeTopic);
          for (int i = 0; i < surgeSize; i++) {
            send(generator.next(Instant.now(), surgeTopic));
          }
          nextSurge = System.nanoTime() + surgeEvery.toNanos();
        }
        send(generator.next(Instant.now()));
        next += intervalNanos;
        long wait = next - System.nanoTime();
        if (wait > 0) {
          java.util.concurrent.locks.LockSupport.parkNanos(wait);
        } else if (wait < -1_000_000_000L) {
          next = System.nanoTime(); // Fell behind by more than a second: do not burst to catch up.
        }
      } catch (RuntimeException e) {
        if (running.get()) {
          LOG.warn("Simulator could not send; retrying", e);
          java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofSeconds(1).toNanos());
        }
      }
    }
  }

  private void send(FeedbackReceived f) {
    producer.send(new ProducerRecord<>(topic, f.getId(), f));
    sent.incrementAndGet();
  }

  @Override
  public void close() {
    running.set(false);
    thread.interrupt();
    try {
      thread.join(Duration.ofSeconds(5).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
