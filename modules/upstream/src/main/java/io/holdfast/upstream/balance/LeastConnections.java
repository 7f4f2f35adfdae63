package io.holdfast.upstream.balance;

import java.util.function.IntPredicate;
import java.util.function.IntUnaryOperator;

/**
 * Fewest busy connections relative to weight, as nginx's {@code least_conn}. Ties rotate so that an idle
 * upstream still spreads its requests instead of always hitting the first server.
 */
final class LeastConnections implements Balancer {

  private final int[] weights;
  private int cursor;

  LeastConnections(int[] weights) {
    this.weights = weights.clone();
  }

  @Override
  public int pick(IntPredicate eligible, IntUnaryOperator load) {
    int n = weights.length;
    int start = cursor;
    cursor = (cursor + 1) % n;
    int best = -1;
    long bestLoad = 0;
    for (int k = 0; k < n; k++) {
      int i = (start + k) % n;
      if (!eligible.test(i)) {
        continue;
      }
      long l = load.applyAsInt(i);
      // l / w < bestLoad / bestWeight, without division
      if (best < 0 || l * weights[best] < bestLoad * weights[i]) {
        best = i;
        bestLoad = l;
      }
    }
    return best;
  }
}
