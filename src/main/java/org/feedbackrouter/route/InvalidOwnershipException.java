package org.feedbackrouter.route;

import java.util.List;

/** An ownership file with problems; each line gives the path in the file and what is wrong. */
public final class InvalidOwnershipException extends RuntimeException {
  private final List<String> errors;

  public InvalidOwnershipException(List<String> errors) {
    super(String.join(System.lineSeparator(), errors));
    this.errors = List.copyOf(errors);
  }

  public List<String> errors() {
    return errors;
  }
}
