package io.holdfast.upstream.pool;

import io.holdfast.bus.ServerStats;
import io.holdfast.upstream.tls.Handshake;

/**
 * The cumulative counters of one server of one upstream on one instance. Every pool generation for that
 * server shares one (see {@link PoolRuntime#counters}), so a reload that replaces the pool does not reset
 * them: they count since start, as the status page says. Plain fields: only the instance's event loop
 * touches them.
 */
final class PoolCounters {

  long opened;
  long closed;
  long requests;
  long reused;
  long retried;
  long failures;
  long tlsFull;
  long tlsResumed;
  private long responseTimeTotal;
  private long responseTimeMax;

  void handshake(Handshake kind) {
    switch (kind) {
      case FULL -> tlsFull++;
      case RESUMED -> tlsResumed++;
      case NONE -> { }
    }
  }

  void responseTime(long nanos) {
    responseTimeTotal += nanos;
    if (nanos > responseTimeMax) {
      responseTimeMax = nanos;
    }
  }

  /** These counters with the gauges of every live and draining pool of the server summed by the caller. */
  ServerStats snapshot(String upstream, String server, boolean down, int active, int idle, int lingering) {
    return new ServerStats(upstream, server, 1, down ? 1 : 0, active + idle, active, idle, lingering, opened, closed,
        requests, reused, retried, failures, responseTimeTotal, responseTimeMax, tlsFull, tlsResumed);
  }
}
