package org.feedbackrouter.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class ApiTokensTest {
  private static final String FINANCE = "fin-0123456789abcdef";
  private static final String ADMIN = "adm-0123456789abcdef";
  private static final String CX = "cx--0123456789abcdef";
  private final ApiTokens tokens = ApiTokens.parse(
      " finance:" + FINANCE + ", admin:" + ADMIN + ",cx_office:" + CX);

  @Test
  void aDepartmentTokenNamesItsDepartmentOnly() {
    Caller caller = tokens.authenticate("Bearer " + FINANCE, "cx_office").orElseThrow();
    assertThat(caller).isEqualTo(new Caller("finance", false));
    assertThat(caller.mayAccess("finance")).isTrue();
    assertThat(caller.mayAccess("legal")).isFalse();
  }

  @Test
  void adminAndTheFallbackDepartmentSeeEverything() {
    assertThat(tokens.authenticate("Bearer " + ADMIN, "cx_office").orElseThrow().mayAccess("legal")).isTrue();
    assertThat(tokens.authenticate("bearer " + CX, "cx_office").orElseThrow().mayAccess("legal")).isTrue();
    assertThat(tokens.authenticate("Bearer " + CX, "other_fallback").orElseThrow().mayAccess("legal")).isFalse();
  }

  @Test
  void unknownMissingOrNonBearerCredentialsNameNoOne() {
    assertThat(tokens.authenticate(null, "cx_office")).isEmpty();
    assertThat(tokens.authenticate("Bearer " + FINANCE + "x", "cx_office")).isEmpty();
    assertThat(tokens.authenticate("Bearer ", "cx_office")).isEmpty();
    assertThat(tokens.authenticate("Basic " + FINANCE, "cx_office")).isEmpty();
    assertThat(tokens.authenticate(FINANCE, "cx_office")).isEmpty();
    assertThat(ApiTokens.none().authenticate("Bearer " + FINANCE, "cx_office")).isEmpty();
  }

  @Test
  void blankMeansNoTokens() {
    assertThat(ApiTokens.parse("").isEmpty()).isTrue();
    assertThat(ApiTokens.parse(null).isEmpty()).isTrue();
    assertThat(tokens.departments()).containsExactly("finance", "admin", "cx_office");
  }

  @Test
  void badEntriesAreReportedWithoutTheirTokens() {
    String secret = "short-secret";
    assertThatThrownBy(() -> ApiTokens.parse("finance:" + secret + ",legal-without-a-colon," + "Bad Name:" + FINANCE
        + ",it:" + ADMIN + ",it:" + CX + ",hr:" + ADMIN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("entry 1 (finance): the token must have at least 16 characters")
        .hasMessageContaining("entry 2 is not department:token")
        .hasMessageContaining("entry 3 (Bad Name): the department must be")
        .hasMessageContaining("entry 5 (it): the department has a token already")
        .hasMessageContaining("entry 6 (hr): the token is the same as another department's")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(secret, FINANCE, ADMIN, CX, "legal-without"));
  }

  @Test
  void toStringListsDepartmentsNotTokens() {
    assertThat(tokens.toString()).contains("finance").doesNotContain(FINANCE, ADMIN, CX);
  }

  @Test
  void generatedTokensAreLongEnoughAndDiffer() {
    SecureRandom random = new SecureRandom();
    String a = ApiTokens.generate(random);
    String b = ApiTokens.generate(random);
    assertThat(a).hasSize(32).isNotEqualTo(b).matches("[A-Za-z0-9_-]+");
    assertThat(ApiTokens.parse("finance:" + a).authenticate("Bearer " + a, "cx_office")).isPresent();
  }
}
