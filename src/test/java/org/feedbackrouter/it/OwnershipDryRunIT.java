package org.feedbackrouter.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.feedbackrouter.testkit.CliRun;
import org.feedbackrouter.testkit.RealServices;
import org.feedbackrouter.testkit.RealServicesExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code ownership apply --dry-run} against the real broker: the diff, and nothing left behind. */
@ExtendWith(RealServicesExtension.class)
class OwnershipDryRunIT {
  @TempDir Path dir;

  @Test
  void aDryRunOnAFreshClusterShowsTheDiffAndCreatesNoTopic(RealServices services) throws Exception {
    String prefix = "dry-" + UUID.randomUUID().toString().substring(0, 8) + ".";
    Path file = dir.resolve("ownership.yaml");
    Files.writeString(file, "topics:\n  billing: {owner: finance}\n  delivery: {owner: logistics}\n");

    CliRun dry = CliRun.against(services, prefix, "ownership", "apply", file.toString(), "--dry-run");

    assertThat(dry.exit()).as(dry.err()).isZero();
    assertThat(dry.out()).contains("+ billing: owner finance", "3 added, 0 changed, 0 removed (dry run: nothing published)");
    assertThat(services.admin().listTopics().names().get()).noneMatch(t -> t.startsWith(prefix));
  }

  @Test
  void aTypoInATopicIdIsRefusedBeforeAnythingIsPublished(RealServices services) throws Exception {
    String prefix = "typo-" + UUID.randomUUID().toString().substring(0, 8) + ".";
    Path file = dir.resolve("ownership.yaml");
    Files.writeString(file, "topics:\n  deliverry: {owner: logistics}\n");

    CliRun r = CliRun.against(services, prefix, "ownership", "apply", file.toString());

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("topics.deliverry: 'deliverry' is not a topic of the taxonomy (did you mean 'delivery'?)",
        "nothing was published");
    assertThat(services.admin().listTopics().names().get()).noneMatch(t -> t.startsWith(prefix));
  }
}
