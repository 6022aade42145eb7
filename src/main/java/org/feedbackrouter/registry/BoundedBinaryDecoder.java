package org.feedbackrouter.registry;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.io.Decoder;
import org.apache.avro.util.Utf8;

/**
 * Avro binary decoder over one payload that refuses any length or item count the remaining bytes cannot hold.
 * Avro's own BinaryDecoder allocates what the input claims before checking the input has it, so a corrupt
 * 7-byte body can demand gigabytes and kill the JVM with OutOfMemoryError; here it is a plain IOException.
 * One instance per payload; not thread-safe.
 */
final class BoundedBinaryDecoder extends Decoder {

  /** Items per array block when items may take no bytes (arrays of null), where the byte bound cannot apply. */
  static final int ZERO_WIDTH_ITEMS_LIMIT = 1 << 20;

  private final byte[] buf;
  private int pos;
  private final int limit;
  private final boolean arrayItemsTakeBytes;

  /**
   * @param arrayItemsTakeBytes whether every array item of the writer's schema takes at least one byte; see
   *     {@link #arrayItemsTakeBytes(Schema)}
   */
  BoundedBinaryDecoder(byte[] buf, int offset, int length, boolean arrayItemsTakeBytes) {
    this.buf = buf;
    this.pos = offset;
    this.limit = offset + length;
    this.arrayItemsTakeBytes = arrayItemsTakeBytes;
  }

  /** Whether the whole payload was consumed; anything left over means the body does not match its schema. */
  boolean isEnd() {
    return pos == limit;
  }

  int remaining() {
    return limit - pos;
  }

  /**
   * False when the schema has an array of a type that can encode to zero bytes (null, fixed of size 0, or a
   * record of only such fields); only then can an array claim more items than it has bytes.
   */
  static boolean arrayItemsTakeBytes(Schema schema) {
    return arrayItemsTakeBytes(schema, Collections.newSetFromMap(new IdentityHashMap<>()));
  }

  private static boolean arrayItemsTakeBytes(Schema schema, Set<Schema> seen) {
    if (!seen.add(schema)) {
      return true;
    }
    switch (schema.getType()) {
      case ARRAY:
        return !mayBeEmpty(schema.getElementType(), Collections.newSetFromMap(new IdentityHashMap<>()))
            && arrayItemsTakeBytes(schema.getElementType(), seen);
      case MAP:
        return arrayItemsTakeBytes(schema.getValueType(), seen);
      case UNION:
        return schema.getTypes().stream().allMatch(branch -> arrayItemsTakeBytes(branch, seen));
      case RECORD:
        return schema.getFields().stream().allMatch(field -> arrayItemsTakeBytes(field.schema(), seen));
      default:
        return true;
    }
  }

  private static boolean mayBeEmpty(Schema schema, Set<Schema> seen) {
    switch (schema.getType()) {
      case NULL:
        return true;
      case FIXED:
        return schema.getFixedSize() == 0;
      case RECORD:
        // A record that contains itself is never empty: it must hold at least a union index to stop recursing.
        return seen.add(schema) && schema.getFields().stream().allMatch(field -> mayBeEmpty(field.schema(), seen));
      default:
        return false;
    }
  }

  @Override
  public void readNull() {
    // Null takes no bytes.
  }

  @Override
  public boolean readBoolean() throws IOException {
    require(1);
    byte b = buf[pos++];
    if (b != 0 && b != 1) {
      throw new IOException("invalid boolean byte " + b + " at offset " + (pos - 1));
    }
    return b == 1;
  }

  @Override
  public int readInt() throws IOException {
    int value = 0;
    for (int shift = 0; shift < 35; shift += 7) {
      require(1);
      int b = buf[pos++] & 0xff;
      value |= (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return (value >>> 1) ^ -(value & 1);
      }
    }
    throw new IOException("invalid int encoding at offset " + pos);
  }

  @Override
  public long readLong() throws IOException {
    long value = 0;
    for (int shift = 0; shift < 70; shift += 7) {
      require(1);
      long b = buf[pos++] & 0xff;
      value |= (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return (value >>> 1) ^ -(value & 1);
      }
    }
    throw new IOException("invalid long encoding at offset " + pos);
  }

