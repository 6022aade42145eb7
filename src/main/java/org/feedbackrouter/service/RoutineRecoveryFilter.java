package org.feedbackrouter.service;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * Drops Kafka Streams' ERROR and WARN stack traces about a failure the service recovers from by
 * itself: a stream thread replaced after a transient error ({@link ThreadFailures} says so in one
 * WARN line). Set on the appender in {@code logback.xml}; everything else passes.
 */
public final class RoutineRecoveryFilter extends Filter<ILoggingEvent> {
  private static final String STREAMS_LOGGERS = "org.apache.kafka.streams.";

  @Override
  public FilterReply decide(ILoggingEvent event) {
    if (!event.getLevel().isGreaterOrEqual(Level.WARN) || !event.getLoggerName().startsWith(STREAMS_LOGGERS)) {
      return FilterReply.NEUTRAL;
    }
    IThrowableProxy proxy = event.getThrowableProxy();
    if (proxy instanceof ThrowableProxy thrown && ThreadFailures.transientCause(thrown.getThrowable()) != null) {
      return FilterReply.DENY;
    }
    return FilterReply.NEUTRAL;
  }
}
