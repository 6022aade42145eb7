package org.feedbackrouter.classify;

import java.util.List;
import java.util.Set;
import org.feedbackrouter.classify.SentimentTokens.Kind;
import org.feedbackrouter.classify.SentimentTokens.Token;

/**
 * What surrounds a sentiment word in its clause: a negator a few words before, a booster right
 * before, a multi-word entry starting here, or an agent's-note opener at the start of the text.
 */
final class SentimentContext {

  private SentimentContext() {}

  /** The position of a negator among the three words before {@code i} in the same clause, or -1. */
  static int negator(List<Token> tokens, int i, int start, SentimentLexicon.Tables t) {
    int words = 0;
    for (int k = i - 1; k >= start && words < SentimentScorer.NEGATION_REACH; k--) {
      Token tok = tokens.get(k);
      if (tok.kind() != Kind.WORD) {
        return -1;
      }
      if (isNegator(tokens, k, start, t)) {
        return k;
      }
      words++;
    }
    return -1;
  }

  static boolean isNegator(List<Token> tokens, int k, int start, SentimentLexicon.Tables t) {
    String w = tokens.get(k).form().replace("'", "");
    // "un poco" dampens; "poco" alone negates ("poco amable").
    boolean unPoco = w.equals("poco") && k > start && "un".equals(tokens.get(k - 1).form());
    return t.negators.contains(w) && !unPoco;
  }

  /** The booster right before {@code i} (one or two words), 0 when none. */
  static double booster(List<Token> tokens, int i, int start, SentimentLexicon.Tables t) {
    if (i - 2 >= start && tokens.get(i - 2).kind() == Kind.WORD && tokens.get(i - 1).kind() == Kind.WORD) {
      Double two = t.boosters.get(tokens.get(i - 2).form() + " " + tokens.get(i - 1).form());
      if (two != null) {
        return two;
      }
    }
    if (i - 1 >= start && tokens.get(i - 1).kind() == Kind.WORD) {
      return t.boosters.getOrDefault(tokens.get(i - 1).form(), 0.0);
    }
    return 0;
  }

  /** Length in tokens of an entry of {@code set} starting at {@code i}, 0 when none does. */
  static int matchAt(List<Token> tokens, int i, int end, Set<String> set) {
    StringBuilder b = new StringBuilder();
    for (int k = i; k < end && k < i + 3; k++) {
      if (tokens.get(k).kind() != Kind.WORD) {
        return 0;
      }
      if (k > i) {
        b.append(' ');
      }
      b.append(tokens.get(k).form());
      if (set.contains(b.toString())) {
        return k - i + 1;
      }
    }
    return 0;
  }

  static boolean isReport(List<Token> tokens, SentimentLexicon.Tables t) {
    StringBuilder b = new StringBuilder();
    for (int k = 0; k < tokens.size() && k < 4; k++) {
      if (tokens.get(k).kind() != Kind.WORD) {
        break;
      }
      if (k > 0) {
        b.append(' ');
      }
      b.append(tokens.get(k).form());
      if (t.reportOpeners.contains(b.toString())) {
        return true;
      }
    }
    return false;
  }
}
