package org.feedbackrouter.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;
import net.jqwik.api.statistics.Statistics;
import org.apache.avro.Schema;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.test.TestRecord;
import org.feedbackrouter.avro.Alert;
import org.feedbackrouter.avro.AreaOwnership;
import org.feedbackrouter.avro.ClassifiedFeedback;
import org.feedbackrouter.avro.FeedbackReceived;
import org.feedbackrouter.avro.Scores;
import org.feedbackrouter.avro.Task;
import org.feedbackrouter.avro.TaskEvent;
import org.feedbackrouter.avro.TaskOutcome;
import org.feedbackrouter.avro.TaskState;
import org.feedbackrouter.ingest.DeadLetterHandler;
import org.feedbackrouter.testkit.PersonalData;

/**
 * Hostile input through the whole topology (issue 15, section 7). Each try sends a batch to one
 * driver per property, so 200 tries of 50 inputs cost seconds, not a driver per input.
 *
 * <p>Decoding failures are only handed over by the test driver under at-least-once (see
 * FeedbackTopologyTest), so the first property runs that way; the second sends only decodable
 * records and runs exactly-once, as the service does.
 */
class HostileInputTest {
  static final int BATCH = 50;

  private Path stateDir;
  private DriverFixture fx;
  private List<Integer> foreignIds;
  private long sequence;

  @BeforeProperty
  void start() throws IOException {
    stateDir = Files.createTempDirectory("hostile-input");
  }

  private void driver(String guarantee) {
    fx = new DriverFixture(stateDir, guarantee, Map.of());
    // Schemas of other record types, registered as a producer of those topics would have.
    foreignIds = new ArrayList<>();
    for (Schema s : List.of(Task.getClassSchema(), TaskEvent.getClassSchema(), Alert.getClassSchema(),
        ClassifiedFeedback.getClassSchema(), AreaOwnership.getClassSchema(), TaskOutcome.getClassSchema(),
        TaskState.getClassSchema(), Scores.getClassSchema())) {
      foreignIds.add(fx.registry.register(s.getName() + "-value", s));
    }
  }

