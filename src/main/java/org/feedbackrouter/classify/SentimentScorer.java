package org.feedbackrouter.classify;

import java.util.ArrayList;
import java.util.List;
import org.feedbackrouter.classify.SentimentTokens.Kind;
import org.feedbackrouter.classify.SentimentTokens.Token;

/**
 * Scores a text with a {@link SentimentLexicon}, VADER's way adapted to Spanish and English
 * customer feedback: negation within three words, boosters and dampeners, contrast (the clause
 * after "pero"/"but" weighs 1.5, the one before 0.5), questions (praise in a question is mostly a
 * request: x0.3; complaint x0.8), exclamations (up to three add 15% each), capitals (x1.5),
 * emoji and emoticons, and agents' notes, where only strong words count.
 */
final class SentimentScorer {

  static final int NEGATION_REACH = 3;
  private static final double NEGATED_POSITIVE = -0.74;
  // "not terrible" is still no praise, and "never been so disappointed" is a complaint.
  private static final double NEGATED_NEGATIVE = 0.2;
  private static final double NEGATED_EXPECTED = -1.8;
  private static final double SHOUTING = 1.5;
  private static final double BEFORE_CONTRAST = 0.5;
  private static final double AFTER_CONTRAST = 1.5;
  private static final double QUESTION_POSITIVE = 0.3;
  private static final double QUESTION_NEGATIVE = 0.8;
  private static final double PER_EXCLAMATION = 0.15;
  // In an agent's note, words weaker than this are the record of a case, not the customer's feeling.
  private static final double REPORT_STRONG = 2.4;
  private static final double REPORT_WEAK = 0.3;
  // A negation outside a question is a small complaint cue of its own ("no está resuelta",
  // "isn't keeping things cold"), even when no sentiment word follows it.
  private static final double NEGATION_CUE = -0.5;

  private final SentimentLexicon lexicon;

  SentimentScorer(SentimentLexicon lexicon) {
    this.lexicon = lexicon;
  }

  /** One scored expression: its value and token position. */
  private record Hit(int at, double value) {}

  TextSentiment score(String text, Language language) {
    SentimentLexicon.Tables t = lexicon.tables(language);
    List<Token> tokens = SentimentTokens.of(text == null ? "" : text, lexicon.emoticons());
    String[] stems = new String[tokens.size()];
    for (int i = 0; i < stems.length; i++) {
      Token k = tokens.get(i);
      stems[i] = k.kind() == Kind.WORD ? t.stem(k.form()) : null;
    }
    boolean report = SentimentContext.isReport(tokens, t);
    double pos = 0;
    double neg = 0;
    double plainPos = 0;
    double plainNeg = 0;
    double[] previous = null;
    int start = 0;
    while (start < tokens.size()) {
      int end = start;
      while (end < tokens.size() && !endsSentence(tokens.get(end).kind())) {
        end++;
      }
      int question = 0;
      int exclamation = 0;
      int next = end;
      while (next < tokens.size() && endsSentence(tokens.get(next).kind())) {
        question += tokens.get(next).kind() == Kind.QUESTION ? 1 : 0;
        exclamation += tokens.get(next).kind() == Kind.EXCLAMATION ? 1 : 0;
        next++;
      }
      List<Hit> hits = hits(tokens, stems, start, end, t, report, question == 0);
      double[] sums = weigh(hits, tokens, start, end, t);
      double scale = 1 + PER_EXCLAMATION * Math.min(3, exclamation);
      for (Hit h : hits) {
        double v = h.value() * scale * (question > 0 ? (h.value() > 0 ? QUESTION_POSITIVE : QUESTION_NEGATIVE) : 1);
        plainPos += Math.max(0, v);
        plainNeg += Math.max(0, -v);
      }
      if (previous != null && sums[2] > 0) {
        // The sentence opens with "pero"/"but": the one before it weighs less.
        pos -= previous[0] * (1 - BEFORE_CONTRAST);
        neg -= previous[1] * (1 - BEFORE_CONTRAST);
      }
      if (isIronicPraise(hits, tokens, start, end, pos, neg)) {
        // "Great." or "Gracias majos." alone after a complaint is irony: it adds to the complaint.
        sums[1] += sums[0];
        sums[0] = 0;
      }
      double p = sums[0] * scale * (question > 0 ? QUESTION_POSITIVE : 1);
      double q = sums[1] * scale * (question > 0 ? QUESTION_NEGATIVE : 1);
      pos += p;
      neg += q;
      previous = new double[] {p, q};
      start = next;
    }
    return pos == 0 && neg == 0 ? TextSentiment.NONE : new TextSentiment(pos, neg, plainPos, plainNeg);
  }

