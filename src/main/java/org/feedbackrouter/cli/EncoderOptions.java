package org.feedbackrouter.cli;

import java.nio.file.Path;
import java.util.Optional;
import org.feedbackrouter.classify.encoder.EncoderCascade;
import org.feedbackrouter.classify.encoder.EncoderMode;
import org.feedbackrouter.classify.encoder.EncoderSettings;
import picocli.CommandLine.Option;

/** The sentence-encoder options of commands that train a classifier from files (docs/encoder.md). */
final class EncoderOptions {

  @Option(
      names = "--encoder",
      paramLabel = "MODE",
      description = "Ask a sentence encoder: off (the lexical path alone), uncertain (when the linear model's top"
          + " probability is below --encoder-threshold) or all. Default: off for 'taxonomy evaluate --train',"
          + " otherwise uncertain, as the service runs.")
  String mode;

  @Option(names = "--encoder-model", paramLabel = "FILE",
      description = "ONNX sentence encoder to use instead of the bundled English one (needs --encoder-tokenizer).")
  Path model;

  @Option(names = "--encoder-tokenizer", paramLabel = "FILE", description = "Its Hugging Face tokenizer.json.")
  Path tokenizer;

  @Option(names = "--encoder-pooling", paramLabel = "MODE", defaultValue = "mean",
      description = "mean or cls, as the model card says (default ${DEFAULT-VALUE}).")
  String pooling;

  @Option(names = "--encoder-languages", paramLabel = "LIST", defaultValue = "en",
      description = "Languages the encoder is asked about, e.g. es,en (default ${DEFAULT-VALUE}).")
  String languages;

  @Option(names = "--encoder-threshold", paramLabel = "P",
      description = "Linear top probability below which 'uncertain' asks the encoder (default ${DEFAULT-VALUE}).")
  double threshold = EncoderCascade.DEFAULT_THRESHOLD;

  /** The settings these options give; {@code defaultMode} when --encoder is not given. */
  EncoderSettings settings(EncoderMode defaultMode) {
    return new EncoderSettings(mode == null ? defaultMode : EncoderMode.parse(mode), Optional.ofNullable(model), Optional.ofNullable(tokenizer),
        EncoderSettings.pooling(pooling), EncoderSettings.languages(languages), threshold);
  }
}
