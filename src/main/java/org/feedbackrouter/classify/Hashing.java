package org.feedbackrouter.classify;

/** 64-bit hashing of words and character windows without building strings. */
final class Hashing {

  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  private Hashing() {}

  static long chars(char[] chars, int offset, int length) {
    long h = FNV_OFFSET;
    for (int i = offset, end = offset + length; i < end; i++) {
      h = (h ^ chars[i]) * FNV_PRIME;
    }
    return mix(h);
  }

  /** Continues an FNV-1a hash by one character; finish with {@link #mix}. */
  static long step(long h, char c) {
    return (h ^ c) * FNV_PRIME;
  }

  static long start() {
    return FNV_OFFSET;
  }

  /** Order-sensitive combination of two hashes. */
  static long pair(long a, long b) {
    return mix(a * 0x9E3779B97F4A7C15L + b);
  }

  /** MurmurHash3's 64-bit finaliser: spreads every input bit over the output. */
  static long mix(long h) {
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }
}
