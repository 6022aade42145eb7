package org.feedbackrouter.route;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

class IdsTest {

  @Test
  void taskIdsLandInTheRequestedPartitionUnderKafkasOwnPartitioner() {
    for (int partitions : new int[] {1, 2, 3, 6, 12, 50}) {
      for (int p = 0; p < partitions; p++) {
        String id = Ids.task("feedback-" + p, "finance", p, partitions);
        assertThat(BuiltInPartitioner.partitionForKey(id.getBytes(StandardCharsets.UTF_8), partitions))
            .as("id %s of %s partitions", id, partitions).isEqualTo(p);
        assertThat(Ids.partitionOf(id, partitions)).isEqualTo(p);
        assertThat(UUID.fromString(id).version()).isEqualTo(3);
      }
    }
  }

  @Test
  void taskIdsAreDeterministicAndDistinct() {
    assertThat(Ids.task("f1", "finance", 4, 6)).isEqualTo(Ids.task("f1", "finance", 4, 6));
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 2_000; i++) {
      for (String department : new String[] {"finance", "product", "cx_office"}) {
        ids.add(Ids.task("f" + i, department, i % 6, 6));
      }
    }
    assertThat(ids).hasSize(6_000);
  }

  @Test
  void withOnePartitionATaskIdIsThePlainNameBasedUuid() {
    String plain = UUID.nameUUIDFromBytes("task\u001ff1\u001ffinance".getBytes(StandardCharsets.UTF_8)).toString();
    assertThat(Ids.task("f1", "finance", 0, 1)).isEqualTo(plain);
  }
}
