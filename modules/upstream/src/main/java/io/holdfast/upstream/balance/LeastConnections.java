package io.holdfast.upstream.balance;

/**
 * Fewest requests in flight relative to weight, as nginx's {@code least_conn}: servers tied on that
 * share the requests by smooth weighted round-robin, as nginx does. Among the tied servers, those with an
 * idle pooled connection go first (when {@code preferWarm}), so a tie never opens a connection that reuse
 * would have avoided.
 */
final class LeastConnections implements Balancer {

  private final int[] weights;
  private final int[] current;
  private final boolean preferWarm;

  LeastConnections(int[] weights, boolean preferWarm) {
    this.weights = weights.clone();
    this.current = new int[weights.length];
    this.preferWarm = preferWarm;
  }

  @Override
  public int pick(ServerView servers, long key) {
    int n = weights.length;
    int least = -1;
    boolean warmTie = false;
    for (int i = 0; i < n; i++) {
      if (!servers.eligible(i)) {
        continue;
      }
      int order = least < 0 ? -1 : compare(servers, i, least);
      if (order < 0) {
        least = i;
        warmTie = preferWarm && servers.warm(i);
      } else if (order == 0 && preferWarm && !warmTie) {
        warmTie = servers.warm(i);
      }
    }
    if (least < 0) {
      return -1;
    }
    int best = -1;
    int total = 0;
    for (int i = least; i < n; i++) {
      if (i != least && (!servers.eligible(i) || compare(servers, i, least) != 0)) {
        continue;
      }
      if (warmTie && !servers.warm(i)) {
        continue;
      }
      current[i] += weights[i];
      total += weights[i];
      if (best < 0 || current[i] > current[best]) {
        best = i;
      }
    }
    current[best] -= total;
    return best;
  }

  /** load(a) / weight(a) against load(b) / weight(b), without division. */
  private int compare(ServerView servers, int a, int b) {
    return Long.compare((long) servers.load(a) * weights[b], (long) servers.load(b) * weights[a]);
  }
}
