package org.feedbackrouter.classify;

import java.util.Arrays;

/**
 * One text after analysis: the hash of each stemmed word in order, and each folded word as written
 * (its characters and hash). For training it also lists the hashes of every character n-gram;
 * scoring gets those per word from {@link WordGramCache} instead. Reused per thread, so arrays only
 * grow.
 */
final class AnalyzedText implements TextAnalyzer.WordSink {

  private final int minGram;
  private final int maxGram;
  private final boolean listGrams;
  private long[] stems = new long[64];
  private int stemCount;
  private char[] surfaceChars = new char[256];
  private int surfaceCharCount;
  private int[] surfaceStart = new int[64];
  private long[] surfaceHash = new long[64];
  private int surfaceCount;
  private long[] grams = new long[0];
  private int gramCount;

  /**
   * @param listGrams list every character n-gram's hash (training); scoring leaves this off
   */
  AnalyzedText(int minGram, int maxGram, boolean listGrams) {
    this.minGram = minGram;
    this.maxGram = maxGram;
    this.listGrams = listGrams && maxGram > 0;
  }

  void clear() {
    stemCount = 0;
    surfaceCharCount = 0;
    surfaceCount = 0;
    gramCount = 0;
  }

  @Override
  public void surface(char[] chars, int length) {
    if (surfaceCount == surfaceStart.length) {
      surfaceStart = Arrays.copyOf(surfaceStart, surfaceCount * 2);
      surfaceHash = Arrays.copyOf(surfaceHash, surfaceCount * 2);
    }
    if (surfaceCharCount + length > surfaceChars.length) {
      surfaceChars = Arrays.copyOf(surfaceChars, Math.max(surfaceChars.length * 2, surfaceCharCount + length));
    }
    System.arraycopy(chars, 0, surfaceChars, surfaceCharCount, length);
    surfaceStart[surfaceCount] = surfaceCharCount;
    surfaceHash[surfaceCount++] = Hashing.chars(chars, 0, length);
    surfaceCharCount += length;
    if (listGrams) {
      int needed = gramCount + CharGrams.maxCount(length, minGram, maxGram);
      if (grams.length < needed) {
        grams = Arrays.copyOf(grams, Math.max(needed, grams.length * 2));
      }
      gramCount = CharGrams.hashes(chars, 0, length, minGram, maxGram, grams, gramCount);
    }
  }

  @Override
  public void stem(char[] chars, int length) {
    if (stemCount == stems.length) {
      stems = Arrays.copyOf(stems, stemCount * 2);
    }
    stems[stemCount++] = Hashing.chars(chars, 0, length);
  }

  long[] stems() {
    return stems;
  }

  int stemCount() {
    return stemCount;
  }

  int surfaceCount() {
    return surfaceCount;
  }

  long surfaceHash(int word) {
    return surfaceHash[word];
  }

  char[] surfaceChars() {
    return surfaceChars;
  }

  int surfaceStart(int word) {
    return surfaceStart[word];
  }

  int surfaceLength(int word) {
    int end = word + 1 < surfaceCount ? surfaceStart[word + 1] : surfaceCharCount;
    return end - surfaceStart[word];
  }

  /** Character n-gram hashes of all words; empty unless built to list them. */
  long[] grams() {
    return grams;
  }

  int gramCount() {
    return gramCount;
  }
}
