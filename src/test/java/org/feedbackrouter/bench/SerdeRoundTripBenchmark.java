package org.feedbackrouter.bench;

import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.feedbackrouter.avro.ClassifiedFeedback;
import org.feedbackrouter.avro.FeedbackReceived;
import org.feedbackrouter.avro.Task;
import org.feedbackrouter.registry.AvroSerde;
import org.feedbackrouter.registry.AvroSerdes;
import org.feedbackrouter.registry.MockSchemaRegistry;
import org.feedbackrouter.route.OwnershipTable;
import org.feedbackrouter.route.Router;
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
 * Registry-serde round trips (serialize then deserialize, Confluent wire format) of the two
 * records on the hot path: FeedbackReceived (every input) and Task (several per input). The
 * baselines copy the same objects with their Avro builders, so the ratio serde/copy says what
 * the wire costs on top of touching every field.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class SerdeRoundTripBenchmark {
  private String scope;
  private Serializer<FeedbackReceived> feedbackOut;
  private Deserializer<FeedbackReceived> feedbackIn;
  private Serializer<Task> taskOut;
  private Deserializer<Task> taskIn;
  private FeedbackReceived[] feedback;
  private Task[] tasks;
  private int i;

  @Setup
  public void setUp() {
    scope = "bench-" + UUID.randomUUID();
    MockSchemaRegistry registry = MockSchemaRegistry.scope(scope);
    AvroSerde<FeedbackReceived> f = AvroSerdes.specific(FeedbackReceived.class, registry, false, true);
    AvroSerde<Task> t = AvroSerdes.specific(Task.class, registry, false, true);
    feedbackOut = f.serializer();
    feedbackIn = f.deserializer();
    taskOut = t.serializer();
    taskIn = t.deserializer();
    feedback = BenchData.feedback();
    ClassifiedFeedback[] classified = BenchData.classified(feedback);
    OwnershipTable table = BenchData.sampleOwnership();
    Router router = BenchData.router();
    tasks = new Task[classified.length];
    for (int k = 0; k < classified.length; k++) {
      tasks[k] = router.route(classified[k], table, BenchData.RECEIVED.toEpochMilli()).tasks().get(0);
    }
  }

  @TearDown
  public void tearDown() {
    MockSchemaRegistry.dropScope(scope);
  }

  private int next() {
    i = (i + 1) & (BenchData.SIZE - 1);
    return i;
  }

  @Benchmark
  public FeedbackReceived feedbackCopyBaseline() {
    return FeedbackReceived.newBuilder(feedback[next()]).build();
  }

  @Benchmark
  public FeedbackReceived feedbackRoundTrip() {
    return feedbackIn.deserialize("feedback.received", feedbackOut.serialize("feedback.received", feedback[next()]));
  }

  @Benchmark
  public Task taskCopyBaseline() {
    return Task.newBuilder(tasks[next()]).build();
  }

  @Benchmark
  public Task taskRoundTrip() {
    return taskIn.deserialize("tasks.finance", taskOut.serialize("tasks.finance", tasks[next()]));
  }
}
