package io.holdfast.upstream.pool;

import io.holdfast.bus.ServerPoolStats;

/** The counters of one server pool. Plain fields: only its event loop touches them. */
final class PoolCounters {

  int active;
  long opened;
  long closed;
  long requests;
  long reused;
  long retried;
  long failures;
  private long responseTimeTotal;
  private long responseTimeMax;

  void responseTime(long nanos) {
    responseTimeTotal += nanos;
    if (nanos > responseTimeMax) {
      responseTimeMax = nanos;
    }
  }

  ServerPoolStats snapshot(String upstream, String server, boolean down, int idle, int lingering) {
    return new ServerPoolStats(upstream, server, down, active + idle, active, idle, lingering, opened, closed,
        requests, reused, retried, failures, responseTimeTotal, responseTimeMax);
  }
}
