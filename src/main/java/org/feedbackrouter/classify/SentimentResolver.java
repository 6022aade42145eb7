package org.feedbackrouter.classify;

import org.feedbackrouter.avro.Sentiment;

/**
 * Decides a feedback's sentiment from what its words say and, when it came with them, its survey
 * scores.
 *
 * <p>Text alone (on {@link TextSentiment}'s VADER scale): MIXED when both sides carry real weight
 * and the weaker is at least a third of the stronger; NEGATIVE when the negative side is at least
 * 0.8 of the positive one (ties go negative: calling a complaint positive costs more than calling
 * praise negative); POSITIVE only with clear praise and no clearly negative words; else NEUTRAL.
 *
 * <p>Survey scores override the text when present and not neutral: NPS 0-6, CSAT 1-2 and CES 5-7
 * say NEGATIVE, NPS 9-10, CSAT 4-5 and CES 1-3 POSITIVE. The text only turns them into MIXED when it
 * says the opposite clearly (a promoter who writes a complaint). Neutral scores let the text decide.
 */
final class SentimentResolver {

  // Below this a side is noise ("ok", one mild word); at it, an opinion.
  static final double EVIDENCE = 0.5;
  // Both sides at least this strong, the weaker a third of the stronger: real mixed feeling.
  static final double MIXED_EVIDENCE = 1.2;
  static final double MIXED_RATIO = 0.33;
  // A text with this much negative weight is clearly negative and never comes out POSITIVE.
  static final double CLEARLY_NEGATIVE = 2.0;
  // Praise needs at least one strong word ("excelente", "great") or several mild ones: in customer
  // feedback, a lone mild word ("nuevo", "correcto", "fine") says little, and complaints are common.
  static final double POSITIVE_EVIDENCE = 2.0;
  // Negative wins unless the positive side is this much larger.
  static final double NEGATIVE_BIAS = 0.8;

  private SentimentResolver() {}

  static Sentiment ofText(TextSentiment text) {
    double p = text.positive();
    double n = text.negative();
    double pp = text.plainPositive();
    double pn = text.plainNegative();
    if (pp >= MIXED_EVIDENCE && pn >= MIXED_EVIDENCE && Math.min(pp, pn) >= MIXED_RATIO * Math.max(pp, pn)) {
      return Sentiment.MIXED;
    }
    if (n > 0 && n >= NEGATIVE_BIAS * p) {
      return n >= EVIDENCE ? Sentiment.NEGATIVE : Sentiment.NEUTRAL;
    }
    if (p >= POSITIVE_EVIDENCE) {
      return n >= CLEARLY_NEGATIVE ? Sentiment.MIXED : Sentiment.POSITIVE;
    }
    return Sentiment.NEUTRAL;
  }

  static Sentiment ofScores(SurveyScores scores) {
    Double p = scores.polarity();
    if (p == null) {
      return null;
    }
    return p <= -0.5 ? Sentiment.NEGATIVE : p >= 0.5 ? Sentiment.POSITIVE : Sentiment.NEUTRAL;
  }

  static Sentiment resolve(TextSentiment text, SurveyScores scores) {
    return resolve(ofText(text), text, scores);
  }

  /**
   * @param fromText the text's verdict (the lexicon's, or the trained model's)
   * @param text the lexicon's sums, which say whether the text clearly contradicts the scores
   */
  static Sentiment resolve(Sentiment fromText, TextSentiment text, SurveyScores scores) {
    Sentiment fromScores = ofScores(scores);
    if (fromScores == null || fromScores == Sentiment.NEUTRAL) {
      return fromText;
    }
    boolean contradicts =
        fromScores == Sentiment.POSITIVE
            ? fromText == Sentiment.NEGATIVE && text.negative() >= CLEARLY_NEGATIVE
            : fromText == Sentiment.POSITIVE && text.positive() >= CLEARLY_NEGATIVE;
    return contradicts ? Sentiment.MIXED : fromScores;
  }
}
