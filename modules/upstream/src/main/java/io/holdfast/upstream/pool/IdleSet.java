package io.holdfast.upstream.pool;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.function.Consumer;

/**
 * The idle connections of one server pool, most recently released first (LIFO, so the surplus ages out at
 * the tail), with the retire rules applied at checkout and by the sweep. A connection leaving the set is
 * handed to the pool's {@code retire} to be closed.
 */
final class IdleSet {

  private final ArrayDeque<PooledConnection> idle = new ArrayDeque<>();
  private final RetireRules rules;

  IdleSet(RetireRules rules) {
    this.rules = rules;
  }

  /** The most recently released connection still fit for a request at {@code now}, or null; unfit ones retire. */
  PooledConnection take(long now, Consumer<PooledConnection> retire) {
    PooledConnection c;
    while ((c = idle.pollFirst()) != null) {
      c.idle = false;
      if (c.reusable(now, rules)) {
        return c;
      }
      retire.accept(c);
    }
    return null;
  }

  /** A released connection, the first to be taken again. */
  void park(PooledConnection c, long now) {
    c.idleSince = now;
    c.idle = true;
    idle.addFirst(c);
  }

  /** A connection opened ahead (warm): the last to be taken, behind any that served already. */
  void parkLast(PooledConnection c, long now) {
    c.idleSince = now;
    c.idle = true;
    idle.addLast(c);
  }

  /** Whether the idle cap is reached (connections beyond it only linger). */
  boolean atCap() {
    return idle.size() >= rules.idleCap();
  }

  /**
   * Retires connections past a retire rule, and surplus ones (beyond the idle cap) idle longer than linger;
   * everything when {@code draining}.
   */
  void sweep(long now, boolean draining, Consumer<PooledConnection> retire) {
    int kept = 0;
    for (Iterator<PooledConnection> it = idle.iterator(); it.hasNext(); ) {
      PooledConnection c = it.next();
      boolean surplus = kept >= rules.idleCap();
      if (draining || !c.reusable(now, rules) || (surplus && now - c.idleSince >= rules.lingerNanos())) {
        it.remove();
        c.idle = false;
        retire.accept(c);
      } else {
        kept++;
      }
    }
  }

  /** A connection the upstream closed while it sat here. */
  void remove(PooledConnection c) {
    c.idle = false;
    idle.remove(c);
  }

  boolean isEmpty() {
    return idle.isEmpty();
  }

  int size() {
    return idle.size();
  }

  /** Idle connections above the cap, waiting out linger. */
  int lingering() {
    return Math.max(0, idle.size() - rules.idleCap());
  }
}
