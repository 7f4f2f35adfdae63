package io.holdfast.upstream.pool;

import io.holdfast.config.ServerConfig;
import io.holdfast.config.UpstreamConfig;
import io.holdfast.upstream.UpstreamFailure;
import io.holdfast.upstream.UpstreamGroup;
import io.holdfast.upstream.UpstreamLease;
import io.holdfast.upstream.balance.Balancer;
import io.vertx.core.Future;

import java.util.List;

/**
 * One upstream on one event loop: a {@link ServerPool} per server, a {@link Balancer} over them. A
 * connect failure moves on to another live server once per server, as nginx's default
 * {@code proxy_next_upstream error timeout} does.
 */
final class ServerGroup implements UpstreamGroup {

  private final UpstreamConfig config;
  private final ServerPool[] pools;
  private final Balancer balancer;

  ServerGroup(UpstreamConfig config, PoolRuntime runtime) {
    this.config = config;
    List<ServerConfig> servers = config.servers();
    this.pools = new ServerPool[servers.size()];
    int[] weights = new int[pools.length];
    for (int i = 0; i < pools.length; i++) {
      ServerConfig server = servers.get(i);
      pools[i] = new ServerPool(config, server, runtime.connector(config, server),
          runtime.counters(config.name(), server.address()));
      weights[i] = Math.max(1, server.weight());
    }
    this.balancer = Balancer.create(config.balance(), weights);
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
    return acquire(0L, 0);
  }

  /** {@code tried}: bit set of server indexes whose connect already failed for this request. */
  private Future<UpstreamLease> acquire(long tried, int attempt) {
    long now = System.nanoTime();
    int index = balancer.pick(i -> !triedBefore(tried, i) && !pools[i].health.down(now) && pools[i].hasRoom(),
        i -> pools[i].busy());
    if (index < 0) {
      return Future.failedFuture(noServer(now, tried));
    }
    Future<UpstreamLease> lease = pools[index].acquire(now);
    if (attempt + 1 >= pools.length || index >= Long.SIZE) {
      return lease;
    }
    return lease.recover(err -> acquire(tried | (1L << index), attempt + 1).recover(next -> Future.failedFuture(err)));
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
      // nginx: when every peer has failed, mark them all live again so the next request can recover.
      for (ServerPool pool : pools) {
        pool.health.revive();
      }
    }
    return new UpstreamFailure(502, "no live server in upstream " + config.name());
  }

  private static boolean triedBefore(long tried, int index) {
    return index < Long.SIZE && (tried & (1L << index)) != 0;
  }
}
