package org.feedbackrouter.classify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Finds known words and phrases, as stem hashes, in an analysed text. Entries are sorted by their
 * first stem, so a lookup is a binary search over a long array: no boxing, no allocation.
 */
final class PhraseIndex {

  /** Told about each entry found, with where it starts. */
  interface Hit {
    void found(int entry, int position);
  }

  private final long[] firstStems;
  private final long[][] phrases;
  private final int[] payloads;

  private PhraseIndex(List<long[]> phraseList, List<Integer> payloadList) {
    Integer[] order = new Integer[phraseList.size()];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, Comparator.comparingLong(i -> phraseList.get(i)[0]));
    firstStems = new long[order.length];
    phrases = new long[order.length][];
    payloads = new int[order.length];
    for (int i = 0; i < order.length; i++) {
      phrases[i] = phraseList.get(order[i]);
      firstStems[i] = phrases[i][0];
      payloads[i] = payloadList.get(order[i]);
    }
  }

  int size() {
    return phrases.length;
  }

  /** What the entry was added with (a rule number, a lexicon value...). */
  int payload(int entry) {
    return payloads[entry];
  }

  int length(int entry) {
    return phrases[entry].length;
  }

  void find(long[] stems, int count, Hit hit) {
    if (firstStems.length == 0) {
      return;
    }
    for (int pos = 0; pos < count; pos++) {
      int i = Arrays.binarySearch(firstStems, stems[pos]);
      if (i < 0) {
        continue;
      }
      while (i > 0 && firstStems[i - 1] == stems[pos]) {
        i--;
      }
      for (; i < firstStems.length && firstStems[i] == stems[pos]; i++) {
        if (matchesAt(phrases[i], stems, count, pos)) {
          hit.found(i, pos);
        }
      }
    }
  }

  private static boolean matchesAt(long[] phrase, long[] stems, int count, int pos) {
    if (pos + phrase.length > count) {
      return false;
    }
    for (int k = 1; k < phrase.length; k++) {
      if (stems[pos + k] != phrase[k]) {
        return false;
      }
    }
    return true;
  }

  /** Collects entries, analysing each phrase like the texts it will be matched against. */
  static final class Builder {
    private final TextAnalyzer analyzer;
    private final List<long[]> phrases = new ArrayList<>();
    private final List<Integer> payloads = new ArrayList<>();

    Builder(TextAnalyzer analyzer) {
      this.analyzer = analyzer;
    }

    /** Adds a phrase; returns false when it analyses to no word at all. */
    boolean add(String phrase, Language language, int payload) {
      AnalyzedText analyzed = new AnalyzedText(1, 0);
      analyzer.analyze(phrase, language, analyzed);
      if (analyzed.stemCount() == 0) {
        return false;
      }
      phrases.add(Arrays.copyOf(analyzed.stems(), analyzed.stemCount()));
      payloads.add(payload);
      return true;
    }

    PhraseIndex build() {
      return new PhraseIndex(phrases, payloads);
    }
  }
}
