package org.feedbackrouter.service;

import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.feedbackrouter.registry.SchemaRegistryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides what a stream thread's death means. A transient cause (a lost broker, a registry
 * outage) replaces the thread, which retries the record it failed on: nothing committed, so
 * nothing is lost or doubled. The dead thread's static member is removed so the replacement does
 * not wait out its session. Anything else shuts the client down, which ends the process.
 */
final class ThreadFailures implements StreamsUncaughtExceptionHandler {
  private static final Logger LOG = LoggerFactory.getLogger(ThreadFailures.class);

  private final StaticMembers members;

  ThreadFailures(StaticMembers members) {
    this.members = members;
  }

  @Override
  public StreamThreadExceptionResponse handle(Throwable e) {
    Throwable cause = transientCause(e);
    if (cause == null) {
      LOG.error("Stream thread failed; shutting down", e);
      return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }
    // Routine: one line. The cause's message names the registry or broker, never a record.
    LOG.warn("Stream thread {} stopped on a transient error, replacing it; its uncommitted records are retried ({}: {})",
        Thread.currentThread().getName(), cause.getClass().getSimpleName(), cause.getMessage());
    LOG.debug("Transient stream thread failure", e);
    members.removeWhenDead(Thread.currentThread());
    // Kafka Streams rethrows the error out of the dying thread; a replacement thread (unlike the
    // first ones) has no handler of its own for that, so the JVM would print the trace to stderr.
    Thread.currentThread().setUncaughtExceptionHandler((thread, error) -> { });
    return StreamThreadExceptionResponse.REPLACE_THREAD;
  }

  /** The first cause in the chain that a new thread may get past, or null. */
  static Throwable transientCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof RetriableException) {
        return t;
      }
      if (t instanceof SchemaRegistryException sre && sre.kind() == SchemaRegistryException.Kind.UNAVAILABLE) {
        return t;
      }
    }
    return null;
  }
}
