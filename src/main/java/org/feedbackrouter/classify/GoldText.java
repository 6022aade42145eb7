package org.feedbackrouter.classify;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One test text with what a person said of it: its primary topic ({@code primary} or {@code label}
 * column), and, when the CSV has those columns, every topic to route it to ({@code topics},
 * pipe-separated, primary first), its {@code sentiment} and whether it is {@code critical}
 * (yes/no). Null where the file has no such column.
 */
public record GoldText(
    String text, Language language, String primary, Set<String> topicsOrNull, String sentimentOrNull,
    Boolean criticalOrNull) {

  /** Reads a gold CSV with a header row; a row without text or primary label fails the read with its line. */
  public static List<GoldText> read(Path file) throws IOException {
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return read(in, file.toString());
    }
  }

  static List<GoldText> read(Reader in, String source) throws IOException {
    CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.TRIM_SPACES);
    List<GoldText> out = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    try (MappingIterator<Map<String, String>> rows =
        mapper.readerFor(Map.class).with(CsvSchema.emptySchema().withHeader()).readValues(in)) {
      while (rows.hasNextValue()) {
        long line = rows.getCurrentLocation().getLineNr();
        Map<String, String> r = rows.nextValue();
        String primary = r.containsKey("primary") ? r.get("primary") : r.get("label");
        String text = r.get("text");
        if (text == null || text.isBlank() || primary == null || primary.isBlank()) {
          errors.add(source + ":" + line + ": needs text and a primary topic (column primary or label)");
          continue;
        }
        String topics = r.get("topics");
        String critical = r.get("critical");
        out.add(new GoldText(text, Language.fromHint(r.getOrDefault("language", r.get("lang"))), primary.strip(),
            topics == null || topics.isBlank() ? null : Set.of(topics.strip().split("\\s*\\|\\s*")),
            r.get("sentiment") == null ? null : r.get("sentiment").strip().toLowerCase(Locale.ROOT),
            critical == null ? null : critical.strip().equalsIgnoreCase("yes") || critical.strip().equals("1")
                || critical.strip().equalsIgnoreCase("true")));
      }
    }
    if (!errors.isEmpty()) {
      throw new IllegalArgumentException(String.join("\n", errors));
    }
    return out;
  }
}