  @AfterProperty
  void stop() throws IOException {
    if (fx != null) {
      fx.close();
      fx = null;
    }
    try (var files = Files.walk(stateDir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Provide
  Arbitrary<List<HostileInputs.Hostile>> batches() {
    return HostileInputs.any().list().ofSize(BATCH);
  }

  /**
   * Each input is either classified or dead-lettered with a reason, never both and never
   * neither, and the driver never throws (a stream thread would have died).
   */
  @Property(tries = 200, shrinking = ShrinkingMode.OFF)
  void everyInputIsClassifiedOrDeadLetteredExactlyOnce(@ForAll("batches") List<HostileInputs.Hostile> batch) {
    if (fx == null) {
      driver(StreamsConfig.AT_LEAST_ONCE);
    }
    Map<String, HostileInputs.Hostile> sent = new HashMap<>();
    for (HostileInputs.Hostile input : batch) {
      String key = "h-" + (++sequence);
      sent.put(key, input);
      byte[] value = input.bytes(encoder(key));
      fx.rawFeedback.pipeInput(new TestRecord<>(key.getBytes(StandardCharsets.UTF_8), value, new RecordHeaders(),
          DriverFixture.START));
    }
    // The driver hands over what the deserialization handler sent once a later record commits.
    String sentinel = "sentinel-" + (++sequence);
    fx.send(DriverFixture.feedback(sentinel, "La factura de este mes me cobra dos veces la cuota").build());

    Map<String, List<String>> outcomes = new HashMap<>();
    fx.driver.createOutputTopic(fx.topics.classified().name(), new StringDeserializer(), new ByteArrayDeserializer())
        .readKeyValuesToList().forEach(kv -> outcomes.computeIfAbsent(kv.key, k -> new ArrayList<>()).add("classified"));
    for (TestRecord<byte[], byte[]> dead : fx.deadLetters()) {
      Header reason = dead.headers().lastHeader(DeadLetterHandler.REASON);
      String key = dead.key() == null ? "<null>" : new String(dead.key(), StandardCharsets.UTF_8);
      outcomes.computeIfAbsent(key, k -> new ArrayList<>())
          .add("dlq:" + (reason == null ? "<no reason>" : new String(reason.value(), StandardCharsets.UTF_8)));
    }
    assertThat(outcomes.get(sentinel)).containsExactly("classified");
    for (Map.Entry<String, HostileInputs.Hostile> e : sent.entrySet()) {
      List<String> got = outcomes.getOrDefault(e.getKey(), List.of());
      assertThat(got).as("outcome of %s", describe(e.getValue())).hasSize(1);
      assertThat(got.get(0)).isNotEqualTo("dlq:<no reason>");
      Statistics.label("input").collect(e.getValue().getClass().getSimpleName());
      Statistics.label("outcome").collect(got.get(0));
    }
    assertThat(outcomes).hasSize(sent.size() + 1);
  }

  @Provide
  Arbitrary<List<PersonalFeedback>> personal() {
    return net.jqwik.api.Combinators.combine(PersonalData.texts(), PersonalData.texts(), PersonalData.texts(),
            Arbitraries.integers().between(0, 5))
        .as(PersonalFeedback::new).list().ofSize(20);
  }

  /** A feedback carrying personal data in its text, product, an attribute and an attribute's name; some are invalid. */
  record PersonalFeedback(PersonalData.Text text, PersonalData.Text product, PersonalData.Text attribute,
      int flaw) {
    List<PersonalData.Item> items() {
      List<PersonalData.Item> all = new ArrayList<>(text.items());
      all.addAll(product.items());
      all.addAll(attribute.items());
      return all;
    }

    FeedbackReceived build(String id) {
      FeedbackReceived.Builder b = DriverFixture.feedback(id, text.text()).setProduct(product.text())
          .setAttributes(Map.of("contacto", attribute.text(), attribute.items().get(0).written(), "clave"));
      return switch (flaw) {
        case 1 -> b.setReceivedAt(DriverFixture.START.plusSeconds(86_400)).build();
        case 2 -> b.setScores(new Scores(42, null, null)).build();
        case 3 -> b.setText(text.text() + " " + "x".repeat(10_000)).build();
        default -> b.build();
      };
    }
  }

  /**
   * Valid personal data written anywhere in a feedback never appears in clear in any topic the
   * topology writes: classified feedback, tasks, alerts, dead letters (values and headers), and
   * internal topics.
   */
  @Property(tries = 40, shrinking = ShrinkingMode.OFF)
  void personalDataNeverLeavesInClear(@ForAll("personal") List<PersonalFeedback> batch) {
    if (fx == null) {
      driver(StreamsConfig.EXACTLY_ONCE_V2);
    }
    List<PersonalData.Item> items = new ArrayList<>();
    for (PersonalFeedback p : batch) {
      fx.send(p.build("p-" + (++sequence)));
      items.addAll(p.items());
    }
    int records = 0;
    List<String> leaks = new ArrayList<>();
    for (String topic : fx.driver.producedTopicNames()) {
      for (TestRecord<byte[], byte[]> r : fx.driver.createOutputTopic(topic, new ByteArrayDeserializer(),
          new ByteArrayDeserializer()).readRecordsToList()) {
        records++;
        String clear = inClear(r);
        for (PersonalData.Item item : items) {
          for (String form : item.forms()) {
            if (clear.contains(form)) {
              leaks.add(item.kind() + " '" + item.written() + "' in " + topic + ": " + excerpt(clear, form));
            }
          }
        }
      }
    }
    assertThat(leaks).isEmpty();
    assertThat(records).as("the batch produced records to check").isGreaterThanOrEqualTo(batch.size());
    items.forEach(i -> Statistics.label("personal data").collect(i.kind()));
  }

  /** Key, value and headers as a reader without the dead-letter key sees them, lower-cased. */
  private static String inClear(TestRecord<byte[], byte[]> r) {
    StringBuilder all = new StringBuilder();
    if (r.key() != null) {
      all.append(new String(r.key(), StandardCharsets.UTF_8));
    }
    if (r.value() != null) {
      all.append('\n').append(new String(r.value(), StandardCharsets.UTF_8));
    }
    for (Header h : r.headers().toArray()) {
      all.append('\n').append(h.key()).append('=')
          .append(h.value() == null ? "" : new String(h.value(), StandardCharsets.UTF_8));
    }
    return all.toString().toLowerCase(java.util.Locale.ROOT);
  }

  private static String excerpt(String text, String form) {
    int at = text.indexOf(form);
    return text.substring(Math.max(0, at - 60), Math.min(text.length(), at + form.length() + 60));
  }

  private HostileInputs.Encoder encoder(String key) {
    return new HostileInputs.Encoder() {
      @Override
      public byte[] avro(FeedbackReceived f) {
        // Unique ids: a duplicate is dropped by design and would look like a lost input.
        String id = f.getId().isBlank() ? f.getId() : f.getId() + "~" + key;
        return fx.topics.feedbackReceived().valueSerde().serializer()
            .serialize(fx.topics.feedbackReceived().name(), FeedbackReceived.newBuilder(f).setId(id).build());
      }

      @Override
      public List<Integer> foreignIds() {
        return foreignIds;
      }
    };
  }

  private static String describe(HostileInputs.Hostile h) {
    String s = h.toString();
    return s.length() > 300 ? s.substring(0, 300) + "…" : s;
  }
}
