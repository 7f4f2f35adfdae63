package io.holdfast.upstream.balance;

import io.holdfast.config.Balance;
import io.holdfast.config.ServerConfig;
import io.holdfast.config.UpstreamConfig;

import java.util.List;

/**
 * Chooses one server of an upstream by index. Confined to one event loop: implementations keep plain
 * mutable state and never lock.
 */
public interface Balancer {

  /**
   * Whether {@code least-conn} and {@code random-two} prefer a server with an idle connection where the
   * policy leaves a choice. On by default; {@code -Dholdfast.balance.preferWarm=false} turns it off, for
   * measuring what it saves (src/bench/warm-preference.py).
   */
  boolean PREFER_WARM = !"false".equals(System.getProperty("holdfast.balance.preferWarm"));

  /**
   * The balancer {@code config.balance()} names, over {@code config.servers()}; {@code ring} is the
   * upstream's {@link HashRing} for {@code hash} (built here when null).
   */
  static Balancer create(UpstreamConfig config, HashRing ring) {
    return create(config.balance(), config.servers(), ring, PREFER_WARM);
  }

  static Balancer create(Balance kind, List<ServerConfig> servers, HashRing ring, boolean preferWarm) {
    int[] weights = new int[servers.size()];
    for (int i = 0; i < weights.length; i++) {
      weights[i] = Math.max(1, servers.get(i).weight());
    }
    return switch (kind) {
      case LEAST_CONN -> new LeastConnections(weights, preferWarm);
      case RANDOM_TWO -> new RandomTwo(weights, preferWarm);
      case HASH -> new ConsistentHash(ring != null ? ring : HashRing.of(servers), weights);
      default -> new SmoothWeightedRoundRobin(weights);
    };
  }

  /**
   * The index of the server to use among those {@code servers} deems eligible, or -1 when none is.
   * {@code key} is the request's hash key (an unsigned 32-bit CRC32) or
   * {@link io.holdfast.config.key.RequestKey#NONE}; only {@code hash} reads it.
   */
  int pick(ServerView servers, long key);
}
