package org.feedbackrouter.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SignatureTest {

  @Test
  void matchesTheRfc4231TestVector() {
    // RFC 4231, test case 2.
    String signature = Signature.sign("what do ya want for nothing?".getBytes(StandardCharsets.UTF_8), "Jefe");
    assertThat(signature).isEqualTo("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  }

  @Test
  void anyChangeToTheBodyOrTheSecretChangesTheSignature() {
    byte[] body = "{\"taskId\":\"t-1\"}".getBytes(StandardCharsets.UTF_8);
    byte[] tampered = "{\"taskId\":\"t-2\"}".getBytes(StandardCharsets.UTF_8);
    assertThat(Signature.sign(body, "s3cret")).isNotEqualTo(Signature.sign(tampered, "s3cret"))
        .isNotEqualTo(Signature.sign(body, "s3cret2"));
  }
}
