package io.holdfast.upstream.balance;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Power of two choices, as nginx's {@code random two least_conn}: two distinct eligible servers drawn at
 * random in proportion to their weights, and the one with fewer requests in flight per weight gets the
 * request. On a tie the first drawn wins, so an idle upstream spreads requests by weight (nginx keeps the
 * second, which for two servers sends 3:1 weights 1:3 while both are idle). When {@code preferWarm}, a candidate with an idle pooled connection
 * beats one without, whatever their loads: both are acceptable picks for the policy, and only one of them
 * avoids a connect. After 20 draws without two eligible servers it falls back to round-robin, as nginx.
 */
final class RandomTwo implements Balancer {

  private static final int MAX_DRAWS = 20;

  private final int[] weights;
  /** ranges[i] = sum of weights before server i: server i takes draws in [ranges[i], ranges[i + 1]). */
  private final int[] ranges;
  private final int totalWeight;
  private final boolean preferWarm;
  private final SmoothWeightedRoundRobin fallback;

  RandomTwo(int[] weights, boolean preferWarm) {
    this.weights = weights.clone();
    this.ranges = new int[weights.length];
    int total = 0;
    for (int i = 0; i < weights.length; i++) {
      ranges[i] = total;
      total += weights[i];
    }
    this.totalWeight = total;
    this.preferWarm = preferWarm;
    this.fallback = new SmoothWeightedRoundRobin(weights);
  }

  @Override
  public int pick(ServerView servers, long key) {
    if (weights.length == 1) {
      return servers.eligible(0) ? 0 : -1;
    }
    ThreadLocalRandom random = ThreadLocalRandom.current();
    int first = -1;
    for (int draws = 0; draws <= MAX_DRAWS; draws++) {
      int i = draw(random.nextInt(totalWeight));
      if (i == first || !servers.eligible(i)) {
        continue;
      }
      if (first < 0) {
        first = i;
      } else {
        return better(servers, first, i);
      }
    }
    return fallback.pick(servers, key);
  }

  private int better(ServerView servers, int first, int second) {
    if (preferWarm) {
      boolean firstWarm = servers.warm(first);
      if (firstWarm != servers.warm(second)) {
        return firstWarm ? first : second;
      }
    }
    return (long) servers.load(second) * weights[first] < (long) servers.load(first) * weights[second] ? second : first;
  }

  /** The server whose range holds {@code x}: a binary search, as nginx's peek_random_peer. */
  private int draw(int x) {
    int i = 0;
    int j = ranges.length;
    while (j - i > 1) {
      int k = (i + j) >>> 1;
      if (x < ranges[k]) {
        j = k;
      } else {
        i = k;
      }
    }
    return i;
  }
}
