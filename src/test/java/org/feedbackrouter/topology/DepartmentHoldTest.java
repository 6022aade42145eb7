package org.feedbackrouter.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.feedbackrouter.avro.Role;
import org.feedbackrouter.avro.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Records for a department whose topics do not exist yet wait in the gate, then go out once. */
class DepartmentHoldTest {

  @TempDir Path stateDir;
  private DriverFixture fx;

  @BeforeEach
  void start() {
    fx = new DriverFixture(stateDir, StreamsConfig.EXACTLY_ONCE_V2, Map.of());
  }

  @AfterEach
  void stop() {
    fx.close();
  }

  @Test
  void aMissingDepartmentTopicHoldsOnlyThatDepartmentsRecordsAndNeverDeadLettersThem() {
    fx.missingDepartments.add("product");
    fx.send(DriverFixture.feedback("d-1", DriverFixture.DEFECTIVE_PRODUCT).build());
    fx.send(DriverFixture.feedback("d-2", DriverFixture.DEFECTIVE_PRODUCT).build());

    assertThat(fx.tasks("product")).isEmpty();
    assertThat(fx.tasks("digital")).hasSize(2);
    assertThat(fx.tasks("cx_office")).extracting(Task::getRole).containsOnly(Role.OBSERVER).hasSize(2);
    assertThat(fx.deadLetters()).isEmpty();
    fx.driver.advanceWallClockTime(Duration.ofSeconds(5));
    assertThat(fx.tasks("product")).isEmpty();

    fx.missingDepartments.remove("product");
    fx.driver.advanceWallClockTime(Duration.ofSeconds(1));
    assertThat(fx.tasks("product")).extracting(Task::getFeedbackId).containsExactly("d-1", "d-2");
    fx.driver.advanceWallClockTime(Duration.ofSeconds(5));
    assertThat(fx.tasks("product")).isEmpty();
    assertThat(fx.deadLetters()).isEmpty();
  }

  @Test
  void heldRecordsGoOutBeforeNewerOnesOfTheSameDepartment() {
    fx.missingDepartments.add("product");
    fx.send(DriverFixture.feedback("d-1", DriverFixture.DEFECTIVE_PRODUCT).build());
    fx.missingDepartments.remove("product");
    // No punctuation in between: the next record itself releases what waits before it.
    fx.send(DriverFixture.feedback("d-2", DriverFixture.DEFECTIVE_PRODUCT).build());
    assertThat(fx.tasks("product")).extracting(Task::getFeedbackId).containsExactly("d-1", "d-2");
  }
}
