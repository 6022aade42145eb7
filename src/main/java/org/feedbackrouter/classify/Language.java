package org.feedbackrouter.classify;

import java.util.Locale;

/** Languages the classifier analyses; {@link #UNKNOWN} when the text does not say. */
public enum Language {
  ES("es"),
  EN("en"),
  UNKNOWN("unknown");

  private final String code;

  Language(String code) {
    this.code = code;
  }

  /** The code used in events and files: "es", "en" or "unknown". */
  public String code() {
    return code;
  }

  /**
   * The language for a hint such as "es", "ES", "es-ES" or "en_GB"; {@link #UNKNOWN} for null,
   * blank or any other language.
   */
  public static Language fromHint(String hint) {
    if (hint == null || hint.isBlank()) {
      return UNKNOWN;
    }
    String h = hint.strip().toLowerCase(Locale.ROOT);
    if (h.equals("es") || h.startsWith("es-") || h.startsWith("es_") || h.equals("spa")) {
      return ES;
    }
    if (h.equals("en") || h.startsWith("en-") || h.startsWith("en_") || h.equals("eng")) {
      return EN;
    }
    return UNKNOWN;
  }
}
