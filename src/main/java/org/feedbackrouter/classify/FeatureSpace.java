package org.feedbackrouter.classify;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * Hashed features: a feature's 64-bit hash picks a bucket, and buckets seen in training get a
 * compact row, so weights only exist for features the model knows and stay cache-friendly.
 *
 * <p>Most features of a new text (rare word pairs above all) are unknown. A bitset of about eight
 * bits per known feature, small enough to stay in cache, answers "unknown" for most of them before
 * the larger bucket table is touched.
 */
final class FeatureSpace {

  static final int UNKNOWN = -1;

  private final int shift;
  private final int[] rowOfBucket;
  private final long[] seen;
  private final int seenMask;
  private int rows;

  /**
   * @param bucketBits log2 of the number of buckets
   * @param expectedRows how many features training is expected to add, to size the bitset
   */
  FeatureSpace(int bucketBits, int expectedRows) {
    this.shift = 64 - bucketBits;
    this.rowOfBucket = new int[1 << bucketBits];
    Arrays.fill(rowOfBucket, UNKNOWN);
    int bits = Integer.highestOneBit(Math.max(1 << 12, expectedRows) * 8 - 1) << 1;
    this.seen = new long[bits >>> 6];
    this.seenMask = bits - 1;
  }

  /** The row of a known feature, or {@link #UNKNOWN}. */
  int row(long hash) {
    int bit = (int) hash & seenMask;
    if ((seen[bit >>> 6] & (1L << bit)) == 0) {
      return UNKNOWN;
    }
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
    int bit = (int) hash & seenMask;
    seen[bit >>> 6] |= 1L << bit;
    return row;
  }

  int rows() {
    return rows;
  }

  void write(DataOutput out) throws IOException {
    out.writeInt(64 - shift);
    out.writeInt(rows);
    out.writeInt(seen.length);
    for (long word : seen) {
      out.writeLong(word);
    }
    // Only the known buckets: the table is mostly empty.
    for (int bucket = 0; bucket < rowOfBucket.length; bucket++) {
      if (rowOfBucket[bucket] != UNKNOWN) {
        out.writeInt(bucket);
        out.writeInt(rowOfBucket[bucket]);
      }
    }
    out.writeInt(-1);
  }

  static FeatureSpace read(DataInput in) throws IOException {
    int bucketBits = in.readInt();
    int rows = in.readInt();
    int words = in.readInt();
    if (bucketBits < 1 || bucketBits > 30 || rows < 0 || words < 1 || Integer.bitCount(words) != 1) {
      throw new IOException("corrupt feature space");
    }
    FeatureSpace space = new FeatureSpace(bucketBits, words * 8);
    if (space.seen.length != words) {
      throw new IOException("corrupt feature space");
    }
    for (int i = 0; i < words; i++) {
      space.seen[i] = in.readLong();
    }
    for (int bucket = in.readInt(); bucket >= 0; bucket = in.readInt()) {
      space.rowOfBucket[bucket] = in.readInt();
    }
    space.rows = rows;
    return space;
  }
}
