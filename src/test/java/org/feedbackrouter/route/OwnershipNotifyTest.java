package org.feedbackrouter.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.feedbackrouter.notify.Destination;
import org.feedbackrouter.notify.DestinationType;
import org.junit.jupiter.api.Test;

/** The {@code departments.<d>.notify} lists of the ownership file. */
class OwnershipNotifyTest {
  private static final String TOPICS = """
      topics:
        billing: {owner: finance}
      """;

  private static OwnershipFile parse(String yaml, Map<String, String> env) {
    return OwnershipFile.parse(new ByteArrayInputStream((TOPICS + yaml).getBytes(StandardCharsets.UTF_8)), "f.yaml",
        env);
  }

  @Test
  void readsEachDepartmentsDestinationsWithValuesFromTheEnvironment() {
    OwnershipFile file = parse("""
        departments:
          finance:
            notify:
              - {type: slack, url: env:FINANCE_SLACK_URL}
              - {type: webhook, url: "https://hooks.example.org/feedback", secret: env:FINANCE_HOOK_SECRET}
          it:
            notify:
              - {type: teams, url: env:IT_TEAMS_URL}
          legal: {}
        """, Map.of("FINANCE_SLACK_URL", "https://hooks.slack.com/services/T/B/x",
        "FINANCE_HOOK_SECRET", "s3cr3t-value", "IT_TEAMS_URL", "https://prod.example.logic.azure.com/wf"));

    assertThat(file.destinations()).containsOnlyKeys("finance", "it");
    assertThat(file.destinations().get("finance")).containsExactly(
        new Destination("finance", 0, DestinationType.SLACK, URI.create("https://hooks.slack.com/services/T/B/x"), null),
        new Destination("finance", 1, DestinationType.WEBHOOK, URI.create("https://hooks.example.org/feedback"),
            "s3cr3t-value"));
    assertThat(file.destinations().get("it").get(0).type()).isEqualTo(DestinationType.TEAMS);
    assertThat(file.departments()).contains("finance", "it");
  }

  @Test
  void everyProblemIsReportedWithItsPathAndNoValueIsPrinted() {
    InvalidOwnershipException e = catchThrowableOfType(InvalidOwnershipException.class, () -> parse("""
        departments:
          finance:
            notify:
              - {type: slack, url: env:FINANCE_SLACK_URL}
              - {type: webhook, url: env:HOOK_URL, secret: literal-secret-123}
              - {type: webhook, url: "https://hooks.example.org/x"}
              - {type: teams, url: env:IT_TEAMS_URL, secret: env:X, colour: red}
              - {type: email, url: "mailto:a@b"}
              - {type: slack}
          Bad Name:
            notify: {type: slack}
          it:
            channels: []
        """, Map.of("HOOK_URL", "not a url at all", "IT_TEAMS_URL", "ftp://secret-host.example/path")));

    assertThat(e.errors()).containsExactlyInAnyOrder(
        "f.yaml: departments.finance.notify[0].url: environment variable FINANCE_SLACK_URL is not set",
        "f.yaml: departments.finance.notify[1].url: the value of HOOK_URL is not a valid URL",
        "f.yaml: departments.finance.notify[1].secret: secrets come from the environment only: write env:NAME",
        "f.yaml: departments.finance.notify[2].secret: required for a webhook (env:NAME; the HMAC key of"
            + " X-Feedback-Signature)",
        "f.yaml: departments.finance.notify[3].colour: unknown key (expected one of type, url, secret)",
        "f.yaml: departments.finance.notify[3].url: the value of IT_TEAMS_URL is not an http(s) URL with a host",
        "f.yaml: departments.finance.notify[3].secret: only webhooks are signed; teams takes no secret",
        "f.yaml: departments.finance.notify[4].type: 'email' is not one of slack, teams, webhook",
        "f.yaml: departments.finance.notify[4].url: the value is not an http(s) URL with a host",
        "f.yaml: departments.finance.notify[5].url: required",
        "f.yaml: departments.Bad Name: 'Bad Name' is not a department name (lower case letters, digits, _ and -;"
            + " it becomes part of topic names)",
        "f.yaml: departments.Bad Name.notify: must be a list of {type, url[, secret]}",
        "f.yaml: departments.it.channels: unknown key (expected one of notify)");
    assertThat(String.join("\n", e.errors())).doesNotContain("literal-secret-123", "not a url at all", "secret-host");
  }

  @Test
  void aFileWithoutDepartmentsHasNoDestinations() {
    assertThat(parse("", Map.of()).destinations()).isEmpty();
  }
}
