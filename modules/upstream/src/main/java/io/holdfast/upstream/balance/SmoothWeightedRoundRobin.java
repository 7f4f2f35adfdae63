package io.holdfast.upstream.balance;

/**
 * nginx's smooth weighted round-robin: weights 5,1,1 give a,a,b,a,c,a,a rather than a,a,a,a,a,b,c, so a
 * heavy server never takes a burst of consecutive requests.
 */
final class SmoothWeightedRoundRobin implements Balancer {

  private final int[] weights;
  private final int[] current;

  SmoothWeightedRoundRobin(int[] weights) {
    this.weights = weights.clone();
    this.current = new int[weights.length];
  }

  @Override
  public int pick(ServerView servers, long key) {
    if (weights.length == 1) {
      return servers.eligible(0) ? 0 : -1;
    }
    int best = -1;
    int total = 0;
    for (int i = 0; i < weights.length; i++) {
      if (!servers.eligible(i)) {
        continue;
      }
      current[i] += weights[i];
      total += weights[i];
      if (best < 0 || current[i] > current[best]) {
        best = i;
      }
    }
    if (best >= 0) {
      current[best] -= total;
    }
    return best;
  }
}
