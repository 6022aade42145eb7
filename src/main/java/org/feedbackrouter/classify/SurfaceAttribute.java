package org.feedbackrouter.classify;

import org.apache.lucene.util.Attribute;

/**
 * The folded, unstemmed form of the current token, kept beside the stemmed term so one pass of
 * the analyzer gives both (character n-grams need the word as written).
 */
public interface SurfaceAttribute extends Attribute {

  char[] surfaceBuffer();

  int surfaceLength();

  /** Stores {@code chars[0, length)} with accents and ligatures folded to ASCII. */
  void setFolded(char[] chars, int length);
}
