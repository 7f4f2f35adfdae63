package io.holdfast.listener.connection;

import io.holdfast.config.ClientKeepalive;
import io.holdfast.config.ListenerConfig;

import java.time.Duration;

/**
 * A listener's client limits in the form the hot path reads: nanoseconds and ints, computed once per
 * config change and read at each request boundary (so a change reaches existing connections at their
 * next request).
 */
record KeepaliveLimits(boolean keepaliveOff, long idleTimeoutNanos, int maxRequests, long maxAgeNanos,
                       int maxConnections, long sweepPeriodMillis) {

  /**
   * How long a new connection may wait for its first request head: nginx's {@code client_header_timeout}
   * default. {@code keepalive.timeout} only governs the gaps between requests, as in nginx.
   */
  static final Duration FIRST_REQUEST_TIMEOUT = Duration.ofSeconds(60);

  /** Idle timeouts are enforced by a sweep; its period is this fraction of the timeout... */
  static final int SWEEP_DIVISOR = 10;
  /** ...but no finer than this (the sweep costs O(connections)) and no coarser than the maximum. */
  static final long MIN_SWEEP_MILLIS = 10;
  static final long MAX_SWEEP_MILLIS = 1000;

  static KeepaliveLimits of(ListenerConfig listener) {
    ClientKeepalive keepalive = listener.keepalive();
    Duration timeout = keepalive.enabled() ? keepalive.timeout() : FIRST_REQUEST_TIMEOUT;
    long period = Math.max(MIN_SWEEP_MILLIS, Math.min(MAX_SWEEP_MILLIS, timeout.toMillis() / SWEEP_DIVISOR));
    return new KeepaliveLimits(!keepalive.enabled(), keepalive.timeout().toNanos(), keepalive.requests(),
        keepalive.time().toNanos(), listener.maxConnections(), period);
  }

  /** Whether the request about to start must be the connection's last, and why; null when not. */
  CloseReason lastRequestReason(ConnectionState state, long now) {
    if (keepaliveOff) {
      return CloseReason.IDLE_TIMEOUT;
    }
    if (state.requests >= maxRequests) {
      return CloseReason.REQUESTS_LIMIT;
    }
    if (now - state.openedAt >= maxAgeNanos) {
      return CloseReason.LIFETIME;
    }
    return null;
  }

  /** How long {@code state} may stay idle before the sweep closes it. */
  long idleLimitNanos(ConnectionState state) {
    return state.awaitingFirstRequest() || keepaliveOff ? FIRST_REQUEST_TIMEOUT.toNanos() : idleTimeoutNanos;
  }
}
