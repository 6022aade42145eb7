package org.feedbackrouter.classify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Labelled texts from a file: a CSV with columns text,label ({@link LabeledTextCsv}), or JSON lines
 * such as the departments' corrections exported from {@code feedback.labels}, one object a line with
 * the text in {@code text} or {@code redactedText} and the label in {@code label} or
 * {@code correctTopic}. A file whose first character is '{' is JSON lines. Rows that cannot be read
 * fail the whole read with their line numbers: training on silently skipped data would mislead.
 */
public final class LabeledTextFiles {

  private static final ObjectMapper JSON = new ObjectMapper();

  private LabeledTextFiles() {}

  public static List<LabeledText> read(Path file) throws IOException {
    String head;
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      char[] buf = new char[64];
      int n = in.read(buf);
      head = n <= 0 ? "" : new String(buf, 0, n).stripLeading();
    } catch (java.nio.file.NoSuchFileException e) {
      throw new IllegalArgumentException(file + ": not found");
    }
    return head.startsWith("{") ? readJsonLines(file) : LabeledTextCsv.read(file);
  }

  private static List<LabeledText> readJsonLines(Path file) throws IOException {
    List<LabeledText> out = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) {
        continue;
      }
      try {
        JsonNode node = JSON.readTree(lines.get(i));
        String text = first(node, "text", "redactedText");
        String label = first(node, "label", "correctTopic");
        if (text == null || label == null) {
          errors.add(file + ":" + (i + 1) + ": needs a text (text or redactedText) and a label (label or correctTopic)");
        } else {
          out.add(new LabeledText(text, label.strip(), Language.fromHint(first(node, "language", "language"))));
        }
      } catch (IOException e) {
        errors.add(file + ":" + (i + 1) + ": not a JSON object");
      }
    }
    if (!errors.isEmpty()) {
      throw new IllegalArgumentException(String.join("\n", errors));
    }
    return out;
  }

  private static String first(JsonNode node, String a, String b) {
    for (String f : new String[] {a, b}) {
      JsonNode v = node.get(f);
      if (v != null && v.isTextual() && !v.asText().isBlank()) {
        return v.asText();
      }
    }
    return null;
  }
}
