package org.feedbackrouter.dlq;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES-256 key that seals dead letters' original values (AES-GCM, a fresh 96-bit nonce per
 * record, 128-bit tag). Sealed bytes are {@code version (1) | nonce (12) | ciphertext and tag}.
 * The key id, the first 8 hex digits of the key's SHA-256, travels in a header so that a replay
 * can tell which key a record needs without ever seeing it. Thread-safe; {@link #toString()}
 * shows the id only.
 */
public final class DeadLetterKey {
  private static final byte VERSION = 1;
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final byte[] CONTEXT = "feedback-router dead letter v1".getBytes(StandardCharsets.US_ASCII);

  private final SecretKeySpec key;
  private final String id;
  private final SecureRandom random = new SecureRandom();

  private DeadLetterKey(byte[] raw) {
    this.key = new SecretKeySpec(raw, "AES");
    try {
      this.id = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw), 0, 4);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("no SHA-256 in this JVM", e);
    }
  }

  /**
   * Reads a base64 key of exactly 32 bytes. The message of a failure never quotes the value: it
   * is a secret, and problems are printed.
   */
  public static DeadLetterKey fromBase64(String base64) {
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(base64.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("is not base64");
    }
    if (raw.length != 32) {
      throw new IllegalArgumentException("must be 32 bytes (256 bits) once decoded, was " + raw.length);
    }
    return new DeadLetterKey(raw);
  }

  /** A random key that lives as long as this process: for the demo. */
  public static DeadLetterKey ephemeral() {
    byte[] raw = new byte[32];
    new SecureRandom().nextBytes(raw);
    return new DeadLetterKey(raw);
  }

  public String id() {
    return id;
  }

  public byte[] seal(byte[] plain) {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      c.updateAAD(CONTEXT);
      byte[] sealed = c.doFinal(plain);
      return ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length).put(VERSION).put(nonce).put(sealed).array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM unavailable", e);
    }
  }

  /** The original bytes; fails if they were sealed under another key or altered. */
  public byte[] open(byte[] sealed) {
    if (sealed == null || sealed.length < 1 + NONCE_BYTES + TAG_BITS / 8 || sealed[0] != VERSION) {
      throw new IllegalArgumentException("not a sealed dead letter (version " + VERSION + ")");
    }
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 1, NONCE_BYTES));
      c.updateAAD(CONTEXT);
      return c.doFinal(sealed, 1 + NONCE_BYTES, sealed.length - 1 - NONCE_BYTES);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot open the sealed value with key " + id + ": " + e.getClass().getSimpleName());
    }
  }

  @Override
  public String toString() {
    return "DeadLetterKey[" + id + "]";
  }
}
