package org.feedbackrouter.classify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Finds known words and phrases, as stem hashes, in an analysed text. Entries are sorted by their
 * first stem and an open-addressing table maps each first stem to its first entry, so a lookup is
 * one or two array probes: no boxing, no allocation.
 */
final class PhraseIndex {

  /** Told about each entry found, with where it starts. */
  interface Hit {
    void found(int entry, int position);
  }

  private final long[] firstStems;
  private final long[][] phrases;
  private final int[] payloads;
  private final int mask;
  private final long[] tableKeys;
  private final int[] tableFirst;

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
    int capacity = Integer.highestOneBit(Math.max(8, order.length * 4));
    mask = capacity - 1;
    tableKeys = new long[capacity];
    tableFirst = new int[capacity];
    Arrays.fill(tableFirst, -1);
    for (int i = 0; i < firstStems.length; i++) {
      if (i > 0 && firstStems[i] == firstStems[i - 1]) {
        continue;
      }
      int slot = (int) firstStems[i] & mask;
      while (tableFirst[slot] >= 0) {
        slot = (slot + 1) & mask;
      }
      tableKeys[slot] = firstStems[i];
      tableFirst[slot] = i;
    }
  }

  /** The first entry starting with this stem, or -1. */
  private int first(long stem) {
    for (int slot = (int) stem & mask; tableFirst[slot] >= 0; slot = (slot + 1) & mask) {
      if (tableKeys[slot] == stem) {
        return tableFirst[slot];
      }
    }
    return -1;
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
      int i = first(stems[pos]);
      if (i < 0) {
        continue;
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
      AnalyzedText analyzed = new AnalyzedText(1, 0, false);
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
