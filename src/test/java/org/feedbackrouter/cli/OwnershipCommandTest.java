package org.feedbackrouter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.feedbackrouter.testkit.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ownership commands offline: validation, and a dry run with no broker to reach. */
class OwnershipCommandTest {
  @TempDir Path dir;

  @Test
  void validateReportsEveryProblemWithItsPathAndConnectsToNothing() throws Exception {
    Path file = dir.resolve("own.yaml");
    Files.writeString(file, """
        topics:
          deliverry: {owner: logistics}
          billing: {owner: finance, sla: {P1: {acknowledge: 3h, resolve: 2h}}}
        """);
    CliRun r = CliRun.of("ownership", "validate", file.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("own.yaml: topics.billing.sla.P1: acknowledge (3h) must not exceed resolve (2h)");

    Files.writeString(file, "topics:\n  deliverry: {owner: logistics}\n  billing: {owner: finance}\n");
    r = CliRun.of("ownership", "validate", file.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err().lines()).containsExactly(
        file + ": topics.deliverry: 'deliverry' is not a topic of the taxonomy (did you mean 'delivery'?)",
        "1 problem(s).");
  }

  @Test
  void validateChecksCalendarsAndTheNamesEntriesGive() throws Exception {
    Path file = dir.resolve("own.yaml");
    Files.writeString(file, """
        calendars:
          office: {zone: Europe/Madird, hours: {mon-fri: "09:00-18:00"}}
        defaults: {calendar: ofice}
        topics:
          billing: {owner: finance}
        """);
    CliRun r = CliRun.of("ownership", "validate", file.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err().lines()).contains(
        file + ": calendars.office.zone: 'Europe/Madird' is not a time zone (use an IANA name such as Europe/Madrid)",
        file + ": defaults.calendar: unknown calendar 'ofice' (declared: office)");

    Files.writeString(file, """
        calendars:
          office: {zone: Europe/Madrid, hours: {mon-fri: "09:00-18:00"}, holidays: [2026-12-25]}
        defaults: {calendar: office}
        topics:
          billing: {owner: finance}
        """);
    CliRun ok = CliRun.of("ownership", "validate", file.toString());
    assertThat(ok.exit()).as(ok.err()).isZero();
  }

  @Test
  void validateUsesTheGivenTaxonomyAndSaysWhatIsMissing() throws Exception {
    Path file = dir.resolve("own.yaml");
    Files.writeString(file, "topics:\n  weather: {owner: ops}\n");
    Path taxonomy = dir.resolve("taxonomy.yaml");
    Files.writeString(taxonomy, """
        topics:
          - id: weather
            name: Weather
            description: Rain and sun.
            rules:
              en: [{match: rain, weight: 0.8}]
            examples:
              en: ["It rained all day"]
        """);
    CliRun ok = CliRun.of("ownership", "validate", file.toString(), "--taxonomy", taxonomy.toString());
    assertThat(ok.exit()).as(ok.err()).isZero();
    assertThat(ok.out()).contains(file + ": valid, 1 topics, 2 departments");

    CliRun missing = CliRun.of("ownership", "validate", dir.resolve("nope.yaml").toString());
    assertThat(missing.exit()).isEqualTo(1);
    assertThat(missing.err()).contains("nope.yaml: not found");
    CliRun noTaxonomy = CliRun.of("ownership", "validate", file.toString(), "--taxonomy", "gone.yaml");
    assertThat(noTaxonomy.err()).contains("gone.yaml: cannot read the taxonomy: not found");
  }

  @Test
  void aDryRunWithoutABrokerValidatesAndSaysTheDiffNeedsOneQuickly() throws Exception {
    Path file = dir.resolve("own.yaml");
    Files.writeString(file, "topics:\n  delivery: {owner: logistics}\n");
    long start = System.nanoTime();
    CliRun r = CliRun.of("ownership", "apply", file.toString(), "--dry-run",
        "--bootstrap-servers", "127.0.0.1:1", "--registry-url", "mock://dry");
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(r.exit()).as(r.err()).isEqualTo(OwnershipCommand.EXIT_NO_DIFF);
    assertThat(r.out()).contains(file + ": valid, 1 topics, 2 departments",
        "The diff against area.ownership needs a broker: no Kafka broker answered at 127.0.0.1:1 within 5 s.");
    assertThat(took).isLessThan(Duration.ofSeconds(15));

    CliRun noSettings = CliRun.of("ownership", "apply", file.toString(), "--dry-run", "--registry-url", "mock://dry");
    assertThat(noSettings.exit()).isEqualTo(OwnershipCommand.EXIT_NO_DIFF);
    assertThat(noSettings.out()).contains("valid", "needs a broker");
  }

  @Test
  void anUnexpectedFailureIsOneLineUnlessVerbose() throws Exception {
    // Not UTF-8: the reader fails, which produce does not foresee.
    Path latin1 = Files.write(dir.resolve("latin1.jsonl"), new byte[] {'{', (byte) 0xE9, '}', '\n'});
    CliRun r = CliRun.of("produce", latin1.toString(),
        "--bootstrap-servers", "127.0.0.1:1", "--registry-url", "mock://x");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err().lines()).singleElement().asString().startsWith("error: ").contains("--verbose");

    CliRun verbose = CliRun.of("produce", latin1.toString(), "--verbose",
        "--bootstrap-servers", "127.0.0.1:1", "--registry-url", "mock://x");
    assertThat(verbose.err()).contains("\tat ");
  }

