package org.feedbackrouter.classify;

import java.io.IOException;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/** Records each token's folded form in {@link SurfaceAttribute} before later filters stem it. */
final class SurfaceFilter extends TokenFilter {

  private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
  private final SurfaceAttribute surface = addAttribute(SurfaceAttribute.class);

  SurfaceFilter(TokenStream input) {
    super(input);
  }

  @Override
  public boolean incrementToken() throws IOException {
    if (!input.incrementToken()) {
      return false;
    }
    surface.setFolded(term.buffer(), term.length());
    return true;
  }
}
