package org.feedbackrouter.bench;

import java.util.concurrent.TimeUnit;
import org.feedbackrouter.avro.ClassifiedFeedback;
import org.feedbackrouter.route.OwnershipTable;
import org.feedbackrouter.route.Router;
import org.feedbackrouter.route.RoutingPlan;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The routing step alone: {@link Router#route} over the sample ownership model (12 departments)
 * on feedback classified beforehand. The baseline copies the same classified feedback with its
 * Avro builder, the least work any step that emits a record must do.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class RouteBenchmark {
  private ClassifiedFeedback[] classified;
  private OwnershipTable table;
  private Router router;
  private long now;
  private int i;

  @Setup
  public void setUp() {
    classified = BenchData.classified(BenchData.feedback());
    table = BenchData.sampleOwnership();
    router = BenchData.router();
    now = BenchData.RECEIVED.toEpochMilli();
  }

  private int next() {
    i = (i + 1) & (BenchData.SIZE - 1);
    return i;
  }

  @Benchmark
  public ClassifiedFeedback copyBaseline() {
    return ClassifiedFeedback.newBuilder(classified[next()]).build();
  }

  @Benchmark
  public RoutingPlan route() {
    return router.route(classified[next()], table, now);
  }
}