  private static boolean isIronicPraise(List<Hit> hits, List<Token> tokens, int start, int end, double pos, double neg) {
    int words = 0;
    for (int i = start; i < end; i++) {
      words += tokens.get(i).kind() == Kind.WORD ? 1 : 0;
    }
    return words > 0 && words <= 3 && neg > pos && neg >= 1
        && !hits.isEmpty() && hits.stream().allMatch(h -> h.value() > 0);
  }

  private static boolean endsSentence(Kind k) {
    return k == Kind.STOP || k == Kind.QUESTION || k == Kind.EXCLAMATION;
  }

  /** Positive and negative sums of a sentence with contrast applied, and 1 when it opens with contrast. */
  private static double[] weigh(List<Hit> hits, List<Token> tokens, int start, int end, SentimentLexicon.Tables t) {
    int pivot = -1;
    boolean concessiveOpening = false;
    int opening = SentimentContext.matchAt(tokens, start, end, t.concessive);
    if (opening > 0) {
      concessiveOpening = true;
      pivot = start + opening;
      while (pivot < end && tokens.get(pivot).kind() != Kind.COMMA) {
        pivot++;
      }
    } else {
      for (int i = start + 1; i < end; i++) {
        if (SentimentContext.matchAt(tokens, i, end, t.contrast) > 0) {
          pivot = i;
        }
      }
    }
    boolean opensWithContrast = !concessiveOpening && SentimentContext.matchAt(tokens, start, end, t.contrast) > 0;
    boolean anythingAfter = false;
    for (Hit h : hits) {
      anythingAfter |= pivot >= 0 && h.at() > pivot;
    }
    double[] sums = new double[3];
    for (Hit h : hits) {
      double w = 1;
      if (pivot >= 0 && anythingAfter) {
        w = h.at() > pivot ? AFTER_CONTRAST : BEFORE_CONTRAST;
      } else if (opensWithContrast) {
        w = AFTER_CONTRAST;
      }
      double v = h.value() * w;
      if (v > 0) {
        sums[0] += v;
      } else {
        sums[1] -= v;
      }
    }
    sums[2] = opensWithContrast ? 1 : 0;
    return sums;
  }

  private List<Hit> hits(
      List<Token> tokens, String[] stems, int start, int end, SentimentLexicon.Tables t, boolean report,
      boolean statement) {
    List<Hit> hits = new ArrayList<>();
    List<Integer> cues = new ArrayList<>();
    int i = start;
    while (i < end) {
      Token tok = tokens.get(i);
      if (tok.kind() == Kind.SYMBOL) {
        Double v = lexicon.symbol(tok.form());
        if (v != null && v != 0) {
          hits.add(new Hit(i, v));
        }
        i++;
        continue;
      }
      if (tok.kind() != Kind.WORD) {
        i++;
        continue;
      }
      int length = 1;
      Double v = null;
      for (int len = Math.min(t.longestPhrase, end - i); len >= 2 && v == null; len--) {
        String key = phraseKey(tokens, stems, i, len);
        if (key != null && t.phrases.containsKey(key)) {
          v = t.phrases.get(key);
          length = len;
        }
      }
      boolean expected = false;
      if (v == null) {
        v = t.word(tok.form(), stems[i]);
        expected = v == null && (t.expected.contains(tok.form()) || t.expected.contains(stems[i]));
      }
      if ((v == null || v == 0) && !expected) {
        if (statement && length == 1 && SentimentContext.isNegator(tokens, i, start, t)) {
          cues.add(i);
        }
        i += length;
        continue;
      }
      int negator = SentimentContext.negator(tokens, i, start, t);
      boolean negated = negator >= 0;
      cues.remove((Integer) negator);
      double value;
      if (expected) {
        value = negated ? NEGATED_EXPECTED : 0;
      } else if (negated) {
        value = v * (v > 0 ? NEGATED_POSITIVE : NEGATED_NEGATIVE);
      } else {
        value = v;
      }
      value *= 1 + SentimentContext.booster(tokens, i, start, t);
      if (tok.shouting() || (i > start && tokens.get(i - 1).shouting())) {
        value *= SHOUTING;
      }
      if (report && Math.abs(value) < REPORT_STRONG) {
        value *= REPORT_WEAK;
      }
      if (value != 0) {
        hits.add(new Hit(i, value));
      }
      i += length;
    }
    for (int cue : cues) {
      hits.add(new Hit(cue, report ? NEGATION_CUE * REPORT_WEAK : NEGATION_CUE));
    }
    return hits;
  }

  private static String phraseKey(List<Token> tokens, String[] stems, int i, int len) {
    StringBuilder b = new StringBuilder();
    for (int k = i; k < i + len; k++) {
      if (tokens.get(k).kind() != Kind.WORD) {
        return null;
      }
      if (k > i) {
        b.append(' ');
      }
      b.append(stems[k]);
    }
    return b.toString();
  }
}
