package org.feedbackrouter.service;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.List;
import org.apache.kafka.streams.errors.TaskCorruptedException;

/**
 * Drops Kafka Streams' ERROR and WARN lines and stack traces about failures the service recovers
 * from by itself, each of which it reports in one line of its own:
 * <ul>
 *   <li>a stream thread replaced after a transient error ({@link ThreadFailures}, WARN);</li>
 *   <li>local state wiped and restored after an unclean stop (kill -9): under exactly-once Kafka
 *       Streams treats every store without a checkpoint as corrupted, and says so per store, per
 *       task, with traces and an ERROR ({@link RestoreProgress}, INFO, says how many records were
 *       restored and how long it took).</li>
 * </ul>
 * Set on the appender in {@code logback.xml}; everything else passes.
 */
public final class RoutineRecoveryFilter extends Filter<ILoggingEvent> {
  private static final String STREAMS_LOGGERS = "org.apache.kafka.streams.";
  /** Kafka Streams' own words for a store rebuilt after an unclean stop. */
  private static final List<String> CORRUPTION_LINES = List.of(
      "did not find checkpoint offsets while stores are not empty",
      "are corrupted and hence need to be re-initialized",
      "Detected the states of tasks");

  @Override
  public FilterReply decide(ILoggingEvent event) {
    if (!event.getLevel().isGreaterOrEqual(Level.WARN) || !event.getLoggerName().startsWith(STREAMS_LOGGERS)) {
      return FilterReply.NEUTRAL;
    }
    IThrowableProxy proxy = event.getThrowableProxy();
    if (proxy instanceof ThrowableProxy thrown && (ThreadFailures.transientCause(thrown.getThrowable()) != null
        || thrown.getThrowable() instanceof TaskCorruptedException)) {
      return FilterReply.DENY;
    }
    String message = event.getFormattedMessage();
    if (message != null && CORRUPTION_LINES.stream().anyMatch(message::contains)) {
      return FilterReply.DENY;
    }
    return FilterReply.NEUTRAL;
  }
}
