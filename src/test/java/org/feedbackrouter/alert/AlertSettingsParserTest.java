package org.feedbackrouter.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertSettingsParserTest {
  @Test
  void defaultsAreAlertmanagersWithP1CriticalSentAtOnce() {
    List<String> problems = new ArrayList<>();
    assertThat(AlertSettingsParser.parse(Map.of(), problems)).isEqualTo(AlertSettings.defaults());
    assertThat(AlertSettings.defaults().groupWait()).isEqualTo(Duration.ofSeconds(30));
    assertThat(problems).isEmpty();
  }

  @Test
  void readsEverySettingAndReportsBadValues() {
    List<String> problems = new ArrayList<>();
    AlertSettings s = AlertSettingsParser.parse(Map.of("feedback.alerts.group.wait", "10s",
        "feedback.alerts.group.interval", "1m", "feedback.alerts.repeat.interval", "2h",
        "feedback.alerts.group.critical", "true", "feedback.alerts.inhibit.surge", "false",
        "feedback.alerts.sample.ids", "2"), problems);
    assertThat(s).isEqualTo(new AlertSettings(Duration.ofSeconds(10), Duration.ofMinutes(1), Duration.ofHours(2),
        true, false, 2));
    AlertSettingsParser.parse(Map.of("feedback.alerts.group.wait", "soon", "feedback.alerts.repeat.interval", "1s"),
        problems);
    assertThat(problems).hasSize(2);
    assertThat(problems.get(0)).contains("feedback.alerts.group.wait");
    assertThat(problems.get(1)).contains("repeat interval");
  }
}
