package org.feedbackrouter.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * The demo's console is for people: the banner, the summaries, and its own warnings. Everything
 * else the JVM logs (the broker, the Kafka clients and Kafka Streams at INFO, this service's own INFO
 * lines such as each topic created) goes to a log file, whose path the banner prints.
 *
 * <p>Kafka's loggers go to the file only, at every level. In a healthy run the broker logs
 * {@code OutOfOrderSequenceException ... Expected sequence 0 for transactions v2 idempotent producer
 * with no existing state} at ERROR (ReplicaManager). It is harmless: with transactions v2 (KIP-890)
 * the broker verifies a transaction's first write to a partition before appending it; a producer
 * pipelines up to five batches per partition, so a later batch can arrive while the first is still
 * being verified, is answered OUT_OF_ORDER_SEQUENCE_NUMBER, and the producer retries it once the
 * earlier batch is written (it retries out-of-order answers while earlier batches are in flight;
 * see KAFKA-14920). No record is lost or written twice: the integration tests count every output
 * exactly with these lines in the log. So they belong in the file, not in front of a newcomer.
 *
 * <p>Undone by {@link #close()}, since logback's configuration is the JVM's.
 */
final class DemoLog implements AutoCloseable {
  /** Loggers of the broker and the Kafka libraries. */
  private static final List<String> KAFKA = List.of("org.apache.kafka", "kafka", "state.change.logger",
      "org.apache.zookeeper", "io.micrometer");
  /** This service's INFO lines a person running the demo wants on the console. */
  private static final List<String> CONSOLE_INFO = List.of("org.feedbackrouter.simulate");

  private final Path file;
  private final FileAppender<ILoggingEvent> appender = new FileAppender<>();
  private final List<Runnable> undo = new ArrayList<>();

  private DemoLog(Path file) {
    this.file = file;
  }

  static DemoLog to(Path file) {
    DemoLog log = new DemoLog(file);
    log.start();
    return log;
  }

  Path file() {
    return file;
  }

  private void start() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern("%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n");
    encoder.start();
    appender.setContext(context);
    appender.setName("DEMO_FILE");
    appender.setFile(file.toString());
    appender.setAppend(true);
    appender.setEncoder(encoder);
    appender.start();

    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    List<Appender<ILoggingEvent>> consoles = new ArrayList<>();
    root.iteratorForAppenders().forEachRemaining(consoles::add);
    Filter<ILoggingEvent> forPeople = new Filter<>() {
      @Override
      public FilterReply decide(ILoggingEvent event) {
        boolean ours = CONSOLE_INFO.stream().anyMatch(event.getLoggerName()::startsWith);
        return event.getLevel().isGreaterOrEqual(Level.WARN) || ours ? FilterReply.NEUTRAL : FilterReply.DENY;
      }
    };
    forPeople.start();
    for (Appender<ILoggingEvent> console : consoles) {
      console.addFilter(forPeople);
      undo.add(() -> {
        List<Filter<ILoggingEvent>> keep = new ArrayList<>(console.getCopyOfAttachedFiltersList());
        keep.remove(forPeople);
        console.clearAllFilters();
        keep.forEach(console::addFilter);
      });
    }
    root.addAppender(appender);
    undo.add(() -> root.detachAppender(appender));
    for (String name : KAFKA) {
      Logger logger = context.getLogger(name);
      Level level = logger.getLevel();
      boolean additive = logger.isAdditive();
      logger.setLevel(Level.INFO);
      logger.setAdditive(false);
      logger.addAppender(appender);
      undo.add(() -> {
        logger.detachAppender(appender);
        logger.setAdditive(additive);
        logger.setLevel(level);
      });
    }
  }

  @Override
  public void close() {
    for (int i = undo.size() - 1; i >= 0; i--) {
      undo.get(i).run();
    }
    undo.clear();
    appender.stop();
  }
}
