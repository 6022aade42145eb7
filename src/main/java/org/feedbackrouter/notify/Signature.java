package org.feedbackrouter.notify;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The webhook signature, {@code X-Feedback-Signature: sha256=<hex HMAC-SHA256 of the body>}, as
 * GitHub signs its webhooks: receivers verify it with a standard HMAC and a constant-time compare.
 */
public final class Signature {
  public static final String HEADER = "X-Feedback-Signature";
  private static final String ALGORITHM = "HmacSHA256";

  private Signature() {}

  public static String sign(byte[] body, String secret) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
      return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      // Every Java runtime ships HmacSHA256.
      throw new IllegalStateException(e);
    }
  }
}
