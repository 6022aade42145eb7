package org.feedbackrouter.registry.bench;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.feedbackrouter.avro.Channel;
import org.feedbackrouter.avro.FeedbackReceived;
import org.feedbackrouter.avro.Scores;
import org.feedbackrouter.registry.AvroSerde;
import org.feedbackrouter.registry.AvroSerdes;
import org.feedbackrouter.registry.MockSchemaRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Throughput of the Avro serde on one thread for a typical FeedbackReceived (target: 300,000 round trips/s).
 * Run: mvn -B -o test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt
 *      java -cp target/test-classes:target/classes:$(cat target/test-classpath.txt) org.openjdk.jmh.Main AvroSerdeBenchmark
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AvroSerdeBenchmark {

  private static final String TOPIC = "feedback.received";

  private String scope;
  private AvroSerde<FeedbackReceived> serde;
  private FeedbackReceived feedback;
  private byte[] bytes;

  @Setup
  public void setUp() {
    scope = "bench-" + UUID.randomUUID();
    serde = AvroSerdes.specific(FeedbackReceived.class, MockSchemaRegistry.scope(scope), false, true);
    feedback = FeedbackReceived.newBuilder()
        .setId("0f8fad5b-d9cb-469f-a165-70867728950e")
        .setChannel(Channel.SELF_SERVICE)
        .setReceivedAt(Instant.parse("2025-05-01T10:15:30.123Z"))
        .setCustomerId("C-0042817")
        .setLanguage("es")
        .setProduct("tarjeta-credito")
        .setJourney("pago-online")
        .setAttributes(Map.of("source", "survey-tool", "campaign", "spring-2025"))
        .setText("La página de ayuda dice que puedo cambiar el PIN online, pero el botón no aparece y tuve que llamar.")
        .setScores(Scores.newBuilder().setNps(4).setCsat(2).setCes(6).build())
        .build();
    bytes = serde.serializer().serialize(TOPIC, feedback);
  }

  @TearDown
  public void tearDown() {
    MockSchemaRegistry.dropScope(scope);
  }

  @Benchmark
  public FeedbackReceived roundTrip() {
    return serde.deserializer().deserialize(TOPIC, serde.serializer().serialize(TOPIC, feedback));
  }

  @Benchmark
  public byte[] serialize() {
    return serde.serializer().serialize(TOPIC, feedback);
  }

  @Benchmark
  public FeedbackReceived deserialize() {
    return serde.deserializer().deserialize(TOPIC, bytes);
  }
}
