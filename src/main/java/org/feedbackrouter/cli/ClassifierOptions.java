package org.feedbackrouter.cli;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options of the commands that run the service's classifier; they override file and environment. */
final class ClassifierOptions {
  @Option(names = "--sentiment-model", paramLabel = "FILE",
      description = "A model saved by 'sentiment train' (default: FEEDBACK_SENTIMENT_MODEL, or the lexicon decides).")
  Path sentimentModel;

  @Option(names = "--priority-rules", paramLabel = "FILE",
      description = "Priority rules YAML (default: FEEDBACK_PRIORITY_RULES, or the bundled rules).")
  Path priorityRules;

  /** The environment with these options laid over it, as FEEDBACK_* settings. */
  Map<String, String> over(Map<String, String> env) {
    Map<String, String> layered = new HashMap<>(env);
    if (sentimentModel != null) {
      layered.put("FEEDBACK_SENTIMENT_MODEL", sentimentModel.toString());
    }
    if (priorityRules != null) {
      layered.put("FEEDBACK_PRIORITY_RULES", priorityRules.toString());
    }
    return layered;
  }

  /** The options as feedback.* settings, for a command that builds its settings itself. */
  void putInto(Map<String, String> settings) {
    if (sentimentModel != null) {
      settings.put("feedback.sentiment.model", sentimentModel.toString());
    }
    if (priorityRules != null) {
      settings.put("feedback.priority.rules", priorityRules.toString());
    }
  }
}
