package org.feedbackrouter.classify;

import java.util.List;

/**
 * Recognises greetings and test messages ("Hola, buenos días", "Just testing this form"), which
 * are never urgent: a short text (at most {@code maxWords} words) in which every word is one of
 * {@code words}. Only whole-text matches count, so "hola, me han robado la tarjeta" is not small talk.
 *
 * @param maxWords longest text that can be small talk
 * @param words the words small talk is made of, any language, matched ignoring case and accents
 */
public record SmallTalk(int maxWords, List<String> words) {

  static final SmallTalk NONE = new SmallTalk(0, List.of());

  public SmallTalk {
    words = words == null ? List.of() : words.stream().map(SentimentTokens::fold).toList();
  }

  boolean matches(String text) {
    if (text == null || maxWords <= 0) {
      return false;
    }
    List<SentimentTokens.Token> tokens = SentimentTokens.of(text, List.of());
    int count = 0;
    for (SentimentTokens.Token t : tokens) {
      if (t.kind() != SentimentTokens.Kind.WORD) {
        continue;
      }
      count++;
      if (count > maxWords || !(words.contains(t.form()) || t.form().chars().allMatch(Character::isDigit))) {
        return false;
      }
    }
    return count > 0;
  }
}
