package org.feedbackrouter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class DemoLogTest {
  @TempDir Path dir;

  @Test
  void kafkasLogsGoToTheFileOnlyUntilClosed() throws Exception {
    Logger kafka = (Logger) LoggerFactory.getLogger("kafka");
    boolean additive = kafka.isAdditive();
    Path file = dir.resolve("feedback-router.log");
    try (DemoLog log = DemoLog.to(file)) {
      LoggerFactory.getLogger("kafka.server.ReplicaManager").error("Error processing append operation on partition x-0");
      LoggerFactory.getLogger("org.apache.kafka.clients.admin.AdminClientConfig").info("AdminClientConfig values: ...");
      LoggerFactory.getLogger("org.feedbackrouter.topology.TopicAdmin").info("Created topic x");
      assertThat(kafka.isAdditive()).as("Kafka's lines stop at the file").isFalse();
      assertThat(log.file()).isEqualTo(file);
    }
    assertThat(Files.readString(file)).contains("Error processing append operation", "AdminClientConfig values",
        "Created topic x");
    assertThat(kafka.isAdditive()).isEqualTo(additive);
    LoggerFactory.getLogger("kafka.server.ReplicaManager").error("after close");
    assertThat(Files.readString(file)).doesNotContain("after close");
  }
}
