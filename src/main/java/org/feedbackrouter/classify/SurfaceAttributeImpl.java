package org.feedbackrouter.classify;

import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.util.AttributeImpl;
import org.apache.lucene.util.AttributeReflector;

/** Lucene finds this implementation of {@link SurfaceAttribute} by its name. */
public final class SurfaceAttributeImpl extends AttributeImpl implements SurfaceAttribute {

  private char[] buffer = new char[32];
  private int length;

  @Override
  public char[] surfaceBuffer() {
    return buffer;
  }

  @Override
  public int surfaceLength() {
    return length;
  }

  @Override
  public void setFolded(char[] chars, int len) {
    for (int i = 0; i < len; i++) {
      if (chars[i] >= '\u0080') {
        // Folding can expand a character to up to four ("ǆ" -> "dz", "⑽" -> "(10)").
        if (buffer.length < len * 4) {
          buffer = new char[len * 4];
        }
        length = ASCIIFoldingFilter.foldToASCII(chars, 0, buffer, 0, len);
        return;
      }
    }
    copyFrom(chars, len);
  }

  @Override
  public void clear() {
    length = 0;
  }

  @Override
  public void copyTo(AttributeImpl target) {
    ((SurfaceAttributeImpl) target).copyFrom(buffer, length);
  }

  private void copyFrom(char[] chars, int len) {
    if (buffer.length < len) {
      buffer = new char[len];
    }
    System.arraycopy(chars, 0, buffer, 0, len);
    length = len;
  }

  @Override
  public void reflectWith(AttributeReflector reflector) {
    reflector.reflect(SurfaceAttribute.class, "surface", new String(buffer, 0, length));
  }
}
