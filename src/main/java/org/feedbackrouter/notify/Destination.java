package org.feedbackrouter.notify;

import java.net.URI;

/**
 * One entry of a department's {@code notify} list, with its {@code env:} references resolved.
 * The URL and the secret are credentials (a Slack or Teams URL is enough to post), so
 * {@link #toString()} and {@link #label()} leave them out: they must never reach a log or a header.
 *
 * @param department the department whose tasks and alerts go here
 * @param index position in the department's list, which names the destination in logs and dead letters
 * @param secret the HMAC key of a webhook; null for Slack and Teams
 */
public record Destination(String department, int index, DestinationType type, URI url, String secret) {

  /** {@code finance.notify[1] (webhook)}: the path in the ownership file, never the URL. */
  public String label() {
    return department + ".notify[" + index + "] (" + type.label() + ")";
  }

  @Override
  public String toString() {
    return label();
  }
}
