package org.feedbackrouter.http;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;

/**
 * A position in a department's task list, which is ordered by resolution due time, then task id.
 * Opaque to callers (URL-safe Base64), and stable while tasks come and go: the next page starts
 * after this key, whatever was added or removed before it.
 */
record PageCursor(long dueMs, String taskId) implements Comparable<PageCursor> {
  private static final Comparator<PageCursor> ORDER =
      Comparator.comparingLong(PageCursor::dueMs).thenComparing(PageCursor::taskId);

  static PageCursor of(Instant resolveDueAt, String taskId) {
    return new PageCursor(resolveDueAt.toEpochMilli(), taskId);
  }

  String encode() {
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString((dueMs + ":" + taskId).getBytes(StandardCharsets.UTF_8));
  }

  /** @throws ApiException 400 when the text is not a cursor this API gave out */
  static PageCursor decode(String text) {
    try {
      String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
      int colon = plain.indexOf(':');
      String taskId = plain.substring(colon + 1);
      if (colon <= 0 || taskId.isEmpty()) {
        throw new IllegalArgumentException("no task id");
      }
      return new PageCursor(Long.parseLong(plain.substring(0, colon)), taskId);
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      throw new ApiException(400, "cursor is not one this API gave out: use nextCursor from the previous page");
    }
  }

  @Override
  public int compareTo(PageCursor other) {
    return ORDER.compare(this, other);
  }
}
