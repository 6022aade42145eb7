package org.feedbackrouter.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StaticMembersTest {
  @Test
  void theThreadIndexIsTheSuffixOfAStreamThreadsName() {
    assertThat(StaticMembers.threadIndex("router-5f1c-StreamThread-2")).isEqualTo("2");
    assertThat(StaticMembers.threadIndex("router-5f1c-StreamThread-12")).isEqualTo("12");
    assertThat(StaticMembers.threadIndex("main")).isEmpty();
  }
}
