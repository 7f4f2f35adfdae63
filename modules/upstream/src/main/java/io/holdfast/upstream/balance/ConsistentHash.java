package io.holdfast.upstream.balance;

import io.holdfast.config.key.RequestKey;

/**
 * nginx's {@code hash $key consistent}: a key goes to the server of the first {@link HashRing} point at or
 * after its CRC32, so adding or removing a server moves only the keys next to its points. An ineligible
 * server's point is passed over for the next one; after 20 such points, or without a key, or with a
 * single server, the pick is round-robin, as in nginx.
 */
final class ConsistentHash implements Balancer {

  private static final int MAX_TRIES = 20;

  private final HashRing ring;
  private final boolean single;
  private final SmoothWeightedRoundRobin fallback;

  ConsistentHash(HashRing ring, int[] weights) {
    this.ring = ring;
    this.single = weights.length == 1;
    this.fallback = new SmoothWeightedRoundRobin(weights);
  }

  @Override
  public int pick(ServerView view, long key) {
    if (key == RequestKey.NONE || single) {
      return fallback.pick(view, key);
    }
    int at = ring.firstPointAtOrAfter(key);
    for (int tries = 0; tries <= MAX_TRIES; tries++) {
      int server = ring.server(at + tries);
      if (view.eligible(server)) {
        return server;
      }
    }
    return fallback.pick(view, key);
  }
}
