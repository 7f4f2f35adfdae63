package io.holdfast.upstream.pool;

import io.holdfast.bus.ServerStats;

/**
 * One server's figures on one instance, read now: its cumulative counters once, plus the gauges of
 * every pool that serves it (the live one and any still draining after a reload) summed.
 */
final class ServerGauges {

  private final ServerPool first;
  private int active;
  private int idle;
  private int lingering;
  private int tunnels;
  private boolean anyLive;
  private boolean downLive;
  private boolean downDraining;

  ServerGauges(ServerPool first) {
    this.first = first;
  }

  void add(ServerPool pool, long now) {
    active += pool.busy();
    idle += pool.idle();
    lingering += pool.lingering();
    tunnels += pool.tunnels;
    boolean down = pool.health.down(now);
    if (pool.draining()) {
      downDraining |= down;
    } else {
      anyLive = true;
      downLive |= down;
    }
  }

  ServerStats stats() {
    // A draining pool's health verdict is stale once a live pool judges the server.
    boolean down = anyLive ? downLive : downDraining;
    return first.counters.snapshot(first.upstream, first.server.address(), down, active, idle, lingering, tunnels);
  }
}
