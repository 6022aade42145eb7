package org.feedbackrouter.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The lifecycle core and the SLA clock stay plain Java: no Kafka import in their sources (the
 * project has no ArchUnit; the sources are the rule's input). The processor is the only adapter.
 */
class LifecycleCoreImportsTest {
  private static final Path MAIN = Path.of("src/main/java/org/feedbackrouter");

  @Test
  void coreClassesImportNoKafka() throws IOException {
    List<Path> core = List.of(
        MAIN.resolve("lifecycle/TaskStateMachine.java"),
        MAIN.resolve("lifecycle/LifecycleEffect.java"),
        MAIN.resolve("lifecycle/LifecycleRecords.java"),
        MAIN.resolve("lifecycle/TaskTransitions.java"),
        MAIN.resolve("route/TopicOwnership.java"),
        MAIN.resolve("sla/SlaPolicy.java"),
        MAIN.resolve("sla/BusinessCalendar.java"));
    for (Path source : core) {
      assertThat(Files.readAllLines(source)).as(source.toString())
          .isNotEmpty()
          .noneMatch(line -> line.startsWith("import org.apache.kafka"));
    }
    assertThat(Files.readAllLines(MAIN.resolve("sla/BusinessCalendar.java")))
        .filteredOn(line -> line.startsWith("import "))
        .allMatch(line -> line.startsWith("import java."));
  }
}
