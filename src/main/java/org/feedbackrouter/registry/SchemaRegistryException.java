package org.feedbackrouter.registry;

/** A schema registry call failed; {@link #kind()} says how, the message says what to do about it. */
public final class SchemaRegistryException extends RuntimeException {

  /** What went wrong, independent of the transport. */
  public enum Kind {
    /** The schema breaks the subject's compatibility rule (HTTP 409). */
    INCOMPATIBLE,
    /** Unknown subject, schema or id (HTTP 404). */
    NOT_FOUND,
    /** Credentials missing, wrong or lacking permission (HTTP 401/403). */
    UNAUTHORIZED,
    /** The registry rejected the request, e.g. an invalid schema (HTTP 422), or answered something unexpected. */
    BAD_REQUEST,
    /** The registry could not be reached or kept failing (connection errors, 5xx) after all retries. */
    UNAVAILABLE
  }

  private final Kind kind;
  private final int status;

  public SchemaRegistryException(Kind kind, int status, String message) {
    this(kind, status, message, null);
  }

  public SchemaRegistryException(Kind kind, int status, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.status = status;
  }

  public Kind kind() {
    return kind;
  }

  /** The HTTP status the registry answered (the equivalent one for the mock), or 0 when no response arrived. */
  public int status() {
    return status;
  }
}
