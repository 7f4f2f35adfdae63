package io.holdfast.upstream.pool;

import io.holdfast.config.ServerConfig;
import io.holdfast.config.UpstreamConfig;
import io.holdfast.upstream.UpstreamLease;
import io.holdfast.upstream.UpstreamTunnel;
import io.holdfast.upstream.health.ServerHealth;
import io.vertx.core.Future;
import io.vertx.core.http.HttpClientConnection;
import io.vertx.core.http.HttpClientResponse;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The connections of one upstream server on one event loop, with nginx's keepalive semantics: the cap
 * is on idle connections, not concurrent ones. Idle connections are reused most recently used first;
 * the retire rules are checked at checkout and by a periodic {@link #sweep}.
 */
final class ServerPool {

  private static final Logger LOG = Logger.getLogger(ServerPool.class.getName());

  final String upstream;
  final ServerConfig server;
  final ServerHealth health;
  private final RetireRules rules;
  private final long connectTimeoutMillis;
  private final Connector connector;
  private final IdleSet idle;
  private boolean draining;
  /** Leased connections plus connections being opened: a gauge of this pool alone. */
  private int active;
  /** Connections that left the pool as tunnels and are still open: counted apart, never in {@link #open()}. */
  int tunnels;
  /** Shared with the other generations of this server's pool. */
  final PoolCounters counters;

  ServerPool(UpstreamConfig config, ServerConfig server, Connector connector, PoolCounters counters,
             ServerHealth health) {
    this.upstream = config.name();
    this.server = server;
    this.rules = RetireRules.of(config.keepalive());
    this.idle = new IdleSet(rules);
    this.connectTimeoutMillis = config.connectTimeout().toMillis();
    this.connector = connector;
    this.counters = counters;
    this.health = health;
  }

  /** Whether a lease can be had without exceeding {@code maxConnections}. */
  boolean hasRoom() {
    return !idle.isEmpty() || server.maxConnections() <= 0 || open() < server.maxConnections();
  }

  int busy() {
    return active;
  }

  int open() {
    return active + idle.size();
  }

  boolean draining() {
    return draining;
  }

  Connector connector() {
    return connector;
  }

  /** {@code stickyCookie}: the {@code Set-Cookie} the lease's response must carry, or null. */
  Future<UpstreamLease> acquire(long now, String stickyCookie) {
    PooledConnection c = idle.take(now, this::close);
    if (c != null) {
      active++;
      counters.leased();
      return Future.succeededFuture(lease(c, true, now, -1, stickyCookie));
    }
    return connect(false, stickyCookie);
  }

  /** A new connection regardless of idle ones: for the retry of a request that failed on a reused one. */
  Future<UpstreamLease> connect(boolean retry, String stickyCookie) {
    active++;
    counters.leased();
    if (retry) {
      counters.retried++;
    }
    long connectStart = System.nanoTime();
    return connector.connect(server, connectTimeoutMillis).map(connection -> {
      long now = System.nanoTime();
      return lease(adopt(connection, now), false, now, now - connectStart, stickyCookie);
    }).onFailure(err -> {
      active--;
      counters.returned();
      counters.failures++;
      health.failure(System.nanoTime());
    });
  }

  private UpstreamLease lease(PooledConnection c, boolean reused, long now, long connectNanos, String stickyCookie) {
    c.requests++;
    counters.requests++;
    // A reuse in the status sense: the connection served a request before. A warm connection's first request is
    // not one, though the lease still counts as reused for the retry rule (it may have gone stale just the same).
    if (c.requests > 1) {
      counters.reused++;
    }
    boolean last = draining || !rules.keepalive() || c.requests >= rules.maxRequests();
    return new PoolLease(this, c, reused, last, now, connectNanos, stickyCookie);
  }

  void release(PoolLease lease, HttpClientResponse response) {
    long now = System.nanoTime();
    finish(lease, now);
    health.success(lease.startedAt);
    PooledConnection c = lease.pooled;
    if (c.closed || draining || lease.lastRequest() || now - c.openedAt >= rules.maxAgeNanos()
        || !ReuseRules.reusable(response)) {
      close(c);
      return;
    }
    long announced = ReuseRules.announcedTimeoutSeconds(response);
    if (announced >= 0) {
      counters.keepAliveTimeoutAnnounced = (int) Math.min(announced, Integer.MAX_VALUE);
    }
    c.keepAliveDeadline = ReuseRules.keepAliveDeadline(announced, now);
    if (now - c.keepAliveDeadline >= 0 || (idle.atCap() && rules.lingerNanos() <= 0)) {
      close(c);
      return;
    }
    idle.park(c, now);
  }

  /** The upstream answered {@code 101}: the connection leaves the pool for good, its exchange ends well. */
  UpstreamTunnel tunnel(PoolLease lease) {
    finish(lease, System.nanoTime());
    health.success(lease.startedAt);
    tunnels++;
    counters.tunnelsOpened++;
    return lease.pooled.tunnel = new PoolTunnel(this);
  }

  void discard(PoolLease lease, Throwable failure) {
    long now = System.nanoTime();
    finish(lease, now);
    if (failure != null) {
      counters.failures++;
      health.failure(now);
    }
    close(lease.pooled);
  }

  private void finish(PoolLease lease, long now) {
    lease.endedAt = now;
    active--;
    counters.returned();
    counters.responseTime(now - lease.startedAt);
  }

  /** Closes idle connections past a retire rule, and surplus ones (beyond the idle cap) past linger. */
  void sweep(long now) {
    idle.sweep(now, draining, this::close);
  }

  /** No new connections kept: idle ones close now, busy ones when released. */
  void drain() {
    draining = true;
    sweep(System.nanoTime());
  }

  /** Opens {@code count} connections and parks them idle; failures are logged, not fatal. */
  Future<Void> warm(int count) {
    Future<?>[] opening = new Future<?>[count];
    for (int i = 0; i < count; i++) {
      active++;
      opening[i] = connector.connect(server, connectTimeoutMillis).onComplete(ar -> {
        active--;
        if (ar.failed()) {
          LOG.log(Level.WARNING, "warming {0} ({1}): {2}",
              new Object[] {upstream, server.address(), ar.cause().getMessage()});
          return;
        }
        long now = System.nanoTime();
        idle.parkLast(adopt(ar.result(), now), now);
      });
    }
    // Warm-up is best effort: its outcome never fails the caller.
    return Future.join(List.of(opening)).transform(ar -> Future.succeededFuture());
  }

  private PooledConnection adopt(HttpClientConnection connection, long now) {
    PooledConnection c = new PooledConnection(connection, now);
    connection.closeHandler(v -> onClosed(c));
    counters.opened++;
    counters.handshake(connector.handshakeOf(connection));
    return c;
  }

  private void close(PooledConnection c) {
    if (!c.closed) {
      c.connection.close();
    }
  }

  private void onClosed(PooledConnection c) {
    c.closed = true;
    counters.closed++;
    if (c.tunnel != null) {
      c.tunnel.upstreamClosed();
    }
    if (c.idle) {
      // Every close of Holdfast's own takes the connection out of the idle set first: this one was the upstream's.
      counters.idleClosedByUpstream++;
      counters.idleAgeAtUpstreamCloseNanos = System.nanoTime() - c.idleSince;
      idle.remove(c);
    }
  }

  int idle() {
    return idle.size();
  }

  int lingering() {
    return idle.lingering();
  }
}
