package org.feedbackrouter.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.feedbackrouter.avro.FeedbackReceived;
import org.feedbackrouter.registry.SchemaRegistryException.Kind;
import org.feedbackrouter.testkit.ApicurioRegistry;
import org.feedbackrouter.testkit.RealServices;
import org.feedbackrouter.testkit.RealServicesExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The serde against a real broker and a real Apicurio registry (Confluent API under /apis/ccompat/v7): the
 * wire format on the topic, schema evolution resolved by id, a registry outage and restart under a running
 * producer, and the errors an operator sees.
 */
@ExtendWith(RealServicesExtension.class)
class AvroSerdeIT {

  private static final int PARTITIONS = 3;
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final Schema PROBE_V1 = new Schema.Parser().parse("""
      {"type": "record", "name": "EvolutionProbe", "namespace": "org.feedbackrouter.it", "fields": [
        {"name": "id", "type": "string"},
        {"name": "score", "type": "int"}
      ]}""");
  private static final Schema PROBE_V2 = new Schema.Parser().parse("""
      {"type": "record", "name": "EvolutionProbe", "namespace": "org.feedbackrouter.it", "fields": [
        {"name": "id", "type": "string"},
        {"name": "score", "type": "int"},
        {"name": "comment", "type": ["null", "string"], "default": null}
      ]}""");

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @Test
  void feedbackRoundTripsThroughARealTopicInWireFormat(RealServices services) throws Exception {
    String topic = uniqueTopic("roundtrip");
    services.createTopics(PARTITIONS, topic);
    List<FeedbackReceived> sent = new ArrayList<>();
    sent.add(TestRecords.goldenFeedback());
    IntStream.range(0, 60).mapToObj(TestRecords::feedback).forEach(sent::add);

    Map<String, Object> producerProps = producerProps(services);
    producerProps.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "serde-it-" + UUID.randomUUID());
    try (KafkaProducer<String, Object> producer = new KafkaProducer<>(producerProps)) {
      producer.initTransactions();
      producer.beginTransaction();
      sent.forEach(feedback -> producer.send(new ProducerRecord<>(topic, feedback.getId(), feedback)));
      producer.commitTransaction();
    }

    Map<String, Object> consumerProps = consumerProps(services);
    consumerProps.put(KafkaAvroDeserializer.SPECIFIC_AVRO_READER, "true");
    List<ConsumerRecord<String, Object>> read;
    try (KafkaConsumer<String, Object> consumer = new KafkaConsumer<>(consumerProps)) {
      read = readToEnd(consumer, topic);
    }
    assertThat(read).extracting(ConsumerRecord::value).as("every record, equal field by field, as the generated class")
        .containsExactlyInAnyOrderElementsOf(sent);
    assertThat(read).allSatisfy(record -> assertThat(record.key()).isEqualTo(((FeedbackReceived) record.value()).getId()));

