package io.holdfast.upstream.pool;

import io.holdfast.config.UpstreamKeepalive;

/**
 * The keepalive limits of one pool in nanoseconds, computed once from {@link UpstreamKeepalive} so the
 * per-request checks are plain comparisons.
 */
record RetireRules(int idleCap, long idleTimeoutNanos, int maxRequests, long maxAgeNanos, long lingerNanos) {

  static RetireRules of(UpstreamKeepalive keepalive) {
    return new RetireRules(
        keepalive.connections(),
        positiveOrMax(keepalive.timeout().toNanos()),
        keepalive.requests() > 0 ? keepalive.requests() : Integer.MAX_VALUE,
        positiveOrMax(keepalive.time().toNanos()),
        keepalive.linger().toNanos());
  }

  boolean keepalive() {
    return idleCap > 0;
  }

  private static long positiveOrMax(long nanos) {
    return nanos > 0 ? nanos : Long.MAX_VALUE;
  }
}
