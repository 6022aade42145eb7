package org.feedbackrouter.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class EvaluationTest {

  @Test
  void computesAccuracyMacroF1AndOutOfScopeFigures() {
    List<String> gold = List.of("a", "a", "b", "b", "oos", "oos");
    List<String> pred = List.of("a", "b", "b", "b", "unclassified", "a");

    Evaluation e = Evaluation.of(gold, pred, "oos");

    assertThat(e.total()).isEqualTo(6);
    assertThat(e.accuracy()).isCloseTo(4 / 6.0, within(1e-9));
    assertThat(e.inScopeAccuracy()).isCloseTo(3 / 4.0, within(1e-9));
    assertThat(e.outOfScopeRecall()).isCloseTo(0.5, within(1e-9));
    // a: p=1/2 r=1/2 f=1/2; b: p=2/3 r=1 f=0.8; unclassified: p=1 r=1/2 f=2/3
    assertThat(e.macroF1()).isCloseTo((0.5 + 0.8 + 2 / 3.0) / 3, within(1e-9));
    assertThat(e.worst(1)).extracting(Evaluation.LabelScore::label).containsExactly("a");
  }

  @Test
  void withoutOutOfScopeLabelThoseFiguresAreAbsent() {
    Evaluation e = Evaluation.of(List.of("a", "b"), List.of("a", "unclassified"), null);

    assertThat(e.accuracy()).isEqualTo(0.5);
    assertThat(e.inScopeAccuracy()).isNull();
    assertThat(e.outOfScopeRecall()).isNull();
  }
}
