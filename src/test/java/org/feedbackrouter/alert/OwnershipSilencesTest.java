package org.feedbackrouter.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.feedbackrouter.avro.AlertKind;
import org.feedbackrouter.avro.Silence;
import org.feedbackrouter.route.InvalidOwnershipException;
import org.feedbackrouter.route.OwnershipFile;
import org.junit.jupiter.api.Test;

class OwnershipSilencesTest {
  private static final Instant NOW = Instant.parse("2026-11-30T10:00:00Z");

  private static List<Silence> read(String yaml, List<String> errors) throws Exception {
    return OwnershipSilences.read(new YAMLMapper().readTree(yaml).path("silences"), errors, NOW);
  }

  @Test
  void theSampleFileDeclaresTheDemosSilence() throws Exception {
    List<Silence> silences = OwnershipSilences.fromClasspath("/ownership/sample-ownership.yaml", NOW);
    assertThat(silences).singleElement().satisfies(s -> {
      assertThat(s.getSilenceId()).isEqualTo("file:legal-breach-digest");
      assertThat(s.getDepartment()).isEqualTo("legal");
      assertThat(s.getKind()).isEqualTo(AlertKind.SLA_BREACH);
      assertThat(s.getTopic()).isNull();
      assertThat(s.getStartsAt()).as("from when it is applied").isEqualTo(NOW);
      assertThat(s.getCreatedBy()).isEqualTo("ownership-file");
    });
  }

  @Test
  void problemsNameTheSilenceAndTheFileCheckReportsThem() throws Exception {
    List<String> errors = new ArrayList<>();
    List<Silence> ok = read("""
        silences:
          no-end: {matchers: {department: finance}}
          odd-matcher: {matchers: {team: finance}, endsAt: 2027-01-01T00:00:00Z}
          extra: {endsAt: 2027-01-01T00:00:00Z, until: tomorrow}
          Bad Name: {endsAt: 2027-01-01T00:00:00Z}
          fine: {endsAt: 2027-01-01T00:00:00Z}
        """, errors);
    assertThat(ok).extracting(Silence::getSilenceId).containsExactly("file:fine");
    assertThat(errors).hasSize(4).anySatisfy(e -> assertThat(e).startsWith("silences.no-end: missing endsAt"))
        .anySatisfy(e -> assertThat(e).contains("silences.odd-matcher: unknown matcher 'team'"))
        .anySatisfy(e -> assertThat(e).contains("silences.extra: unknown field(s) [until]"));
    assertThat(read("silences: [a]", new ArrayList<>())).isEmpty();
    assertThat(read("topics: {}", errors)).isEmpty();

    var file = new java.io.ByteArrayInputStream("""
        defaults: {owner: cx_office}
        topics: {billing: {owner: finance}}
        silences: {x: {matchers: {kind: LOUD}, endsAt: 2027-01-01T00:00:00Z}}
        """.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    java.nio.file.Path path = java.nio.file.Files.createTempFile("ownership", ".yaml");
    java.nio.file.Files.write(path, file.readAllBytes());
    try {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> OwnershipFile.load(path))
          .isInstanceOf(InvalidOwnershipException.class).hasMessageContaining("silences.x: unknown kind 'LOUD'");
    } finally {
      java.nio.file.Files.delete(path);
    }
  }
}
