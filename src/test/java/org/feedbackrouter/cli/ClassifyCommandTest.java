package org.feedbackrouter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The {@code classify} command end to end on files, with the bundled taxonomy. */
class ClassifyCommandTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private final ObjectMapper json = new ObjectMapper();

  private int run(String... args) {
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  private List<JsonNode> lines() throws Exception {
    List<JsonNode> rows = new ArrayList<>();
    for (String l : out.toString().split("\n")) {
      if (!l.isBlank()) {
        rows.add(json.readTree(l));
      }
    }
    return rows;
  }

  @Test
  void csvRowsGiveOneObjectEachInOrderAndBadRowsKeepTheirPlace(@TempDir Path dir) throws Exception {
    Path in = dir.resolve("in.csv");
    Files.writeString(in, """
        id,text,language,channel
        a,"Me han cobrado dos veces la factura, quiero una explicación",es,web
        b,,en,web
        c,The courier left my parcel in the rain and it arrived soaked,,app
        d,"Mi email es ana.garcia@example.com y mi tarjeta 4111 1111 1111 1111",es,web
        """);

    int code = run("classify", "--encoder", "off", "--input", in.toString());

    assertThat(code).as(err.toString()).isZero();
    List<JsonNode> rows = lines();
    assertThat(rows).hasSize(4);
    assertThat(rows.get(0).get("primaryTopic").asText()).isEqualTo("billing");
    assertThat(rows.get(0).get("language").asText()).isEqualTo("es");
    assertThat(rows.get(0).get("topics").get(0).get("topic").asText()).isEqualTo("billing");
    assertThat(rows.get(0).get("topics").get(0).get("score").asDouble()).isBetween(0.0, 1.0);
    assertThat(rows.get(0).has("sentiment")).isTrue();
    assertThat(rows.get(0).get("priority").asText()).matches("P[1-4]");
    assertThat(rows.get(1).get("error").asText()).isEqualTo("no text");
    assertThat(rows.get(1).has("primaryTopic")).isFalse();
    assertThat(err.toString()).contains("row 2: no text");
    assertThat(rows.get(2).get("primaryTopic").asText()).isEqualTo("delivery");
    assertThat(rows.get(2).get("language").asText()).isEqualTo("en");
    assertThat(rows.get(3).get("redactedText").asText()).doesNotContain("ana.garcia").doesNotContain("4111");
    assertThat(out.toString()).doesNotContain("ana.garcia@example.com");
  }

  @Test
  void jsonLinesInTheProduceFormatUseTheirScores(@TempDir Path dir) throws Exception {
    Path in = dir.resolve("in.jsonl");
    Files.writeString(in, """
        {"id":"fb-1","channel":"survey","text":"Todo perfecto, el mejor servicio","scores":{"nps":10}}
        not json at all
        {"id":"fb-3","text":"The app crashes every time I open it","nps":0}
        """);

    int code = run("classify", "--encoder", "off", "--input", in.toString());

    assertThat(code).as(err.toString()).isZero();
    List<JsonNode> rows = lines();
    assertThat(rows).hasSize(3);
    assertThat(rows.get(0).get("id").asText()).isEqualTo("fb-1");
    assertThat(rows.get(0).get("sentiment").asText()).isEqualTo("POSITIVE");
    assertThat(rows.get(1).has("error")).isTrue();
    assertThat(err.toString()).contains("row 2:");
    assertThat(rows.get(2).get("sentiment").asText()).isEqualTo("NEGATIVE");
    assertThat(rows.get(2).get("primaryTopic").asText()).isEqualTo("mobile_app");
  }

  @Test
  void explainSaysWhichRulesMatchedAndWhyEachTopicPassedOrNot(@TempDir Path dir) throws Exception {
    Path in = dir.resolve("in.csv");
    Files.writeString(in, "text\n\"I was charged twice for my bill and nobody answers the phone\"\n");

    int code = run("classify", "--input", in.toString(), "--explain", "--encoder", "all");

    assertThat(code).as(err.toString()).isZero();
    JsonNode row = lines().get(0);
    JsonNode explain = row.get("explain");
    List<String> phrases = new ArrayList<>();
    explain.get("rules").forEach(r -> phrases.add(r.get("topic").asText() + ":" + r.get("phrase").asText()));
    assertThat(phrases).contains("billing:charged twice");
    assertThat(explain.get("model").size()).isPositive();
    assertThat(explain.get("encoder").size()).as("the encoder was asked (--encoder all)").isPositive();
    JsonNode first = explain.get("topics").get(0);
    assertThat(first.get("topic").asText()).isEqualTo(row.get("primaryTopic").asText());
    assertThat(first.get("passed").asBoolean()).isTrue();
    assertThat(first.get("why").asText()).isEqualTo("primary");
    explain.get("topics").forEach(v -> {
      boolean reported = false;
      for (JsonNode t : row.get("topics")) {
        reported |= t.get("topic").asText().equals(v.get("topic").asText());
      }
      assertThat(v.get("passed").asBoolean()).isEqualTo(reported);
      if (!reported) {
        assertThat(v.get("why").asText()).isNotIn("primary", "secondary");
      }
    });
  }

  @Test
  void aCsvWithoutATextColumnOrAMissingFileFailsWithOneLine(@TempDir Path dir) throws Exception {
    Path in = dir.resolve("in.csv");
    Files.writeString(in, "comment\nhello\n");

    assertThat(run("classify", "--input", in.toString())).isEqualTo(1);
    assertThat(err.toString()).contains("'text' column");
    assertThat(run("classify", "--input", dir.resolve("nope.csv").toString())).isEqualTo(1);
    assertThat(err.toString()).contains("nope.csv: not found");
  }

  @Test
  void aSavedModelClassifiesLikeATrainedOneAndAnotherTaxonomysModelIsRefused(@TempDir Path dir) throws Exception {
    Path model = dir.resolve("model.bin");
    Path in = dir.resolve("in.csv");
    Files.writeString(in, """
        text
        Me han cobrado dos veces la factura
        The website was down all morning and I could not pay
        hola
        """);
    assertThat(run("taxonomy", "train", "--encoder", "off", "--out", model.toString())).as(err.toString()).isZero();
    assertThat(out.toString()).contains("trained on").contains("27 topics");
    out.getBuffer().setLength(0);

    assertThat(run("classify", "--encoder", "off", "--input", in.toString())).isZero();
    String trainedNow = out.toString();
    out.getBuffer().setLength(0);
    assertThat(run("classify", "--encoder", "off", "--input", in.toString(), "--model", model.toString())).isZero();
    assertThat(out.toString()).isEqualTo(trainedNow);

    Path other = dir.resolve("other.yaml");
    Files.writeString(other, """
        topics:
          - id: billing
            name: Billing
            rules: {en: [{match: invoice, weight: 0.6}]}
        """);
    assertThat(run("classify", "--input", in.toString(), "--taxonomy", other.toString(), "--model",
        model.toString())).isEqualTo(1);
    assertThat(err.toString()).contains("trained for another taxonomy").contains("the model has topics the taxonomy lacks");
    assertThat(run("classify", "--input", in.toString(), "--model", in.toString())).isEqualTo(1);
    assertThat(err.toString()).contains("not a feedback-router model file");
  }

  @Test
  void evaluateOnMultiTopicGoldPrintsTopicFigures(@TempDir Path dir) throws Exception {
    Path gold = dir.resolve("gold.csv");
    Files.writeString(gold, """
        text,primary,topics,sentiment,critical
        "Me han cobrado dos veces la factura de este mes",billing,billing,negative,no
        "The courier threw my parcel over the fence and it broke",delivery,delivery|product_defect,negative,no
        "Someone used my card for purchases I never made",fraud,fraud,negative,yes
        "hello, just testing",unclassified,unclassified,neutral,no
        """);

    assertThat(run("taxonomy", "evaluate", "--encoder", "off", "--test", gold.toString())).as(err.toString()).isZero();
    String last = out.toString().strip().lines().reduce((a, b) -> b).orElseThrow();
    assertThat(last).contains("primary_accuracy=").contains("topic_precision=").contains("topic_recall=")
        .contains("unclassified_precision=").contains("unclassified_recall=").contains("sentiment_accuracy=")
        .contains("p1_precision=").contains("p1_recall=");
  }

  @Test
  void trainTakesDepartmentsCorrectionsExportedFromFeedbackLabels(@TempDir Path dir) throws Exception {
    Path labels = dir.resolve("labels.jsonl");
    Files.writeString(labels, """
        {"feedbackId":"fb-1","redactedText":"The app shows my parcel as delivered but it never came","language":"en","wrongTopic":"mobile_app","rightTopic":"delivery"}
        {"feedbackId":"fb-2","redactedText":"La web dice entregado y no tengo nada","language":"es","wrongTopic":"self_service_web","rightTopic":"delivery"}
        """);
    assertThat(run("taxonomy", "train", "--encoder", "off", "--out", dir.resolve("m.bin").toString())).isZero();
    String base = out.toString();
    out.getBuffer().setLength(0);

    assertThat(run("taxonomy", "train", "--encoder", "off", "--train", labels.toString(), "--out",
        dir.resolve("m2.bin").toString())).as(err.toString()).isZero();
    int before = Integer.parseInt(base.replaceAll("(?s).*trained on (\\d+) texts.*", "$1").strip());
    assertThat(out.toString()).contains("trained on " + (before + 2) + " texts");

    Files.writeString(labels, "{\"redactedText\":\"hola\",\"rightTopic\":\"deliverry\"}\n");
    assertThat(run("taxonomy", "train", "--encoder", "off", "--train", labels.toString(), "--out",
        dir.resolve("m3.bin").toString())).isEqualTo(1);
    assertThat(err.toString()).contains("not topics of the taxonomy: [deliverry]");
  }
}
