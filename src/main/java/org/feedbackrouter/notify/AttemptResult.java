package org.feedbackrouter.notify;

import java.time.Duration;
import java.util.Optional;

/**
 * What one POST came back with: an HTTP status, or a transport failure (refused, reset, timed
 * out) with status 0.
 *
 * @param detail for failures: the status or the exception class, never the URL or the body
 */
public record AttemptResult(int status, Optional<Duration> retryAfter, String detail) {

  public static AttemptResult failed(Throwable error) {
    return new AttemptResult(0, Optional.empty(), error.getClass().getSimpleName());
  }

  public boolean delivered() {
    return status >= 200 && status < 300;
  }

  /**
   * Worth another try: no answer, 408, 429 and 5xx. Any other answer (400, 403, 404, 410...)
   * says the request or the endpoint is wrong, and repeating it cannot help.
   */
  public boolean retryable() {
    return status == 0 || status == 408 || status == 429 || status >= 500;
  }
}
