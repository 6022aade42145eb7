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
import java.util.Map;

/**
 * Reads labelled texts from a CSV file with a header row: columns {@code text} and {@code label}
 * are required, an optional {@code language} column (es/en) is used, other columns are ignored.
 * Parsed by jackson-dataformat-csv, so quoted fields with commas and line breaks are fine. A row
 * without text or label fails the whole read with its line number: training on silently skipped
 * data would mislead.
 */
public final class LabeledTextCsv {

  private LabeledTextCsv() {}

  public static List<LabeledText> read(Path file) throws IOException {
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return read(in, file.toString());
    }
  }

  public static List<LabeledText> read(Reader in, String source) throws IOException {
    CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.TRIM_SPACES);
    CsvSchema schema = CsvSchema.emptySchema().withHeader();
    List<LabeledText> out = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    try (MappingIterator<Map<String, String>> rows =
        mapper.readerFor(Map.class).with(schema).readValues(in)) {
      boolean checkedHeader = false;
      while (rows.hasNextValue()) {
        // Where the parser stands before the row is where the row starts (rows may span lines).
        long line = rows.getCurrentLocation().getLineNr();
        Map<String, String> row = rows.nextValue();
        if (!checkedHeader) {
          if (!row.containsKey("text") || !row.containsKey("label")) {
            throw new IllegalArgumentException(
                source + ": the header must name the columns 'text' and 'label', has " + row.keySet());
          }
          checkedHeader = true;
        }
        String text = row.get("text");
        String label = row.get("label");
        if (text == null || text.isBlank() || label == null || label.isBlank()) {
          errors.add(source + ":" + line + ": needs both text and label");
          continue;
        }
        out.add(new LabeledText(text, label.strip(), Language.fromHint(row.get("language"))));
      }
    }
    if (!errors.isEmpty()) {
      throw new IllegalArgumentException(String.join("\n", errors));
    }
    return out;
  }
}
