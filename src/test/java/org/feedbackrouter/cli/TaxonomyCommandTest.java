package org.feedbackrouter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TaxonomyCommandTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  void evaluatePrintsConsistentFiguresForTheFixture() throws Exception {
    Path train = fixture("eval-train.csv");
    Path test = fixture("eval-test.csv");

    int code = run("taxonomy", "evaluate", "--train", train.toString(), "--test", test.toString(),
        "--oos-label", "none", "--seed", "3");

    assertThat(code).as(err.toString()).isZero();
    String printed = out.toString();
    List<String> lines = printed.lines().toList();
    Map<String, Double> figures = parse(lines.get(lines.size() - 1));
    assertThat(figures.keySet())
        .containsExactly("accuracy", "macro_f1", "in_scope_accuracy", "oos_recall", "train_s", "per_s");

    // The fixture: 20 test texts, 16 in scope over four topics, 4 out of scope.
    assertThat(printed).contains("test texts:         20").contains("(16 texts)").contains("(4 texts;");
    double accuracy = figures.get("accuracy");
    double inScope = figures.get("in_scope_accuracy");
    double oosRecall = figures.get("oos_recall");
    // Every figure is a whole number of texts out of its total...
    assertThat(accuracy * 20).isCloseTo(Math.rint(accuracy * 20), within(1e-3));
    assertThat(inScope * 16).isCloseTo(Math.rint(inScope * 16), within(1e-3));
    assertThat(oosRecall * 4).isCloseTo(Math.rint(oosRecall * 4), within(1e-3));
    // ...and overall accuracy is the in-scope and out-of-scope parts put together.
    assertThat(accuracy * 20).isCloseTo(inScope * 16 + oosRecall * 4, within(1e-3));
    // The fixture's topics are easy to tell apart: a working classifier gets most of them.
    assertThat(inScope).isGreaterThanOrEqualTo(0.75);
    assertThat(figures.get("macro_f1")).isBetween(0.5, 1.0);
    assertThat(figures.get("train_s")).isGreaterThanOrEqualTo(0.0);
    assertThat(figures.get("per_s")).isPositive();
    assertThat(printed).contains("worst 5 labels by F1:");
    assertThat(printed).doesNotContain("  none ");
  }

  @Test
  void evaluateWithoutOutOfScopeLabelLeavesThoseFiguresOut() throws Exception {
    int code = run("taxonomy", "evaluate", "--train", fixture("eval-train.csv").toString(),
        "--test", fixture("eval-test.csv").toString());

    assertThat(code).as(err.toString()).isZero();
    List<String> lines = out.toString().lines().toList();
    assertThat(parse(lines.get(lines.size() - 1)).keySet())
        .containsExactly("accuracy", "macro_f1", "train_s", "per_s");
  }

  @Test
  void evaluateReportsABadCsvLine(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("bad.csv");
    Files.writeString(bad, "text,label\nok,billing\n,billing\n");

    int code = run("taxonomy", "evaluate", "--train", bad.toString(), "--test", bad.toString());

    assertThat(code).isNotZero();
    assertThat(err.toString()).contains("bad.csv:3: needs text");
  }

  @Test
  void validateAcceptsTheDefaultTaxonomyAndListsErrorsOfABadOne(@TempDir Path dir) throws IOException {
    Path good = dir.resolve("good.yaml");
    try (var in = getClass().getResourceAsStream("/taxonomy/default-taxonomy.yaml")) {
      Files.copy(in, good);
    }
    assertThat(run("taxonomy", "validate", good.toString())).isZero();
    assertThat(out.toString()).contains("valid, 27 topics (4 critical)");

    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, "topics:\n  - id: a\n    name: A\n    rules:\n      es: [{match: x, weight: 2}]\n  - id: a\n");
    assertThat(run("taxonomy", "validate", bad.toString())).isEqualTo(1);
    assertThat(err.toString())
        .contains("topics[0].rules.es[0].weight: must be in (0, 1], was 2")
        .contains("topics[1].id: duplicate id 'a' (first at topics[0])")
        .contains("topics[1].name: is required");
  }

  @Test
  void validateNamesAnUnknownKeyOnceWhereverItIsAndSaysWhenTheFileIsMissing(@TempDir Path dir) throws IOException {
    String head = "topics:\n  - id: billing\n    name: B\n    description: d\n";
    String rules = "    rules:\n      en: [{match: invoice, weight: 0.5}]\n";
    Path bad = dir.resolve("typo.yaml");
    for (String typo : List.of("    exmples:\n      en: [\"x\"]\n", "    exmples: [\"x\"]\n", "    exmples: x\n")) {
      for (String body : List.of(typo + rules, rules + typo)) {
        err.getBuffer().setLength(0);
        Files.writeString(bad, head + body);
        assertThat(run("taxonomy", "validate", bad.toString())).isEqualTo(1);
        assertThat(err.toString()).as(body).contains("  topics[0].exmples: unknown key").doesNotContain("exmples.exmples");
      }
    }
    err.getBuffer().setLength(0);
    assertThat(run("taxonomy", "validate", dir.resolve("absent.yaml").toString())).isEqualTo(1);
    assertThat(err.toString().strip()).isEqualTo(dir.resolve("absent.yaml") + ": not found");
  }

  private static Map<String, Double> parse(String line) {
    Map<String, Double> out = new java.util.LinkedHashMap<>();
    for (String pair : line.trim().split(" ")) {
      String[] kv = pair.split("=", 2);
      out.put(kv[0], Double.parseDouble(kv[1]));
    }
    return out;
  }

  private static Path fixture(String name) throws URISyntaxException {
    return Path.of(TaxonomyCommandTest.class.getResource("/classify/" + name).toURI());
  }
}
