package org.feedbackrouter.classify;

import java.util.Arrays;

/**
 * Hashed features: a feature's 64-bit hash picks a bucket, and buckets seen in training get a
 * compact row, so weights only exist for features the model knows and stay cache-friendly.
 */
final class FeatureSpace {

  static final int UNKNOWN = -1;

  private final int shift;
  private final int[] rowOfBucket;
  private int rows;

  FeatureSpace(int bucketBits) {
    this.shift = 64 - bucketBits;
    this.rowOfBucket = new int[1 << bucketBits];
    Arrays.fill(rowOfBucket, UNKNOWN);
  }

  /** The row of a known feature, or {@link #UNKNOWN}. */
  int row(long hash) {
    return rowOfBucket[(int) (hash >>> shift)];
  }

  /** The row of a feature, adding it when new. Training only: not thread-safe. */
  int rowOrAdd(long hash) {
    int bucket = (int) (hash >>> shift);
    int row = rowOfBucket[bucket];
    if (row == UNKNOWN) {
      row = rows++;
      rowOfBucket[bucket] = row;
    }
    return row;
  }

  int rows() {
    return rows;
  }
}
