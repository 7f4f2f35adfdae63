package io.holdfast.upstream.pool;

import io.holdfast.config.ServerConfig;
import io.holdfast.upstream.UpstreamLease;
import io.holdfast.upstream.UpstreamTunnel;
import io.vertx.core.Future;
import io.vertx.core.http.HttpClientConnection;
import io.vertx.core.http.HttpClientResponse;

/** One exchange on one pooled connection; the first of release/discard/tunnel wins, later release/discard are ignored. */
final class PoolLease implements UpstreamLease {

  private final ServerPool pool;
  final PooledConnection pooled;
  private final boolean reused;
  private final boolean last;
  final long startedAt;
  /** -1: the connection was open already. */
  private final long connectNanos;
  private final String stickyCookie;
  private boolean ended;
  /** When release or discard ran (0 before). */
  long endedAt;

  PoolLease(ServerPool pool, PooledConnection pooled, boolean reused, boolean last, long startedAt,
            long connectNanos, String stickyCookie) {
    this.pool = pool;
    this.pooled = pooled;
    this.reused = reused;
    this.last = last;
    this.startedAt = startedAt;
    this.connectNanos = connectNanos;
    this.stickyCookie = stickyCookie;
  }

  @Override
  public HttpClientConnection connection() {
    return pooled.connection;
  }

  @Override
  public ServerConfig server() {
    return pool.server;
  }

  @Override
  public boolean reused() {
    return reused;
  }

  @Override
  public boolean lastRequest() {
    return last;
  }

  @Override
  public String stickyCookie() {
    return stickyCookie;
  }

  @Override
  public long connectNanos() {
    return connectNanos;
  }

  @Override
  public long responseNanos(long now) {
    return (ended ? endedAt : now) - startedAt + Math.max(0, connectNanos);
  }

  @Override
  public void responded(int status) {
    pool.counters.responded(status);
  }

  @Override
  public void release(HttpClientResponse response) {
    if (!ended) {
      ended = true;
      pool.release(this, response);
    }
  }

  @Override
  public void discard(Throwable failure) {
    if (!ended) {
      ended = true;
      pool.discard(this, failure);
    }
  }

  @Override
  public UpstreamTunnel tunnel() {
    if (ended) {
      throw new IllegalStateException("lease already ended");
    }
    ended = true;
    return pool.tunnel(this);
  }

  @Override
  public Future<UpstreamLease> retryOnFreshConnection() {
    discard(null);
    return pool.connect(true, stickyCookie);
  }
}