  @Test
  void aclsPrintsEachDepartmentsSetAndTheServicesWithoutABroker() throws Exception {
    Path file = dir.resolve("own.yaml");
    Files.writeString(file, "topics:\n  delivery: {owner: logistics, supporting: [stores]}\n");
    CliRun r = CliRun.of("ownership", "acls", file.toString(), "--topic-prefix", "acme.",
        "--principal-prefix", "User:dept-", "--service-principal", "User:router");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out().lines()).contains(
        "ALLOW User:dept-logistics READ TOPIC acme.tasks.logistics",
        "ALLOW User:dept-stores READ TOPIC acme.alerts.stores",
        "ALLOW User:dept-stores WRITE TOPIC acme.task.events",
        // The fallback department is a department too, although this file does not name it.
        "ALLOW User:dept-cx_office READ TOPIC acme.tasks.cx_office",
        "ALLOW User:router READ TOPIC acme.feedback.received",
        "ALLOW User:router WRITE TRANSACTIONAL_ID feedback-router-* (prefix)");
    assertThat(r.out()).doesNotContain("User:dept-logistics READ TOPIC acme.tasks.stores");
    assertThat(r.out().lines().toList().get((int) r.out().lines().count() - 1))
        .matches("\\d+ ACLs for 3 departments and the service \\(--apply creates them\\)");

    Files.writeString(file, "topics:\n  deliverry: {owner: logistics}\n");
    CliRun invalid = CliRun.of("ownership", "acls", file.toString());
    assertThat(invalid.exit()).isEqualTo(1);
    assertThat(invalid.err()).contains("did you mean 'delivery'", "no ACL was printed");
  }

  @Test
  void aclsApplyWithoutABrokerSaysSoInOneLineAndCreatesNothing() throws Exception {
    Path file = dir.resolve("own.yaml");
    Files.writeString(file, "topics:\n  delivery: {owner: logistics}\n");
    CliRun r = CliRun.of("ownership", "acls", file.toString(), "--apply",
        "--bootstrap-servers", "127.0.0.1:1", "--registry-url", "mock://acls");

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err().lines()).contains("no Kafka broker answered at 127.0.0.1:1 within 5 s; no ACL was created.");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void produceSaysAMissingFileIsNotFoundBeforeConnecting() {
    Path absent = dir.resolve("absent.jsonl");
    CliRun r = CliRun.of("produce", absent.toString(), "--bootstrap-servers", "127.0.0.1:1", "--registry-url", "mock://x");
    assertThat(r.exit()).isEqualTo(Main.EXIT_BAD_SETTINGS);
    assertThat(r.err().strip()).isEqualTo(absent + ": not found");
  }
}
