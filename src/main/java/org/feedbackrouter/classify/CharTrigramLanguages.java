package org.feedbackrouter.classify;

import java.util.List;

/**
 * Spanish or English from letter trigrams, learned from labelled texts (the taxonomy's examples):
 * the fallback when a text has too few stop words to tell, as short complaints often do ("Stop
 * sending me promotional messages every day"). Naive Bayes over hashed trigrams of lower-cased
 * words padded with spaces, add-one smoothed; one pass, no allocation.
 */
final class CharTrigramLanguages {

  private static final int BUCKETS = 1 << 14;
  private final float[] logEs = new float[BUCKETS];
  private final float[] logEn = new float[BUCKETS];
  private final boolean trained;

  CharTrigramLanguages(List<LabeledText> texts) {
    int[] es = new int[BUCKETS];
    int[] en = new int[BUCKETS];
    long totalEs = 0;
    long totalEn = 0;
    for (LabeledText t : texts) {
      if (t.language() == Language.ES) {
        totalEs += count(t.text(), es);
      } else if (t.language() == Language.EN) {
        totalEn += count(t.text(), en);
      }
    }
    trained = totalEs > 0 && totalEn > 0;
    for (int b = 0; b < BUCKETS; b++) {
      logEs[b] = (float) Math.log((es[b] + 1.0) / (totalEs + BUCKETS));
      logEn[b] = (float) Math.log((en[b] + 1.0) / (totalEn + BUCKETS));
    }
  }

  /** The likelier language, or {@link Language#UNKNOWN} for a text without two letters in a row. */
  Language detect(CharSequence text) {
    if (!trained) {
      return Language.UNKNOWN;
    }
    double[] sum = new double[1];
    int n = forEachTrigram(text, b -> sum[0] += logEs[b] - logEn[b]);
    if (n == 0 || sum[0] == 0) {
      return Language.UNKNOWN;
    }
    return sum[0] > 0 ? Language.ES : Language.EN;
  }

  private static int count(String text, int[] counts) {
    return forEachTrigram(text, b -> counts[b]++);
  }

  private interface BucketSink {
    void accept(int bucket);
  }

  /** Calls the sink with the bucket of each trigram of " word " for every word; returns how many. */
  private static int forEachTrigram(CharSequence text, BucketSink sink) {
    int n = 0;
    char a = ' ';
    char b = ' ';
    for (int i = 0, len = text.length(); i <= len; i++) {
      char c = i < len ? Character.toLowerCase(text.charAt(i)) : ' ';
      if (!Character.isLetter(c)) {
        c = ' ';
      }
      if (c == ' ' && b == ' ') {
        continue;
      }
      if (b != ' ' || c != ' ') {
        if (!(a == ' ' && b == ' ')) {
          sink.accept(((a * 31 + b) * 31 + c) & (BUCKETS - 1));
          n++;
        }
      }
      a = b;
      b = c;
    }
    return n;
  }
}
