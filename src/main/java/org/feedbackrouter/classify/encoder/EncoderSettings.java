package org.feedbackrouter.classify.encoder;

import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.feedbackrouter.classify.Language;

/**
 * How the sentence encoder is set up ({@code feedback.classifier.encoder*} settings).
 *
 * @param mode when the encoder is asked
 * @param model a user-supplied ONNX model file; empty means the bundled English model
 * @param tokenizer its Hugging Face {@code tokenizer.json}; given exactly when {@code model} is
 * @param pooling how token embeddings become one sentence vector (the model card says: MEAN for
 *     sentence-transformers and E5 models, CLS for BGE)
 * @param languages the languages texts may be in to reach the encoder
 * @param threshold the linear model's top probability below which {@code uncertain} asks
 */
public record EncoderSettings(
    EncoderMode mode,
    Optional<Path> model,
    Optional<Path> tokenizer,
    PoolingMode pooling,
    Set<Language> languages,
    double threshold) {

  public EncoderSettings {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(pooling, "pooling");
    if (model.isPresent() != tokenizer.isPresent()) {
      throw new IllegalArgumentException(
          "feedback.classifier.encoder.model and .tokenizer go together: give both files or neither");
    }
    languages = Set.copyOf(languages);
    if (languages.isEmpty() || languages.contains(Language.UNKNOWN)) {
      throw new IllegalArgumentException("encoder languages must be es and/or en");
    }
    if (!(threshold >= 0 && threshold <= 1)) {
      throw new IllegalArgumentException("encoder threshold must be in [0, 1]");
    }
  }

  /** Uncertain texts go to the bundled English model. */
  public static EncoderSettings defaults() {
    return new EncoderSettings(EncoderMode.UNCERTAIN, Optional.empty(), Optional.empty(), PoolingMode.MEAN,
        EnumSet.of(Language.EN), EncoderCascade.DEFAULT_THRESHOLD);
  }

  public EncoderSettings withMode(EncoderMode newMode) {
    return new EncoderSettings(newMode, model, tokenizer, pooling, languages, threshold);
  }

  /** "mean" or "cls", any case. */
  public static PoolingMode pooling(String value) {
    try {
      return PoolingMode.valueOf(value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException("must be mean or cls");
    }
  }

  /** A comma-separated list such as "en" or "es,en". */
  public static Set<Language> languages(String value) {
    Set<Language> out = EnumSet.noneOf(Language.class);
    for (String code : value.split(",")) {
      Language l = Language.fromHint(code);
      if (l == Language.UNKNOWN || !code.strip().equalsIgnoreCase(l.code())) {
        throw new IllegalArgumentException("languages are es and/or en, comma-separated: " + Arrays.toString(value.split(",")));
      }
      out.add(l);
    }
    return out;
  }

  /** Loads the configured encoder: the user's files, or the bundled model. */
  public SentenceEncoder openEncoder() {
    return model.isPresent()
        ? SentenceEncoder.fromFiles(model.get(), tokenizer.get(), pooling, languages)
        : SentenceEncoder.bundled(languages);
  }
}
