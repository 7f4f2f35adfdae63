package io.holdfast.upstream.pool;

import io.vertx.core.http.HttpClientConnection;

/**
 * One raw upstream connection and what the retire rules need to know about it. Times are
 * {@link System#nanoTime()} values.
 */
final class PooledConnection {

  final HttpClientConnection connection;
  final long openedAt;
  int requests;
  long idleSince;
  /** Past this instant the upstream's {@code Keep-Alive: timeout} may have closed it; MAX_VALUE when unknown. */
  long keepAliveDeadline = Long.MAX_VALUE;
  boolean idle;
  boolean closed;
  /** Set once the connection left the pool as a tunnel. */
  PoolTunnel tunnel;

  PooledConnection(HttpClientConnection connection, long openedAt) {
    this.connection = connection;
    this.openedAt = openedAt;
  }

  /** Whether an idle connection may still carry a request at {@code now} under {@code rules}. */
  boolean reusable(long now, RetireRules rules) {
    return !closed
        && now - idleSince < rules.idleTimeoutNanos()
        && now - openedAt < rules.maxAgeNanos()
        && now - keepAliveDeadline < 0
        && requests < rules.maxRequests();
  }
}
