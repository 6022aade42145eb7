package org.feedbackrouter.topology;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.read.ListAppender;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.feedbackrouter.avro.FeedbackReceived;
import org.feedbackrouter.avro.Scores;
import org.feedbackrouter.avro.TaskEvent;
import org.feedbackrouter.avro.TaskEventType;
import org.feedbackrouter.testkit.PersonalData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Logs never carry feedback text or personal data (issue 15, section 3): the topology, with every
 * logger at DEBUG, takes feedback full of valid personal data down every path (classified, each
 * rejection, undecodable bytes, task events for unknown tasks), and every captured line, with its
 * exception messages and stack, is scanned for the data.
 */
class LogPrivacyTest {
  @TempDir Path stateDir;
  private final LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
  private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
  private final Map<Logger, Level> levels = new HashMap<>();
  // The build's console keeps its INFO: a whole topology at DEBUG would bury the test report.
  private final List<Appender<ILoggingEvent>> consoles = new ArrayList<>();
  private final ThresholdFilter infoOnly = new ThresholdFilter();
  private DriverFixture fx;

  @BeforeEach
  void captureEverything() {
    for (Logger l : logging.getLoggerList()) {
      if (l.getLevel() != null) {
        levels.put(l, l.getLevel());
        l.setLevel(Level.DEBUG);
      }
    }
    logging.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.DEBUG);
    infoOnly.setLevel("INFO");
    infoOnly.start();
    logging.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders().forEachRemaining(consoles::add);
    consoles.forEach(a -> a.addFilter(infoOnly));
    captured.setContext(logging);
    captured.start();
    logging.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(captured);
  }

  @AfterEach
  void restore() {
    if (fx != null) {
      fx.close();
    }
    logging.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(captured);
    levels.forEach(Logger::setLevel);
    for (Appender<ILoggingEvent> console : consoles) {
      List<Filter<ILoggingEvent>> keep = new ArrayList<>(console.getCopyOfAttachedFiltersList());
      keep.remove(infoOnly);
      console.clearAllFilters();
      keep.forEach(console::addFilter);
    }
  }

  @Test
  void noLogLineCarriesPersonalDataOnAnyPath() {
    fx = new DriverFixture(stateDir, StreamsConfig.AT_LEAST_ONCE, Map.of());
    List<PersonalData.Text> texts = PersonalData.texts().sampleStream().limit(40).toList();
    List<PersonalData.Item> items = new ArrayList<>();
    texts.forEach(t -> items.addAll(t.items()));
    int n = 0;
    for (PersonalData.Text t : texts) {
      String id = "log-" + (n++);
      FeedbackReceived.Builder f = DriverFixture.feedback(id, t.text()).setProduct(t.text())
          .setAttributes(Map.of("contacto", t.text()));
      switch (n % 6) {
        case 1 -> f.setReceivedAt(DriverFixture.START.plusSeconds(86_400));
        case 2 -> f.setScores(new Scores(11, null, null));
        case 3 -> f.setText(t.text() + " " + "x".repeat(10_001));
        case 4 -> f.setText(" ");
        case 5 -> fx.rawFeedback.pipeInput(id.getBytes(StandardCharsets.UTF_8),
            ("{\"text\":\"" + t.text() + "\"}").getBytes(StandardCharsets.UTF_8));
        default -> { }
      }
      fx.send(f.build());
      fx.taskEvents.pipeInput("no-such-task-" + n, TaskEvent.newBuilder().setTaskId("no-such-task-" + n)
          .setType(TaskEventType.COMMENTED).setActor(t.items().get(0).written()).setNote(t.text())
          .setOccurredAt(DriverFixture.START).setEventId("e-" + n).build());
    }
    assertThat(fx.classified()).isNotEmpty();
    assertThat(fx.deadLetters()).hasSizeGreaterThan(texts.size());

    // The scan itself works: a line planted with personal data is found.
    LoggerFactory.getLogger("planted").debug("careless line {}", items.get(0).written());
    List<String> leaks = leaks(items);
    assertThat(leaks).hasSize(1).allMatch(l -> l.startsWith("planted"));
    assertThat(captured.list).as("DEBUG lines were captured").anyMatch(e -> e.getLevel() == Level.DEBUG
        && !e.getLoggerName().equals("planted"));
  }

  private List<String> leaks(List<PersonalData.Item> items) {
    List<String> leaks = new ArrayList<>();
    for (ILoggingEvent e : List.copyOf(captured.list)) {
      String line = render(e).toLowerCase(Locale.ROOT);
      for (PersonalData.Item item : items) {
        // One leak per item and line: a compact IBAN's written and bare forms are the same string.
        if (item.forms().stream().anyMatch(line::contains)) {
          leaks.add(e.getLoggerName() + " " + e.getLevel() + ": " + item.kind() + " in " + line);
        }
      }
    }
    return leaks;
  }

  /** The line as an appender would write it: message, arguments, MDC, exceptions and their stacks. */
  private static String render(ILoggingEvent e) {
    StringBuilder b = new StringBuilder(e.getLoggerName()).append(' ').append(e.getFormattedMessage())
        .append(' ').append(e.getMDCPropertyMap());
    for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
      b.append('\n').append(t.getClassName()).append(": ").append(t.getMessage());
      for (StackTraceElementProxy s : t.getStackTraceElementProxyArray()) {
        b.append("\n\t").append(s.getSTEAsString());
      }
      for (IThrowableProxy s : t.getSuppressed()) {
        b.append("\nSuppressed: ").append(s.getClassName()).append(": ").append(s.getMessage());
      }
    }
    return b.toString();
  }
}
