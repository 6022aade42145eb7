package org.feedbackrouter.redact;

/** One kind of personal data: whether it can occur in a text, and how to mask it. */
interface PiiFinder {

  /** Cheap test on the text's profile; {@link #mask} only runs when this is true. */
  boolean applies(TextProfile profile);

  /** The text with every confirmed occurrence replaced by its token, or the same instance. */
  String mask(String text);
}
