package org.feedbackrouter.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.feedbackrouter.avro.FeedbackReceived;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One serde shared by several threads, as Kafka Streams shares it across stream threads. */
class AvroSerdeConcurrencyTest {

  private static final int THREADS = 4;
  private static final int RECORDS_PER_THREAD = 3_000;

  private final String scope = TestRecords.freshScope();

  @AfterEach
  void dropScope() {
    MockSchemaRegistry.dropScope(scope);
  }

  @Test
  void sharedSerdeRoundTripsEveryRecordFromEveryThread() throws Exception {
    AvroSerde<FeedbackReceived> serde =
        AvroSerdes.specific(FeedbackReceived.class, MockSchemaRegistry.scope(scope), false, true);
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        results.add(pool.submit(() -> {
          start.await();
          int checked = 0;
          for (int n = 0; n < RECORDS_PER_THREAD; n++) {
            FeedbackReceived original = TestRecords.feedback(thread * RECORDS_PER_THREAD + n);
            String topic = "topic-" + (n % 3);
            byte[] bytes = serde.serializer().serialize(topic, original);
            assertThat(serde.deserializer().deserialize(topic, bytes)).isEqualTo(original);
            checked++;
          }
          return checked;
        }));
      }
      start.countDown();
      for (Future<Integer> result : results) {
        assertThat(result.get(2, TimeUnit.MINUTES)).isEqualTo(RECORDS_PER_THREAD);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(MockSchemaRegistry.scope(scope).idOf("topic-2-value", FeedbackReceived.SCHEMA$)).isEqualTo(1);
  }
}
