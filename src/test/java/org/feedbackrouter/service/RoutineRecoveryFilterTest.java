package org.feedbackrouter.service;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.spi.FilterReply;
import org.apache.kafka.common.errors.TimeoutException;
import java.util.Set;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.TaskCorruptedException;
import org.apache.kafka.streams.processor.TaskId;
import org.feedbackrouter.registry.SchemaRegistryException;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The shipped logback.xml keeps routine recovery out of the log as Kafka errors and stack traces, and nothing else. */
class RoutineRecoveryFilterTest {
  private static final String KAFKA_STREAMS = "org.apache.kafka.streams.KafkaStreams";

  private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
  private final Appender<ILoggingEvent> stderr = context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDERR");

  @Test
  void aThreadReplacedAfterARegistryOutageLeavesNoKafkaErrorTrace() {
    Throwable outage = new StreamsException("Deserialization exception handler is set to fail",
        new SchemaRegistryException(SchemaRegistryException.Kind.UNAVAILABLE, 0, "Schema registry unavailable"));
    assertThat(decision(KAFKA_STREAMS, Level.ERROR, outage)).isEqualTo(FilterReply.DENY);
    assertThat(decision("org.apache.kafka.streams.processor.internals.TaskExecutor", Level.ERROR,
        new TimeoutException("broker slow"))).isEqualTo(FilterReply.DENY);
  }

  @Test
  void aRestoreAfterKillNineLeavesNoCorruptionErrorsOrTraces() {
    String taskManager = "org.apache.kafka.streams.processor.internals.TaskManager";
    assertThat(decision(taskManager, Level.ERROR, null, "stream-thread [x] Get exceptions for the following tasks:"
        + " {1_0=org.apache.kafka.streams.errors.TaskCorruptedException: Tasks [1_0] are corrupted and hence need to be"
        + " re-initialized}")).isEqualTo(FilterReply.DENY);
    assertThat(decision(taskManager, Level.WARN, new TaskCorruptedException(Set.of(new TaskId(1, 0))),
        "Encounter corrupted task 1_0, will group it with other corrupted tasks and handle together"))
        .isEqualTo(FilterReply.DENY);
    assertThat(decision("org.apache.kafka.streams.processor.internals.ProcessorStateManager", Level.WARN, null,
        "State store feedback-dedup-store did not find checkpoint offsets while stores are not empty, since under EOS"))
        .isEqualTo(FilterReply.DENY);
    assertThat(decision("org.apache.kafka.streams.processor.internals.StreamThread", Level.WARN,
        new TaskCorruptedException(Set.of(new TaskId(1, 0))), "Detected the states of tasks [1_0] are corrupted."))
        .isEqualTo(FilterReply.DENY);
  }

  @Test
  void realFailuresAndOurOwnLinesStillShow() {
    Throwable refused = new StreamsException("failed",
        new SchemaRegistryException(SchemaRegistryException.Kind.UNAUTHORIZED, 401, "refused"));
    assertThat(decision(KAFKA_STREAMS, Level.ERROR, refused)).isEqualTo(FilterReply.NEUTRAL);
    assertThat(decision(KAFKA_STREAMS, Level.ERROR, new IllegalStateException("bug"))).isEqualTo(FilterReply.NEUTRAL);
    Throwable outage = new SchemaRegistryException(SchemaRegistryException.Kind.UNAVAILABLE, 0, "down");
    assertThat(decision(ThreadFailures.class.getName(), Level.WARN, outage)).isEqualTo(FilterReply.NEUTRAL);
    assertThat(decision(KAFKA_STREAMS, Level.INFO, outage)).isEqualTo(FilterReply.NEUTRAL);
  }

  private FilterReply decision(String logger, Level level, Throwable thrown) {
    return decision(logger, level, thrown, "message");
  }

  private FilterReply decision(String logger, Level level, Throwable thrown, String message) {
    LoggingEvent event = new LoggingEvent(Logger.class.getName(), context.getLogger(logger), level, message, thrown, null);
    return stderr.getFilterChainDecision(event);
  }
}
