package org.feedbackrouter.cli;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.feedbackrouter.avro.FeedbackReceived;
import org.feedbackrouter.avro.Scores;
import org.feedbackrouter.classify.LabeledText;
import org.feedbackrouter.classify.Language;
import org.feedbackrouter.classify.SentimentModelTrainer;
import org.feedbackrouter.ingest.FeedbackJson;
import org.feedbackrouter.ingest.FeedbackValidator;

/**
 * Scored texts for {@code sentiment train}: a CSV with {@code text,label} (negative, neutral,
 * positive, mixed; optional {@code language}), or JSON lines in the {@code produce} format whose
 * survey scores give the label (NPS 0-6 negative, 7-8 neutral, 9-10 positive; CSAT 1-2, 3, 4-5;
 * CES 5-7 negative, 4 neutral, 1-3 positive; several scores: their mean band). A bad row is listed
 * in {@link #problems()} with its row number and left out; the rest are kept.
 */
record SentimentData(List<LabeledText> texts, List<String> problems) {

  static SentimentData read(Path file) throws IOException {
    String name = file.getFileName().toString();
    return name.endsWith(".jsonl") || name.endsWith(".json") || firstChar(file) == '{'
        ? readJsonLines(file) : readCsv(file);
  }

  private static int firstChar(Path file) throws IOException {
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      int c;
      while ((c = r.read()) != -1 && Character.isWhitespace(c)) {
        // skip
      }
      return c;
    }
  }

  private static SentimentData readCsv(Path file) throws IOException {
    List<LabeledText> texts = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.TRIM_SPACES);
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
         MappingIterator<Map<String, String>> rows =
             mapper.readerFor(Map.class).with(CsvSchema.emptySchema().withHeader()).readValues(in)) {
      int row = 0;
      while (rows.hasNextValue()) {
        row++;
        Map<String, String> r = rows.nextValue();
        if (row == 1 && (!r.containsKey("text") || !r.containsKey("label"))) {
          throw new IllegalArgumentException(file + ": the header must name the columns 'text' and 'label'");
        }
        String text = r.get("text");
        String label = r.get("label");
        if (text == null || text.isBlank()) {
          problems.add("row " + row + ": no text");
          continue;
        }
        LabeledText t = new LabeledText(text, label == null ? "" : label.strip(), Language.fromHint(r.get("language")));
        try {
          SentimentModelTrainer.label(t);
          texts.add(t);
        } catch (IllegalArgumentException e) {
          problems.add("row " + row + ": " + e.getMessage());
        }
      }
    }
    return new SentimentData(texts, problems);
  }

  private static SentimentData readJsonLines(Path file) throws IOException {
    List<LabeledText> texts = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    FeedbackJson json = new FeedbackJson(new FeedbackValidator(Integer.MAX_VALUE, Duration.ofDays(36500)));
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      try {
        FeedbackReceived f = json.parse(line, System.currentTimeMillis());
        String label = label(f.getScores());
        if (label == null) {
          problems.add("row " + (i + 1) + ": no survey score to label it");
          continue;
        }
        texts.add(new LabeledText(f.getText(), label, Language.fromHint(f.getLanguage())));
      } catch (RuntimeException e) {
        problems.add("row " + (i + 1) + ": " + e.getMessage());
      }
    }
    return new SentimentData(texts, problems);
  }

  /** The band the scores put the text in, or null when none is valid. */
  static String label(Scores s) {
    if (s == null) {
      return null;
    }
    var label = SentimentModelTrainer.labelOfScores(s.getNps(), s.getCsat(), s.getCes());
    return label == null ? null : label.name().toLowerCase(java.util.Locale.ROOT);
  }
}