  @Override
  public float readFloat() throws IOException {
    require(4);
    int bits = (buf[pos] & 0xff) | (buf[pos + 1] & 0xff) << 8 | (buf[pos + 2] & 0xff) << 16 | (buf[pos + 3] & 0xff) << 24;
    pos += 4;
    return Float.intBitsToFloat(bits);
  }

  @Override
  public double readDouble() throws IOException {
    require(8);
    long bits = 0;
    for (int i = 7; i >= 0; i--) {
      bits = bits << 8 | (buf[pos + i] & 0xff);
    }
    pos += 8;
    return Double.longBitsToDouble(bits);
  }

  @Override
  public Utf8 readString(Utf8 old) throws IOException {
    int length = length("string");
    Utf8 result = old != null ? old : new Utf8();
    result.setByteLength(length);
    System.arraycopy(buf, pos, result.getBytes(), 0, length);
    pos += length;
    return result;
  }

  @Override
  public String readString() throws IOException {
    int length = length("string");
    String result = new String(buf, pos, length, StandardCharsets.UTF_8);
    pos += length;
    return result;
  }

  @Override
  public void skipString() throws IOException {
    // Not "pos += length()": Java reads pos before length() advances it past the length prefix.
    int length = length("string");
    pos += length;
  }

  @Override
  public ByteBuffer readBytes(ByteBuffer old) throws IOException {
    int length = length("bytes");
    ByteBuffer result;
    if (old != null && old.capacity() >= length) {
      result = old;
      result.clear();
    } else {
      result = ByteBuffer.allocate(length);
    }
    result.put(buf, pos, length).flip();
    pos += length;
    return result;
  }

  @Override
  public void skipBytes() throws IOException {
    int length = length("bytes");
    pos += length;
  }

  @Override
  public void readFixed(byte[] bytes, int start, int length) throws IOException {
    require(length);
    System.arraycopy(buf, pos, bytes, start, length);
    pos += length;
  }

  @Override
  public void skipFixed(int length) throws IOException {
    require(length);
    pos += length;
  }

  @Override
  public int readEnum() throws IOException {
    return readInt();
  }

  @Override
  public long readArrayStart() throws IOException {
    return itemCount(arrayItemsTakeBytes);
  }

  @Override
  public long arrayNext() throws IOException {
    return itemCount(arrayItemsTakeBytes);
  }

  @Override
  public long skipArray() throws IOException {
    return skipBlocks(arrayItemsTakeBytes);
  }

  @Override
  public long readMapStart() throws IOException {
    return itemCount(true);
  }

  @Override
  public long mapNext() throws IOException {
    return itemCount(true);
  }

  @Override
  public long skipMap() throws IOException {
    return skipBlocks(true);
  }

  @Override
  public int readIndex() throws IOException {
    return readInt();
  }

  /** A block's item count; a negative count is followed by the block's size in bytes, which is not needed. */
  private long itemCount(boolean itemsTakeBytes) throws IOException {
    long count = readLong();
    if (count < 0) {
      blockSize();
      count = -count;
    }
    return checkedCount(count, itemsTakeBytes);
  }

  /** Skips blocks that carry their byte size; returns the item count of the first block that does not. */
  private long skipBlocks(boolean itemsTakeBytes) throws IOException {
    long count = readLong();
    while (count < 0) {
      int size = blockSize();
      pos += size;
      count = readLong();
    }
    return checkedCount(count, itemsTakeBytes);
  }

  private int blockSize() throws IOException {
    long size = readLong();
    if (size < 0 || size > remaining()) {
      throw new IOException("block claims " + size + " bytes, " + remaining() + " remain");
    }
    return (int) size;
  }

  private long checkedCount(long count, boolean itemsTakeBytes) throws IOException {
    long bound = itemsTakeBytes ? remaining() : ZERO_WIDTH_ITEMS_LIMIT;
    if (count < 0 || count > bound) {
      throw new IOException("block claims " + count + " items, " + remaining() + " bytes remain");
    }
    return count;
  }

  private int length(String what) throws IOException {
    long length = readLong();
    if (length < 0 || length > remaining()) {
      throw new IOException(what + " claims " + length + " bytes, " + remaining() + " remain");
    }
    return (int) length;
  }

  private void require(int bytes) throws EOFException {
    if (bytes < 0 || bytes > limit - pos) {
      throw new EOFException("need " + bytes + " more bytes at offset " + pos + ", " + (limit - pos) + " remain");
    }
  }
}
