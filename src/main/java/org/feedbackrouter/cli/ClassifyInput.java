package org.feedbackrouter.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The rows {@code classify} reads: a CSV whose header names {@code text} (and optionally
 * {@code language}, {@code nps}, {@code csat}, {@code ces}; other columns are ignored), or JSON
 * lines in the {@code produce} format. The first character tells which: '{' means JSON lines. A row
 * that cannot be read becomes a row with an error, so the output stays aligned with the input.
 */
final class ClassifyInput {

  /** One input row, numbered from 1 (the CSV header is not a row); {@code error} set when unreadable. */
  record Row(int number, String id, String text, String language, Integer nps, Integer csat, Integer ces,
      String error) {
    static Row bad(int number, String error) {
      return new Row(number, null, null, null, null, null, null, error);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private ClassifyInput() {}

  /** Reads every row and hands it on, in input order. A CSV without a {@code text} column fails the whole read. */
  static void read(Reader source, Consumer<Row> rows) throws IOException {
    BufferedReader in = new BufferedReader(source);
    in.mark(4096);
    int c;
    do {
      c = in.read();
    } while (c == '\uFEFF' || (c >= 0 && Character.isWhitespace(c)));
    in.reset();
    if (c == '{') {
      readJsonLines(in, rows);
    } else if (c >= 0) {
      readCsv(in, rows);
    }
  }

  private static void readJsonLines(BufferedReader in, Consumer<Row> rows) throws IOException {
    int number = 0;
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      if (line.isBlank()) {
        continue;
      }
      number++;
      try {
        JsonNode node = JSON.readTree(line);
        if (node == null || !node.isObject()) {
          rows.accept(Row.bad(number, "expected a JSON object"));
          continue;
        }
        JsonNode scores = node.path("scores").isObject() ? node.path("scores") : node;
        rows.accept(row(number, text(node, "id"), text(node, "text"), text(node, "language"),
            score(scores, "nps"), score(scores, "csat"), score(scores, "ces")));
      } catch (IOException | IllegalArgumentException e) {
        rows.accept(Row.bad(number, "not a feedback JSON object: " + firstLine(e.getMessage())));
      }
    }
  }

  private static void readCsv(Reader in, Consumer<Row> rows) throws IOException {
    CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.TRIM_SPACES);
    try (MappingIterator<Map<String, String>> it =
        mapper.readerFor(Map.class).with(CsvSchema.emptySchema().withHeader()).readValues(in)) {
      int number = 0;
      boolean checked = false;
      while (it.hasNextValue()) {
        number++;
        Map<String, String> r;
        try {
          r = it.nextValue();
        } catch (IOException | RuntimeException e) {
          // The parser's message quotes the field, which may hold personal data: say what is wrong instead.
          String why = e.getMessage() != null && e.getMessage().contains("Too many entries")
              ? "more fields than the header names (quote a field that contains a comma)"
              : "unreadable CSV row";
          rows.accept(Row.bad(number, why));
          continue;
        }
        if (!checked && !r.containsKey("text")) {
          throw new IllegalArgumentException("the CSV header must name a 'text' column, has " + r.keySet());
        }
        checked = true;
        try {
          rows.accept(row(number, r.get("id"), r.get("text"), r.get("language"),
              integer(r.get("nps"), "nps"), integer(r.get("csat"), "csat"), integer(r.get("ces"), "ces")));
        } catch (IllegalArgumentException e) {
          rows.accept(Row.bad(number, e.getMessage()));
        }
      }
    }
  }

  private static Row row(int number, String id, String text, String language, Integer nps, Integer csat,
      Integer ces) {
    if (text == null || text.isBlank()) {
      return Row.bad(number, "no text");
    }
    return new Row(number, id, text, language == null || language.isBlank() ? null : language, nps, csat, ces,
        null);
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw new IllegalArgumentException("'" + field + "' must be a string");
    }
    return v.asText();
  }

  private static Integer score(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isIntegralNumber()) {
      throw new IllegalArgumentException("'" + field + "' must be a whole number");
    }
    return v.asInt();
  }

  private static Integer integer(String value, String column) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Integer.valueOf(value.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + column + "' is not a whole number: " + value.strip());
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unknown error";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
