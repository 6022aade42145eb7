package org.feedbackrouter.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The API's bearer tokens, one per department, from {@code FEEDBACK_API_TOKENS}
 * ({@code finance:<token>,legal:<token>,admin:<token>}). Tokens are kept only as SHA-256 digests
 * and compared with {@link MessageDigest#isEqual} against every known digest, so neither the
 * comparison time nor the order of entries tells an attacker anything. Nothing here ever prints
 * a token: {@link #toString()} lists departments only, and parse errors name the entry's
 * position and department, never its token.
 */
public final class ApiTokens {
  public static final String ADMIN = "admin";
  /** Short tokens are guessable; 16 characters of a random token carry about 96 bits. */
  public static final int MIN_TOKEN_LENGTH = 16;
  private static final String BEARER = "Bearer ";

  private final Map<String, byte[]> digests;

  private ApiTokens(Map<String, byte[]> digests) {
    this.digests = digests;
  }

  /** No tokens: every API call is refused with 401. */
  public static ApiTokens none() {
    return new ApiTokens(Map.of());
  }

  /**
   * Parses {@code department:token,...}; blank means none.
   *
   * @throws IllegalArgumentException saying what is wrong, without the tokens
   */
  public static ApiTokens parse(String spec) {
    if (spec == null || spec.isBlank()) {
      return none();
    }
    Map<String, byte[]> digests = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    String[] entries = spec.split(",");
    for (int i = 0; i < entries.length; i++) {
      String entry = entries[i].trim();
      int colon = entry.indexOf(':');
      String department = colon < 0 ? "" : entry.substring(0, colon).trim();
      String token = colon < 0 ? "" : entry.substring(colon + 1).trim();
      String where = "entry " + (i + 1) + (department.isEmpty() ? "" : " (" + department + ")");
      if (colon < 0) {
        problems.add(where + " is not department:token");
      } else if (!department.matches("[a-z0-9][a-z0-9_.-]*")) {
        problems.add(where + ": the department must be lower case letters, digits, _ . -");
      } else if (token.length() < MIN_TOKEN_LENGTH) {
        problems.add(where + ": the token must have at least " + MIN_TOKEN_LENGTH + " characters");
      } else if (digests.containsKey(department)) {
        problems.add(where + ": the department has a token already");
      } else {
        byte[] digest = sha256(token);
        if (digests.values().stream().anyMatch(d -> MessageDigest.isEqual(d, digest))) {
          problems.add(where + ": the token is the same as another department's");
        } else {
          digests.put(department, digest);
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
    return new ApiTokens(Collections.unmodifiableMap(digests));
  }

  /** A fresh random token (URL-safe Base64 of 24 bytes from {@link SecureRandom}). */
  public static String generate(SecureRandom random) {
    byte[] bytes = new byte[24];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  public boolean isEmpty() {
    return digests.isEmpty();
  }

  public Set<String> departments() {
    return digests.keySet();
  }

  /**
   * The caller an {@code Authorization} header names, if its bearer token is known.
   *
   * @param fallbackDepartment the department that, like admin, sees everything
   */
  public Optional<Caller> authenticate(String authorization, String fallbackDepartment) {
    if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return Optional.empty();
    }
    byte[] presented = sha256(authorization.substring(BEARER.length()).trim());
    String match = null;
    // Every digest is compared, match or not, so timing does not depend on which one matched.
    for (Map.Entry<String, byte[]> e : digests.entrySet()) {
      if (MessageDigest.isEqual(e.getValue(), presented)) {
        match = e.getKey();
      }
    }
    return Optional.ofNullable(match)
        .map(d -> new Caller(d, d.equals(ADMIN) || d.equals(fallbackDepartment)));
  }

  private static byte[] sha256(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  @Override
  public String toString() {
    return "ApiTokens" + digests.keySet();
  }
}
