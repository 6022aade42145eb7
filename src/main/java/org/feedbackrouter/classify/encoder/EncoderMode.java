package org.feedbackrouter.classify.encoder;

import java.util.Locale;

/** When the sentence encoder is asked: {@code feedback.classifier.encoder=off|uncertain|all}. */
public enum EncoderMode {
  /** Never: the lexical path (rules and linear model) alone. */
  OFF,
  /** Only when the linear model's top probability is below the cascade's threshold. */
  UNCERTAIN,
  /** For every text in a language the encoder speaks. */
  ALL;

  /** "off", "uncertain" or "all", any case. */
  public static EncoderMode parse(String value) {
    try {
      return valueOf(value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException("must be off, uncertain or all");
    }
  }

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
