package io.holdfast.upstream.pool;

import io.holdfast.config.ServerConfig;
import io.holdfast.config.UpstreamConfig;
import io.holdfast.config.key.KeyHash;
import io.holdfast.config.key.RequestKey;
import io.holdfast.upstream.UpstreamFailure;
import io.holdfast.upstream.UpstreamGroup;
import io.holdfast.upstream.UpstreamLease;
import io.holdfast.upstream.balance.Balancer;
import io.holdfast.upstream.balance.HashRing;
import io.holdfast.upstream.balance.ServerView;
import io.holdfast.upstream.balance.StickyCookie;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;

import java.util.List;

/**
 * One upstream on one event loop: a {@link ServerPool} per server, a {@link Balancer} over them, and the
 * sticky cookie when configured. A request whose cookie names a server that can take it goes there; any
 * other (no cookie, server down or at {@code maxConnections}) is balanced and its response re-pins it, as
 * NGINX Plus's {@code sticky cookie} treats a client whose server cannot serve it as not yet bound. A
 * connect failure moves on to another live server once per server, as nginx's default
 * {@code proxy_next_upstream error timeout} does.
 */
final class ServerGroup implements UpstreamGroup, ServerView {

  private final UpstreamConfig config;
  private final ServerPool[] pools;
  private final Balancer balancer;
  private final RequestKey hashKey;
  private final StickyCookie sticky;
  /** The pick in progress (one at a time on this event loop): what {@link #eligible} checks against. */
  private long pickTried;
  private long pickNow;

  ServerGroup(UpstreamConfig config, HashRing ring, PoolRuntime runtime) {
    this.config = config;
    List<ServerConfig> servers = config.servers();
    this.pools = new ServerPool[servers.size()];
    for (int i = 0; i < pools.length; i++) {
      ServerConfig server = servers.get(i);
      pools[i] = new ServerPool(config, server, runtime.connector(config, server),
          runtime.counters(config.name(), server.address()), runtime.health(config, server));
    }
    this.balancer = Balancer.create(config, ring);
    this.hashKey = config.hashKey();
    this.sticky = config.sticky() == null ? null : new StickyCookie(config.name(), servers, config.sticky());
  }

  @Override
  public UpstreamConfig config() {
    return config;
  }

  ServerPool[] pools() {
    return pools;
  }

  @Override
  public Future<UpstreamLease> acquire() {
    return acquire(RequestKey.NONE, -1, 0L, 0);
  }

  @Override
  public Future<UpstreamLease> acquire(HttpServerRequest request) {
    long key = hashKey == null ? RequestKey.NONE : hashKey.hash(request, KeyHash.CRC32);
    int pinned = sticky == null ? -1 : sticky.serverOf(request);
    return acquire(key, pinned, 0L, 0);
  }

  /**
   * {@code pinned}: the server the sticky cookie names, or -1. {@code tried}: bit set of server indexes
   * whose connect already failed for this request.
   */
  private Future<UpstreamLease> acquire(long key, int pinned, long tried, int attempt) {
    long now = System.nanoTime();
    pickTried = tried;
    pickNow = now;
    int index = pinned >= 0 && eligible(pinned) ? pinned : balancer.pick(this, key);
    if (index < 0) {
      return Future.failedFuture(noServer(now, tried));
    }
    String stickyCookie = sticky != null && index != pinned ? sticky.setCookie(index) : null;
    Future<UpstreamLease> lease = pools[index].acquire(now, stickyCookie);
    if (attempt + 1 >= pools.length || index >= Long.SIZE) {
      return lease;
    }
    return lease.recover(err -> acquire(key, pinned, tried | (1L << index), attempt + 1)
        .recover(next -> Future.failedFuture(err)));
  }

  @Override
  public boolean eligible(int server) {
    ServerPool pool = pools[server];
    return !triedBefore(pickTried, server) && !pool.health.down(pickNow) && pool.hasRoom();
  }

  @Override
  public int load(int server) {
    return pools[server].busy();
  }

  @Override
  public boolean warm(int server) {
    return pools[server].idle() > 0;
  }

  private UpstreamFailure noServer(long now, long tried) {
    boolean anyLive = false;
    for (int i = 0; i < pools.length; i++) {
      anyLive |= !pools[i].health.down(now) && !triedBefore(tried, i);
    }
    if (anyLive) {
      return new UpstreamFailure(503, "every server of upstream " + config.name() + " is at maxConnections");
    }
    if (tried == 0) {
      // nginx: when every peer has failed, mark them all live again so the next request can recover. A server
      // down on active probes stays down: only passing probes bring it back.
      for (ServerPool pool : pools) {
        pool.health.revive();
      }
    }
    return UpstreamFailure.shown(502, "no live server in upstream " + config.name());
  }

  private static boolean triedBefore(long tried, int index) {
    return index < Long.SIZE && (tried & (1L << index)) != 0;
  }
}
