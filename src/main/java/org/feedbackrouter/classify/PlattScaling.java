package org.feedbackrouter.classify;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Platt's calibration: a logistic fit of P(right) on a decision value, so that a threshold of 0.5
 * means "more likely right than wrong" whatever the model's scale.
 */
final class PlattScaling {

  private static final Logger LOG = LoggerFactory.getLogger(PlattScaling.class);

  private PlattScaling() {}

  /** Slope and intercept of P(right) = sigmoid(a * margin + b), from held-out margins and outcomes. */
  static double[] fit(double[] margins, boolean[] right, long seed, double defaultSlope) {
    Feature[][] x = new Feature[margins.length][];
    double[] y = new double[margins.length];
    int rights = 0;
    for (int d = 0; d < margins.length; d++) {
      x[d] = new Feature[] {new FeatureNode(1, margins[d]), new FeatureNode(2, 1)};
      y[d] = right[d] ? 1 : 0;
      rights += right[d] ? 1 : 0;
    }
    if (rights == 0 || rights == margins.length) {
      // Nothing to learn the boundary from: keep a moderate slope centred on the margin.
      LOG.warn("held-out texts were all {}; using the default calibration", rights == 0 ? "wrong" : "right");
      return new double[] {defaultSlope, 0};
    }
    Problem problem = new Problem();
    problem.l = margins.length;
    problem.n = 2;
    problem.bias = -1;
    problem.x = x;
    problem.y = y;
    Parameter parameter = new Parameter(SolverType.L2R_LR, 100, 0.001);
    parameter.setRandom(new Random(seed));
    Model platt = Linear.train(problem, parameter);
    double[] w = platt.getFeatureWeights();
    double sign = platt.getLabels()[0] == 1 ? 1 : -1;
    return new double[] {sign * w[0], sign * w[1]};
  }
}
