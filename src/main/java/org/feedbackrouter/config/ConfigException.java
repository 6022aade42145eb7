package org.feedbackrouter.config;

import java.util.List;

/** Settings that are missing or wrong; each problem is one line a person can act on. */
public final class ConfigException extends RuntimeException {
  private final List<String> problems;

  public ConfigException(List<String> problems) {
    super(String.join(System.lineSeparator(), problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
