package org.feedbackrouter.classify;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** The held-out share of the training texts that calibration is fitted on, stratified by label. */
final class HoldoutSplit {

  private HoldoutSplit() {}

  /**
   * Indices of the texts to train on and to hold out, both sorted: per label, a seeded shuffle sets
   * aside the {@code holdout} share; labels with one example keep it for training.
   */
  static int[][] stratified(int[] label, int labels, double holdout, long seed) {
    Random random = new Random(seed);
    List<List<Integer>> byLabel = new ArrayList<>();
    for (int k = 0; k < labels; k++) {
      byLabel.add(new ArrayList<>());
    }
    for (int i = 0; i < label.length; i++) {
      byLabel.get(label[i]).add(i);
    }
    List<Integer> train = new ArrayList<>();
    List<Integer> held = new ArrayList<>();
    for (List<Integer> idx : byLabel) {
      Collections.shuffle(idx, random);
      int h = idx.size() < 2 ? 0 : (int) Math.round(idx.size() * holdout);
      held.addAll(idx.subList(0, h));
      train.addAll(idx.subList(h, idx.size()));
    }
    return new int[][] {
      train.stream().mapToInt(Integer::intValue).sorted().toArray(),
      held.stream().mapToInt(Integer::intValue).sorted().toArray()
    };
  }
}
