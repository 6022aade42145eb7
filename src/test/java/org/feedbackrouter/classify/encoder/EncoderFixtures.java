package org.feedbackrouter.classify.encoder;

import java.util.List;
import org.feedbackrouter.classify.LabeledText;
import org.feedbackrouter.classify.Language;

/** A few labelled English texts, written for these tests, and a bundled encoder to share. */
final class EncoderFixtures {
  private EncoderFixtures() {}

  static final List<String> LABELS = List.of("billing", "delivery", "app");

  static final List<LabeledText> TRAIN = List.of(
      new LabeledText("I was charged twice this month", "billing", Language.EN),
      new LabeledText("my invoice shows a fee I never agreed to", "billing", Language.EN),
      new LabeledText("why is my bill so much higher than last month", "billing", Language.EN),
      new LabeledText("you took the payment two times from my card", "billing", Language.EN),
      new LabeledText("my parcel never arrived", "delivery", Language.EN),
      new LabeledText("the courier left the package at the wrong address", "delivery", Language.EN),
      new LabeledText("the delivery is a week late and nobody tells me where it is", "delivery", Language.EN),
      new LabeledText("the box arrived crushed and wet", "delivery", Language.EN),
      new LabeledText("the app crashes every time I log in", "app", Language.EN),
      new LabeledText("the mobile app freezes on the payment screen", "app", Language.EN),
      new LabeledText("after the update the app will not open", "app", Language.EN),
      new LabeledText("the app keeps logging me out", "app", Language.EN),
      // Spanish examples are left out of an English encoder's head.
      new LabeledText("la aplicación se cierra sola", "billing", Language.ES));

  /** Texts not in TRAIN, with their label. */
  static final List<LabeledText> HELD_OUT = List.of(
      new LabeledText("there is a double charge on my statement", "billing"),
      new LabeledText("where is my order, the tracking has not moved in days", "delivery"),
      new LabeledText("your application shows a blank screen on my phone", "app"));
}
