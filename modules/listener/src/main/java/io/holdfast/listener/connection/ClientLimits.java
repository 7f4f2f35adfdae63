package io.holdfast.listener.connection;

import io.holdfast.config.ClientKeepalive;
import io.holdfast.config.ListenerConfig;

import java.time.Duration;

/**
 * A listener's client limits in the form the hot path reads: nanoseconds and ints, computed once per
 * config change. Keepalive limits are read at each request boundary; a connection keeps the limits its
 * current request started with for that request's body and response, so a change reaches existing
 * connections at their next request. {@code hsts} is the Strict-Transport-Security value every response
 * carries (null: none); {@code priorKnowledge} says a plain connection may turn out to be h2c.
 */
record ClientLimits(boolean keepaliveOff, long idleTimeoutNanos, int maxRequests, long maxAgeNanos,
                    int maxConnections, long headerTimeoutNanos, long bodyTimeoutNanos, long sendTimeoutNanos,
                    long sweepPeriodMillis, int maxUriLength, String hsts, boolean priorKnowledge) {

  /** Timeouts are enforced by a sweep; its period is this fraction of the shortest timeout... */
  static final int SWEEP_DIVISOR = 10;
  /** ...but no finer than this (the sweep costs O(connections)) and no coarser than the maximum. */
  static final long MIN_SWEEP_MILLIS = 10;
  static final long MAX_SWEEP_MILLIS = 1000;

  static ClientLimits of(ListenerConfig listener) {
    ClientKeepalive keepalive = listener.keepalive();
    Duration shortest = min(min(listener.headerTimeout(), listener.bodyTimeout()), listener.sendTimeout());
    if (keepalive.enabled()) {
      shortest = min(shortest, keepalive.timeout());
    }
    long period = Math.max(MIN_SWEEP_MILLIS, Math.min(MAX_SWEEP_MILLIS, shortest.toMillis() / SWEEP_DIVISOR));
    return new ClientLimits(!keepalive.enabled(), keepalive.timeout().toNanos(), keepalive.requests(),
        keepalive.time().toNanos(), listener.maxConnections(), listener.headerTimeout().toNanos(),
        listener.bodyTimeout().toNanos(), listener.sendTimeout().toNanos(), period, listener.maxUriLength(),
        listener.tls() == null ? null : listener.tls().hsts(), listener.tls() == null && listener.http2());
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

  /**
   * As {@link #lastRequestReason} for a stream of an HTTP/2 connection, as nginx maps the limits: the N-th
   * stream and a connection past {@code keepalive.time} end the connection with a GOAWAY once the streams in
   * progress are done. {@code keepalive.timeout: 0} does not: a multiplexing client sends its streams at once,
   * and the connection closes as soon as they are done ({@link #http2IdleLimitNanos}).
   */
  CloseReason lastStreamReason(ConnectionState state, long now) {
    if (state.requests >= maxRequests) {
      return CloseReason.REQUESTS_LIMIT;
    }
    if (now - state.openedAt >= maxAgeNanos) {
      return CloseReason.LIFETIME;
    }
    return null;
  }

  /** How long an HTTP/2 connection with no stream open may stay: {@code headerTimeout} for its first, else {@code keepalive.timeout}. */
  long http2IdleLimitNanos(ConnectionState state) {
    return state.awaitingFirstRequest() ? headerTimeoutNanos : keepaliveOff ? 0 : idleTimeoutNanos;
  }

  /**
   * How long {@code state} may stay idle, with no byte of a next request, before it is closed: a new
   * connection waits for its first request as long as a head may take ({@code headerTimeout}, as nginx's
   * {@code client_header_timeout} bounds that wait); {@code keepalive.timeout} governs the gaps between requests.
   */
  long idleLimitNanos(ConnectionState state) {
    return state.awaitingFirstRequest() || keepaliveOff ? headerTimeoutNanos : idleTimeoutNanos;
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
