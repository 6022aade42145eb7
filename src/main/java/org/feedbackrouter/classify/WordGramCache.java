package org.feedbackrouter.classify;

import java.util.Arrays;

/**
 * Per thread and model, what the character n-grams of a word add to each label's score and to the
 * squared norm of the n-gram features. Feedback reuses a small vocabulary, so scoring a text costs
 * one lookup per word instead of a dozen weight rows; words are hashed, and the table is emptied
 * when half full.
 */
final class WordGramCache {

  private final Object model;
  private final int labels;
  private final int mask;
  private final long[] keys;
  private final boolean[] used;
  private final float[] vectors;
  private final float[] squares;
  private int size;

  WordGramCache(Object model, int labels) {
    this.model = model;
    this.labels = labels;
    // A quarter of a megabyte of vectors (256 to 4096 words), so the table stays in cache.
    int capacity = Integer.highestOneBit(Math.max(256, Math.min(4096, (1 << 18) / (labels * 4))));
    this.mask = capacity - 1;
    this.keys = new long[capacity];
    this.used = new boolean[capacity];
    this.vectors = new float[capacity * labels];
    this.squares = new float[capacity];
  }

  boolean isFor(Object m) {
    return model == m;
  }

  /** The slot of a word, or -1. */
  int find(long word) {
    for (int slot = (int) word & mask; used[slot]; slot = (slot + 1) & mask) {
      if (keys[slot] == word) {
        return slot;
      }
    }
    return -1;
  }

  /** A zeroed slot for a word not in the table. */
  int insert(long word) {
    if (size > mask / 2) {
      Arrays.fill(used, false);
      size = 0;
    }
    int slot = (int) word & mask;
    while (used[slot]) {
      slot = (slot + 1) & mask;
    }
    used[slot] = true;
    keys[slot] = word;
    Arrays.fill(vectors, slot * labels, slot * labels + labels, 0);
    squares[slot] = 0;
    size++;
    return slot;
  }

  float[] vectors() {
    return vectors;
  }

  float[] squares() {
    return squares;
  }
}
