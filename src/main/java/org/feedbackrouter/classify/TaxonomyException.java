package org.feedbackrouter.classify;

import java.util.List;

/** A taxonomy file that cannot be used; {@link #errors()} lists every problem with its path. */
public final class TaxonomyException extends RuntimeException {

  private final List<String> errors;

  public TaxonomyException(String source, List<String> errors) {
    super(
        "invalid taxonomy "
            + source
            + " ("
            + errors.size()
            + (errors.size() == 1 ? " error" : " errors")
            + "):\n  "
            + String.join("\n  ", errors));
    this.errors = List.copyOf(errors);
  }

  /** Each problem as {@code path: message}, e.g. {@code topics[3].rules.es[2].weight: ...}. */
  public List<String> errors() {
    return errors;
  }
}