    JsonNode latest = getJson(services.registryUrl() + "/subjects/" + SubjectNames.value(topic) + "/versions/latest");
    int registeredId = latest.get("id").asInt();
    assertThat(new Schema.Parser().parse(latest.get("schema").asText())).isEqualTo(FeedbackReceived.SCHEMA$);
    List<byte[]> raw = readRawValues(services, topic);
    assertThat(raw).hasSize(sent.size()).allSatisfy(bytes -> {
      assertThat(bytes[0]).as("magic byte").isZero();
      assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).as("schema id").isEqualTo(registeredId);
    });
  }

  @Test
  void genericRecordsEvolveBothWaysUnderOneSubject(RealServices services) throws Exception {
    String topic = uniqueTopic("evolution");
    services.createTopics(1, topic);
    GenericRecord oldRecord = new GenericRecordBuilder(PROBE_V1).set("id", "old-1").set("score", 7).build();
    GenericRecord newRecord = new GenericRecordBuilder(PROBE_V2).set("id", "new-1").set("score", 9)
        .set("comment", "campo nuevo").build();
    try (KafkaProducer<String, Object> producer = new KafkaProducer<>(producerProps(services))) {
      producer.send(new ProducerRecord<>(topic, "old-1", oldRecord)).get();
      producer.send(new ProducerRecord<>(topic, "new-1", newRecord)).get();
    }

    String subject = services.registryUrl() + "/subjects/" + SubjectNames.value(topic);
    assertThat(getJson(subject + "/versions")).extracting(JsonNode::asInt).containsExactly(1, 2);
    JsonNode version1 = getJson(subject + "/versions/1");
    JsonNode version2 = getJson(subject + "/versions/2");
    assertThat(new Schema.Parser().parse(version1.get("schema").asText())).isEqualTo(PROBE_V1);
    assertThat(new Schema.Parser().parse(version2.get("schema").asText())).isEqualTo(PROBE_V2);
    List<byte[]> raw = readRawValues(services, topic);
    assertThat(raw).extracting(bytes -> ByteBuffer.wrap(bytes, 1, 4).getInt()).as("each record carries its writer's id")
        .containsExactly(version1.get("id").asInt(), version2.get("id").asInt());

    // Fresh clients: the writer schemas come from Apicurio by id, not from the producer's cache.
    Map<String, GenericRecord> readAsV2 = readGeneric(services, topic, PROBE_V2);
    assertThat(readAsV2.get("old-1").getSchema()).isEqualTo(PROBE_V2);
    assertThat(readAsV2.get("old-1").get("score")).isEqualTo(7);
    assertThat(readAsV2.get("old-1").get("comment")).as("v1 writer, v2 reader: the new field takes its default").isNull();
    assertThat(readAsV2.get("new-1").get("comment")).hasToString("campo nuevo");

    Map<String, GenericRecord> readAsV1 = readGeneric(services, topic, PROBE_V1);
    GenericRecord newAsOld = readAsV1.get("new-1");
    assertThat(newAsOld.getSchema()).as("v2 writer, v1 reader: the extra field is skipped").isEqualTo(PROBE_V1);
    assertThat(newAsOld.hasField("comment")).isFalse();
    assertThat(newAsOld.get("id")).hasToString("new-1");
    assertThat(newAsOld.get("score")).isEqualTo(9);
    assertThat(readAsV1.get("old-1").get("score")).isEqualTo(7);
  }

  @Test
  void producerAndConsumerRideOutARegistryRestart(RealServices services) throws Exception {
    String topic = uniqueTopic("outage");
    services.createTopics(PARTITIONS, topic);
    ApicurioRegistry registry = services.registry();
    int total = 300;
    int perPhase = total / 3;
    List<FeedbackReceived> sent = IntStream.range(0, total).mapToObj(TestRecords::feedback).toList();
    AtomicInteger acked = new AtomicInteger();
    Queue<Exception> sendErrors = new ConcurrentLinkedQueue<>();
    CountDownLatch registryDown = new CountDownLatch(1);
    CountDownLatch registryUp = new CountDownLatch(1);

    ExecutorService producerThread = Executors.newSingleThreadExecutor();
    try {
      // One serializer throughout: it registers the schema on the first record and keeps the id.
      Future<?> production = producerThread.submit(() -> {
        try (KafkaProducer<String, Object> producer = new KafkaProducer<>(producerProps(services))) {
          for (int i = 0; i < total; i++) {
            if (i == perPhase) {
              awaitLatch(registryDown);
            } else if (i == 2 * perPhase) {
              awaitLatch(registryUp);
            }
            FeedbackReceived feedback = sent.get(i);
            producer.send(new ProducerRecord<>(topic, feedback.getId(), feedback), (metadata, error) -> {
              if (error == null) {
                acked.incrementAndGet();
              } else {
                sendErrors.add(error);
              }
            });
          }
          producer.flush();
        }
        return null;
      });
      await("first third acknowledged").atMost(READ_TIMEOUT).until(() -> acked.get() + sendErrors.size() >= perPhase);
      assertThat(sendErrors).isEmpty();
      assertThat(acked).hasValue(perPhase);

      registry.stop();
      registryDown.countDown();
      await("second third acknowledged with the registry down").atMost(READ_TIMEOUT)
          .until(() -> acked.get() + sendErrors.size() >= 2 * perPhase);
      assertThat(sendErrors).isEmpty();
      assertThat(acked).hasValue(2 * perPhase);
      assertThat(registry.isRunning()).isFalse();

      // A serializer that never saw the schema needs the registry, and says it is unreachable.
      Map<String, Object> quickRetries = quickRetries(services);
      KafkaAvroSerializer fresh = new KafkaAvroSerializer();
      fresh.configure(quickRetries, false);
      assertThatThrownBy(() -> fresh.serialize(topic, sent.get(0)))
          .isInstanceOf(SerializationException.class)
          .cause().isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE));

      Map<String, Object> consumerProps = consumerProps(services);
      consumerProps.putAll(quickRetries);
      consumerProps.put(KafkaAvroDeserializer.SPECIFIC_AVRO_READER, "true");
      try (KafkaConsumer<String, Object> consumer = new KafkaConsumer<>(consumerProps)) {
        assignFromBeginning(consumer, topic);
        AtomicReference<RecordDeserializationException> whileDown = new AtomicReference<>();
        await("a poll that needs the writer's schema while the registry is down").atMost(READ_TIMEOUT)
            .pollInSameThread().pollInterval(Duration.ZERO)
            .until(() -> {
              try {
                assertThat(consumer.poll(Duration.ofMillis(200))).as("nothing decodes without the schema").isEmpty();
                return false;
              } catch (RecordDeserializationException e) {
                whileDown.set(e);
                return true;
              }
            });
        assertThat(whileDown.get()).cause()
            .isInstanceOf(SerializationException.class)
            .hasMessageContaining("could not fetch schema id")
            .cause().isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE))
            .hasMessageContaining("Schema registry unavailable")
            .hasMessageContaining(services.registryUrl())
            .hasMessageContaining("after 3 attempts")
            .hasMessageContaining("ConnectException");

        registry.start();
        registryUp.countDown();
        production.get(READ_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertThat(acked).hasValue(total);
        assertThat(sendErrors).isEmpty();

        // The same consumer retries the record it failed on; its deserializer now fetches the schema.
        List<ConsumerRecord<String, Object>> read = readToEnd(consumer, topic);
        assertThat(read).as("every record exactly once").hasSize(total);
        assertThat(read).extracting(ConsumerRecord::value).containsExactlyInAnyOrderElementsOf(sent);
      }
      byte[] afterRestart = fresh.serialize(topic, sent.get(0));
      List<byte[]> raw = readRawValues(services, topic);
      assertThat(ByteBuffer.wrap(afterRestart, 1, 4).getInt()).as("the fresh serializer, once the registry is back")
          .isEqualTo(ByteBuffer.wrap(raw.get(0), 1, 4).getInt());
    } finally {
      registryDown.countDown();
      registryUp.countDown();
      producerThread.shutdownNow();
    }
  }

  @Test
  void unregisteredSchemaWithAutoRegistrationOffSaysWhatToDo(RealServices services) throws Exception {
    String topic = uniqueTopic("no-autoreg");
    services.createTopics(1, topic);
    String subject = SubjectNames.value(topic);
    FeedbackReceived feedback = TestRecords.goldenFeedback();
    Map<String, Object> producerProps = producerProps(services);
    producerProps.put(KafkaAvroSerializer.AUTO_REGISTER_SCHEMAS, "false");
    int id;
    try (KafkaProducer<String, Object> producer = new KafkaProducer<>(producerProps)) {
      ProducerRecord<String, Object> record = new ProducerRecord<>(topic, feedback.getId(), feedback);
      assertThatThrownBy(() -> producer.send(record))
          .isInstanceOf(SerializationException.class)
          .hasMessageContaining("(auto.register.schemas=false)")
          .hasMessageContaining("Register it first")
          .hasMessageContaining(services.registryUrl() + "/subjects/" + subject + "/versions")
          .hasMessageContaining("or enable auto.register.schemas=true")
          .cause().isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND));
      assertThat(getJson(services.registryUrl() + "/subjects")).extracting(JsonNode::asText)
          .as("the serializer did not register it").doesNotContain(subject);

      // Registered the way an operator would, from a pretty-printed file: Apicurio stores that text as is.
      id = register(services, subject, FeedbackReceived.SCHEMA$.toString(true));

      RecordMetadata written = producer.send(record).get();
      assertThat(written.topic()).isEqualTo(topic);
    }
    byte[] bytes = readRawValues(services, topic).get(0);
    assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(id);
    KafkaAvroDeserializer deserializer = new KafkaAvroDeserializer();
    deserializer.configure(
        Map.of(RegistryConfig.URL, services.registryUrl(), KafkaAvroDeserializer.SPECIFIC_AVRO_READER, "true"), false);
    assertThat(deserializer.deserialize(topic, bytes)).isEqualTo(feedback);
  }

  @Test
  void apicurioErrorsAreExplained(RealServices services) throws Exception {
    String topic = uniqueTopic("errors");
    String subject = SubjectNames.value(topic);
    SchemaRegistryClient client = SchemaRegistryClients.create(RegistryConfig.of(services.registryUrl()));

    assertThatThrownBy(() -> client.schemaById(Integer.MAX_VALUE - 1))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND))
        .hasMessageContaining("Unknown schema id " + (Integer.MAX_VALUE - 1));

    client.register(subject, PROBE_V1);
    putJson(services.registryUrl() + "/config/" + subject, "{\"compatibility\": \"BACKWARD\"}");
    Schema retyped = new Schema.Parser().parse(PROBE_V1.toString().replace("\"int\"", "\"string\""));
    assertThatThrownBy(() -> client.register(subject, retyped))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.kind()).isEqualTo(Kind.INCOMPATIBLE))
        .hasMessageContaining("as incompatible with its registered versions")
        .hasMessageContaining("add new fields with a default");

    // The commonest Apicurio mistake: the server's root instead of its Confluent API.
    String root = "http://127.0.0.1:" + services.registry().port();
    SchemaRegistryClient misconfigured = SchemaRegistryClients.create(RegistryConfig.of(root));
    assertThatThrownBy(() -> misconfigured.schemaById(1))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND))
        .hasMessageContaining("has no such endpoint")
        .hasMessageContaining("for Apicurio, http://host:8080/apis/ccompat/v7");
    assertThatThrownBy(() -> misconfigured.idOf(subject, PROBE_V1))
        .hasMessageContaining("has no such endpoint")
        .hasMessageNotContaining("Register it first");
  }

  private static String uniqueTopic(String purpose) {
    return "serde-it-" + purpose + "-" + UUID.randomUUID();
  }

  private static Map<String, Object> producerProps(RealServices services) {
    Map<String, Object> props = new HashMap<>();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, services.bootstrapServers());
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, KafkaAvroSerializer.class);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(RegistryConfig.URL, services.registryUrl());
    return props;
  }

  private static Map<String, Object> consumerProps(RealServices services) {
    Map<String, Object> props = new HashMap<>();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, services.bootstrapServers());
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, KafkaAvroDeserializer.class);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(RegistryConfig.URL, services.registryUrl());
    return props;
  }

  /** Registry settings that give up on a dead registry within a fraction of a second. */
  private static Map<String, Object> quickRetries(RealServices services) {
    return Map.of(
        RegistryConfig.URL, services.registryUrl(),
        RegistryConfig.RETRIES, "2",
        RegistryConfig.RETRY_BACKOFF_MS, "20",
        RegistryConfig.RETRY_BACKOFF_MAX_MS, "50",
        RegistryConfig.REQUEST_TIMEOUT_MS, "2000");
  }

  private static Map<String, GenericRecord> readGeneric(RealServices services, String topic, Schema readerSchema) {
    SchemaRegistryClient client = SchemaRegistryClients.create(RegistryConfig.of(services.registryUrl()));
    Deserializer<GenericRecord> deserializer = AvroSerdes.generic(readerSchema, client, false, false).deserializer();
    try (KafkaConsumer<String, GenericRecord> consumer =
        new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, services.bootstrapServers(),
            ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), deserializer)) {
      return readToEnd(consumer, topic).stream()
          .collect(Collectors.toMap(ConsumerRecord::key, ConsumerRecord::value));
    }
  }

  private static List<byte[]> readRawValues(RealServices services, String topic) {
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
        Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, services.bootstrapServers(),
            ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
        new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      return readToEnd(consumer, topic).stream().map(ConsumerRecord::value).toList();
    }
  }

  private static void assignFromBeginning(KafkaConsumer<?, ?> consumer, String topic) {
    List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
        .map(info -> new TopicPartition(topic, info.partition()))
        .toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
  }

  /**
   * Polls (from where the consumer is, or from the beginning if it has no assignment yet) until its position
   * reaches the end of every partition: for read_committed, past the last commit marker too.
   */
  private static <K, V> List<ConsumerRecord<K, V>> readToEnd(KafkaConsumer<K, V> consumer, String topic) {
    if (consumer.assignment().isEmpty()) {
      assignFromBeginning(consumer, topic);
    }
    Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment());
    List<ConsumerRecord<K, V>> read = new ArrayList<>();
    await("consumer at the end of " + topic).atMost(READ_TIMEOUT)
        .pollInSameThread().pollInterval(Duration.ZERO)
        .until(() -> {
          consumer.poll(Duration.ofMillis(200)).forEach(read::add);
          return ends.entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
        });
    return read;
  }

  private static void awaitLatch(CountDownLatch latch) {
    try {
      if (!latch.await(READ_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        throw new IllegalStateException("the test did not move the producer on within " + READ_TIMEOUT);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while holding the producer", e);
    }
  }

  private int register(RealServices services, String subject, String schemaJson) throws IOException, InterruptedException {
    String body = JSON.createObjectNode().put("schema", schemaJson).toString();
    JsonNode answer = send(HttpRequest.newBuilder(URI.create(services.registryUrl() + "/subjects/" + subject + "/versions"))
        .header("Content-Type", HttpSchemaRegistryClient.CONTENT_TYPE)
        .POST(HttpRequest.BodyPublishers.ofString(body)));
    return answer.get("id").asInt();
  }

  private void putJson(String url, String body) throws IOException, InterruptedException {
    send(HttpRequest.newBuilder(URI.create(url))
        .header("Content-Type", HttpSchemaRegistryClient.CONTENT_TYPE)
        .PUT(HttpRequest.BodyPublishers.ofString(body)));
  }

  private JsonNode getJson(String url) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(URI.create(url)).GET());
  }

  private JsonNode send(HttpRequest.Builder builder) throws IOException, InterruptedException {
    HttpRequest request = builder.timeout(Duration.ofSeconds(10))
        .header("Accept", HttpSchemaRegistryClient.CONTENT_TYPE)
        .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("%s %s: %s", request.method(), request.uri(), response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }
}
