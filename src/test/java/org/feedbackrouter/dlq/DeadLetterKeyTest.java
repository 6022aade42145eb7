package org.feedbackrouter.dlq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class DeadLetterKeyTest {
  private static final String B64 = Base64.getEncoder().encodeToString(new byte[32]);

  @Test
  void sealsWithAFreshNonceAndOpensOnlyUnderTheSameKey() {
    DeadLetterKey key = DeadLetterKey.fromBase64(B64);
    byte[] plain = "IBAN ES9121000418450200051332".getBytes(StandardCharsets.UTF_8);
    byte[] a = key.seal(plain);
    byte[] b = key.seal(plain);
    assertThat(a).isNotEqualTo(b).hasSize(1 + 12 + plain.length + 16);
    assertThat(new String(a, StandardCharsets.ISO_8859_1)).doesNotContain("ES91");
    assertThat(key.open(a)).isEqualTo(plain);
    assertThat(DeadLetterKey.fromBase64(B64).open(b)).isEqualTo(plain);

    assertThatThrownBy(() -> DeadLetterKey.ephemeral().open(a)).hasMessageContaining("cannot open");
    a[a.length - 1] ^= 1;
    assertThatThrownBy(() -> key.open(a)).hasMessageContaining("cannot open");
  }

  @Test
  void theIdNamesTheKeyWithoutRevealingIt() {
    DeadLetterKey key = DeadLetterKey.fromBase64(B64);
    assertThat(key.id()).matches("[0-9a-f]{8}").isEqualTo(DeadLetterKey.fromBase64(B64).id())
        .isNotEqualTo(DeadLetterKey.ephemeral().id());
    assertThat(key.toString()).isEqualTo("DeadLetterKey[" + key.id() + "]");
  }

  @Test
  void badKeysAreRefusedWithoutQuotingThem() {
    assertThatThrownBy(() -> DeadLetterKey.fromBase64("c2VjcmV0")).hasMessage("must be 32 bytes (256 bits) once decoded, was 6");
    assertThatThrownBy(() -> DeadLetterKey.fromBase64("not base64!")).hasMessage("is not base64");
  }
}
