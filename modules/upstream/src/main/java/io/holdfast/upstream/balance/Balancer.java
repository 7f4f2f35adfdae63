package io.holdfast.upstream.balance;

import io.holdfast.config.Balance;

import java.util.function.IntPredicate;
import java.util.function.IntUnaryOperator;

/**
 * Chooses one server of an upstream by index. Confined to one event loop: implementations keep plain
 * mutable state and never lock.
 */
public interface Balancer {

  /** A balancer of {@code kind} over servers with these {@code weights} (each ≥ 1). */
  static Balancer create(Balance kind, int[] weights) {
    return kind == Balance.LEAST_CONN ? new LeastConnections(weights) : new SmoothWeightedRoundRobin(weights);
  }

  /**
   * The index of the server to use among those {@code eligible} accepts, or -1 when none does.
   * {@code load} gives a server's busy connections (least-conn only).
   */
  int pick(IntPredicate eligible, IntUnaryOperator load);
}
