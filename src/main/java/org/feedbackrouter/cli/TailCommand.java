package org.feedbackrouter.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.avro.generic.GenericRecord;
import org.feedbackrouter.config.FeedbackConfig;
import org.feedbackrouter.config.KafkaClients;
import org.feedbackrouter.registry.AvroSerdes;
import org.feedbackrouter.registry.RegistryConfig;
import org.feedbackrouter.registry.SchemaRegistryClient;
import org.feedbackrouter.registry.SchemaRegistryClients;
import org.feedbackrouter.topology.Topics;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tail}: print a topic's records as JSON lines, decoded through the schema registry. */
@Command(name = "tail", mixinStandardHelpOptions = true,
    description = {
        "Print records as JSON lines (topic, partition, offset, timestamp, key, value, headers), values decoded"
            + " through the schema registry. Reads only committed transactions (read_committed), like a"
            + " department would, and joins no consumer group.",
        "Dead letters show their dlq.* headers, and their original value decoded when it can be.",
        "Exit codes: 0 done (--max reached or Ctrl-C), 1 topic not found, 2 bad settings."})
final class TailCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  static final class Source {
    @Option(names = "--tasks", paramLabel = "DEPT", description = "The department's tasks.<DEPT> topic.")
    String tasks;

    @Option(names = "--alerts", paramLabel = "DEPT", description = "The department's alerts.<DEPT> topic.")
    String alerts;

    @Option(names = "--dlq", description = "The dead-letter topic feedback.dlq.")
    boolean dlq;

    @Option(names = "--topic", paramLabel = "NAME", description = "Any topic, named without the prefix.")
    String topic;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  @Option(names = "--from-beginning", description = "Start at the oldest record instead of the newest.")
  boolean fromBeginning;

  @Option(names = "--max", paramLabel = "N", description = "Stop after N records (default: run until Ctrl-C).")
  Long max;

  @Mixin ConnectionOptions connection;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (max != null && max < 1) {
      err.println("--max must be at least 1");
      err.flush();
      return Main.EXIT_BAD_SETTINGS;
    }
    FeedbackConfig config = connection.load(System.getenv());
    SchemaRegistryClient registry = SchemaRegistryClients.create(RegistryConfig.fromMap(config.registry()));
    String topic = topicName(Topics.create(config.topicPrefix(), registry, false));
    Deserializer<GenericRecord> values = AvroSerdes.generic(null, registry, false, false).deserializer();
    Map<String, Object> props = new HashMap<>(KafkaClients.config(config));
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false); // looking never creates a topic
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    ObjectMapper json = new ObjectMapper();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
        new ByteArrayDeserializer())) {
      List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30));
      if (partitions == null || partitions.isEmpty()) {
        err.println("topic " + topic + " not found");
        err.flush();
        return 1;
      }
      List<TopicPartition> assigned = partitions.stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(assigned);
      if (fromBeginning) {
        consumer.seekToBeginning(assigned);
      } else {
        consumer.seekToEnd(assigned);
      }
      Thread main = Thread.currentThread();
      Thread hook = new Thread(consumer::wakeup, "tail-stop");
      Runtime.getRuntime().addShutdownHook(hook);
      long printed = 0;
      try {
        while (max == null || printed < max) {
          for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
            out.println(json.writeValueAsString(line(r, values)));
            out.flush();
            if (max != null && ++printed >= max) {
              break;
            }
          }
        }
      } catch (WakeupException stopped) {
        // Ctrl-C: the records printed so far are the output.
      } finally {
        if (main.isAlive()) {
          try {
            Runtime.getRuntime().removeShutdownHook(hook);
          } catch (IllegalStateException shuttingDown) {
            // The JVM is already exiting.
          }
        }
      }
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    return 0;
  }

  private String topicName(Topics topics) {
    if (source.tasks != null) {
      return topics.tasksTopic(source.tasks);
    }
    if (source.alerts != null) {
      return topics.alertsTopic(source.alerts);
    }
    if (source.dlq) {
      return topics.deadLetter().name();
    }
    return topics.prefix() + source.topic;
  }

  /** One record as a JSON object; a value the registry cannot decode is shown as Base64 with the reason. */
  static ObjectNode line(ConsumerRecord<byte[], byte[]> r, Deserializer<GenericRecord> values) {
    ObjectNode o = new ObjectMapper().createObjectNode();
    o.put("topic", r.topic());
    o.put("partition", r.partition());
    o.put("offset", r.offset());
    o.put("timestamp", Instant.ofEpochMilli(r.timestamp()).toString());
    o.put("key", r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8));
    if (r.value() == null) {
      o.putNull("value");
    } else {
      try {
        o.set("value", AvroJson.toJson(values.deserialize(r.topic(), r.headers(), r.value())));
      } catch (RuntimeException e) {
        o.putNull("value");
        o.put("valueBase64", Base64.getEncoder().encodeToString(r.value()));
        o.put("undecodable", String.valueOf(e.getMessage()));
      }
    }
    ObjectNode headers = o.putObject("headers");
    for (Header h : r.headers()) {
      headers.put(h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
    }
    return o;
  }
}
