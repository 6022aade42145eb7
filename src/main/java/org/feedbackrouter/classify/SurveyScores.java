package org.feedbackrouter.classify;

/**
 * The survey answers that came with a feedback, each optional, read into bands: NPS 0-6 detractor,
 * 7-8 passive, 9-10 promoter; CSAT 1-2 unsatisfied, 3 neutral, 4-5 satisfied; CES (1-7, higher is
 * more effort) 5-7 high effort, 4 neutral, 1-3 low effort. Out-of-range answers are ignored.
 */
record SurveyScores(Integer nps, Integer csat, Integer ces) {

  enum Band {
    NEGATIVE,
    NEUTRAL,
    POSITIVE
  }

  Band npsBand() {
    if (nps == null || nps < 0 || nps > 10) {
      return null;
    }
    return nps <= 6 ? Band.NEGATIVE : nps <= 8 ? Band.NEUTRAL : Band.POSITIVE;
  }

  Band csatBand() {
    if (csat == null || csat < 1 || csat > 5) {
      return null;
    }
    return csat <= 2 ? Band.NEGATIVE : csat == 3 ? Band.NEUTRAL : Band.POSITIVE;
  }

  Band cesBand() {
    if (ces == null || ces < 1 || ces > 7) {
      return null;
    }
    return ces >= 5 ? Band.NEGATIVE : ces == 4 ? Band.NEUTRAL : Band.POSITIVE;
  }

  /** Mean of the bands present, -1 to 1, or null when no valid score came. */
  Double polarity() {
    double sum = 0;
    int n = 0;
    for (Band b : new Band[] {npsBand(), csatBand(), cesBand()}) {
      if (b != null) {
        sum += b.ordinal() - 1;
        n++;
      }
    }
    return n == 0 ? null : sum / n;
  }
}
