package org.feedbackrouter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SentimentCommandTest {

  private StringWriter out = new StringWriter();
  private StringWriter err = new StringWriter();

  private int run(String... args) {
    out = new StringWriter();
    err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(SentimentCommandTest.class.getResource("/sentiment/" + name).toURI());
  }

  private static Map<String, Double> lastLine(String printed) {
    List<String> lines = printed.lines().toList();
    Map<String, Double> figures = new HashMap<>();
    for (String pair : lines.get(lines.size() - 1).split(" ")) {
      String[] kv = pair.split("=");
      figures.put(kv[0], Double.parseDouble(kv[1]));
    }
    return figures;
  }

  @Test
  void trainsOnOwnScoredTextsAndBeatsChanceOnHeldOutOnes(@TempDir Path dir) throws Exception {
    Path model = dir.resolve("sentiment.model");
    int code = run("sentiment", "train", "--train", resource("scored-train.csv").toString(),
        "--out", model.toString(), "--eval", resource("scored-eval.csv").toString());

    assertThat(code).as(err.toString()).isZero();
    Map<String, Double> figures = lastLine(out.toString());
    assertThat(figures.keySet()).containsExactlyInAnyOrder("sentiment_accuracy", "polar_accuracy", "neg_as_pos");
    // Four labels, the largest about 60% of the held-out texts: the model must do clearly better.
    assertThat(figures.get("sentiment_accuracy")).isGreaterThan(0.7);
    assertThat(figures.get("neg_as_pos")).isLessThanOrEqualTo(0.05);
    assertThat(Files.size(model)).isPositive();
  }

  @Test
  void sameSeedGivesTheSameModel(@TempDir Path dir) throws Exception {
    Path a = dir.resolve("a.model");
    Path b = dir.resolve("b.model");
    String train = resource("scored-train.csv").toString();
    assertThat(run("sentiment", "train", "--train", train, "--out", a.toString(), "--seed", "7")).isZero();
    assertThat(run("sentiment", "train", "--train", train, "--out", b.toString(), "--seed", "7")).isZero();

    assertThat(org.feedbackrouter.classify.SentimentModel.load(a).labels())
        .isEqualTo(org.feedbackrouter.classify.SentimentModel.load(b).labels());
    assertThat(gunzipped(a)).isEqualTo(gunzipped(b));
  }

  private static byte[] gunzipped(Path p) throws IOException {
    try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(p))) {
      return in.readAllBytes();
    }
  }

  @Test
  void badRowsAreReportedWithTheirNumberAndTheRestTrain(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("train.csv");
    Files.writeString(csv, """
        text,label
        El servicio fue excelente,positive
        Todo fatal y nadie me contesta,negative
        Sin etiqueta,
        Texto con etiqueta rara,furious
        ,negative
        Gracias por la rapidez,positive
        La entrega llegó tarde y rota,negative
        """);
    Path model = dir.resolve("m.model");

    int code = run("sentiment", "train", "--train", csv.toString(), "--out", model.toString());

    assertThat(code).as(err.toString()).isZero();
    assertThat(err.toString()).contains("row 3:").contains("row 4:").contains("furious").contains("row 5: no text");
    assertThat(out.toString()).contains("trained on 4 texts (3 rows left out)");
  }

  @Test
  void producesFormatIsLabelledByItsScores(@TempDir Path dir) throws Exception {
    Path jsonl = dir.resolve("surveys.jsonl");
    Files.writeString(jsonl, String.join("\n",
        "{\"id\":\"1\",\"text\":\"Muy contento con todo\",\"scores\":{\"nps\":10}}",
        "{\"id\":\"2\",\"text\":\"Un desastre de servicio\",\"scores\":{\"nps\":2}}",
        "{\"id\":\"3\",\"text\":\"Normal\",\"scores\":{\"csat\":3}}",
        "{\"id\":\"4\",\"text\":\"Sin puntuación\"}",
        "not json",
        "{\"id\":\"6\",\"text\":\"Tardaron mucho\",\"scores\":{\"ces\":6}}",
        "{\"id\":\"7\",\"text\":\"Fácil y rápido\",\"scores\":{\"ces\":2}}"));
    Path model = dir.resolve("m.model");

    int code = run("sentiment", "train", "--train", jsonl.toString(), "--out", model.toString());

    assertThat(code).as(err.toString()).isZero();
    assertThat(err.toString()).contains("row 4: no survey score").contains("row 5:");
    assertThat(out.toString()).contains("trained on 5 texts (2 rows left out)")
        .contains("NEGATIVE").contains("NEUTRAL").contains("POSITIVE");
  }

  @Test
  void aModelFileThatDoesNotMatchIsRefused(@TempDir Path dir) throws Exception {
    Path notAModel = dir.resolve("notes.txt");
    Files.writeString(notAModel, "text,label\nhola,positive\n");
    Path otherVersion = dir.resolve("v99.model");
    try (DataOutputStream o = new DataOutputStream(new GZIPOutputStream(Files.newOutputStream(otherVersion)))) {
      o.writeUTF("feedback-router sentiment model");
      o.writeInt(99);
      o.writeInt(20);
    }
    Path otherKind = dir.resolve("other.model");
    try (DataOutputStream o = new DataOutputStream(new GZIPOutputStream(Files.newOutputStream(otherKind)))) {
      o.writeUTF("feedback-router topic model");
      o.writeInt(1);
    }
    Path input = dir.resolve("in.csv");
    Files.writeString(input, "text\nHola\n");

    assertThat(run("classify", "--input", input.toString(), "--sentiment-model", notAModel.toString())).isEqualTo(1);
    assertThat(err.toString()).contains("cannot use").contains("not a sentiment model file");
    assertThat(run("classify", "--input", input.toString(), "--sentiment-model", otherVersion.toString())).isEqualTo(1);
    assertThat(err.toString()).contains("version 99").contains("this build reads version 1");
    assertThat(run("classify", "--input", input.toString(), "--sentiment-model", otherKind.toString())).isEqualTo(1);
    assertThat(err.toString()).contains("not a sentiment model file");
  }

  @Test
  void classifyUsesATrainedModel(@TempDir Path dir) throws Exception {
    Path model = dir.resolve("m.model");
    assertThat(run("sentiment", "train", "--train", resource("scored-train.csv").toString(),
        "--out", model.toString())).isZero();
    Path input = dir.resolve("in.csv");
    Files.writeString(input, "text,language\nEl técnico fue puntual y muy amable,es\nStill no refund after three weeks,en\n");

    assertThat(run("classify", "--input", input.toString(), "--sentiment-model", model.toString()))
        .as(err.toString()).isZero();
    List<String> lines = out.toString().lines().toList();
    assertThat(lines.get(0)).contains("\"sentiment\":\"POSITIVE\"");
    assertThat(lines.get(1)).contains("\"sentiment\":\"NEGATIVE\"");
  }
}
