package org.feedbackrouter.cli;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.feedbackrouter.avro.FeedbackReceived;
import org.feedbackrouter.config.FeedbackConfig;
import org.feedbackrouter.config.KafkaClients;
import org.feedbackrouter.ingest.FeedbackJson;
import org.feedbackrouter.ingest.FeedbackValidator;
import org.feedbackrouter.ingest.RejectedRecordException;
import org.feedbackrouter.registry.RegistryConfig;
import org.feedbackrouter.registry.SchemaRegistryClients;
import org.feedbackrouter.topology.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code produce FILE}: publish JSON-lines feedback to feedback.received, reporting bad lines. */
@Command(name = "produce", mixinStandardHelpOptions = true,
    description = {
        "Publish feedback from a JSON-lines file (one FeedbackReceived per line; format in the README)"
            + " to feedback.received, keyed by feedback id. This is how pipelines backfill exports.",
        "A line that fails validation is reported with its line number and skipped; the rest still go.",
        "Exit codes: 0 every line sent, 1 some lines rejected or not sent, 2 bad settings or FILE not found."})
final class ProduceCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "JSON-lines file; - reads standard input.")
  String file;

  @Mixin ConnectionOptions connection;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!file.equals("-") && !Files.isRegularFile(Path.of(file))) {
      // Before connecting anywhere: a wrong path must not look like a broker problem.
      err.println(file + ": " + (Files.exists(Path.of(file)) ? "not a file" : "not found"));
      err.flush();
      return Main.EXIT_BAD_SETTINGS;
    }
    FeedbackConfig config = connection.load(System.getenv());
    Topics topics = Topics.create(config.topicPrefix(),
        SchemaRegistryClients.create(RegistryConfig.fromMap(config.registry())), true);
    FeedbackJson json = new FeedbackJson(new FeedbackValidator(config.maxTextLength(), config.maxFutureSkew()));
    Properties props = new Properties();
    props.putAll(KafkaClients.config(config));
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    AtomicLong failedSends = new AtomicLong();
    long sent = 0;
    long rejected = 0;
    try (BufferedReader in = file.equals("-")
            ? new BufferedReader(new java.io.InputStreamReader(System.in, StandardCharsets.UTF_8))
            : Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8);
        KafkaProducer<String, FeedbackReceived> producer = new KafkaProducer<>(props,
            new StringSerializer(), topics.feedbackReceived().valueSerde().serializer())) {
      String line;
      int number = 0;
      while ((line = in.readLine()) != null) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        try {
          FeedbackReceived f = json.parse(line, System.currentTimeMillis());
          int lineNumber = number;
          producer.send(new ProducerRecord<>(topics.feedbackReceived().name(), f.getId(), f), (meta, e) -> {
            if (e != null) {
              failedSends.incrementAndGet();
              err.println("line " + lineNumber + ": not sent: " + e.getMessage());
            }
          });
          sent++;
        } catch (RejectedRecordException e) {
          rejected++;
          err.println("line " + number + ": " + e.reason().label() + ": " + e.getMessage());
        }
      }
      producer.flush();
    }
    long delivered = sent - failedSends.get();
    out.printf("%d sent to %s, %d rejected%n", delivered, topics.feedbackReceived().name(),
        rejected + failedSends.get());
    out.flush();
    err.flush();
    return rejected + failedSends.get() == 0 ? 0 : 1;
  }
}
