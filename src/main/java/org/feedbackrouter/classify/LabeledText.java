package org.feedbackrouter.classify;

import java.util.Objects;

/** One training example: a text, its topic label and, when known, its language. */
public record LabeledText(String text, String label, Language language) {

  public LabeledText {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(label, "label");
    language = language == null ? Language.UNKNOWN : language;
  }

  public LabeledText(String text, String label) {
    this(text, label, Language.UNKNOWN);
  }
}
