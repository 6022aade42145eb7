package org.feedbackrouter.http;

/** An API answer other than success: its HTTP status and a message for the caller, never a stack trace. */
final class ApiException extends RuntimeException {
  private final int status;

  ApiException(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  int status() {
    return status;
  }
}
