package org.feedbackrouter.classify;

import org.feedbackrouter.avro.Sentiment;

/**
 * Combines what the survey scores and the words say. MIXED when the text holds both praise and
 * complaint, or when scores and text point in opposite directions; otherwise whichever of the two
 * has an opinion, the text breaking a tie with neutral scores.
 */
final class SentimentResolver {

  // Below this, a side of the text is noise rather than an opinion.
  private static final double MIN_EVIDENCE = 1.0;

  private SentimentResolver() {}

  static Sentiment ofText(TextSentiment text) {
    boolean pos = text.positive() >= MIN_EVIDENCE;
    boolean neg = text.negative() >= MIN_EVIDENCE;
    if (pos && neg) {
      return Sentiment.MIXED;
    }
    if (text.negative() > text.positive() && text.negative() > 0) {
      return Sentiment.NEGATIVE;
    }
    if (text.positive() > text.negative()) {
      return Sentiment.POSITIVE;
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
    Sentiment fromText = ofText(text);
    Sentiment fromScores = ofScores(scores);
    if (fromScores == null || fromText == Sentiment.MIXED) {
      return fromText;
    }
    if (fromText == Sentiment.NEUTRAL) {
      return fromScores;
    }
    if (fromScores == Sentiment.NEUTRAL || fromScores == fromText) {
      return fromText;
    }
    return Sentiment.MIXED;
  }
}
