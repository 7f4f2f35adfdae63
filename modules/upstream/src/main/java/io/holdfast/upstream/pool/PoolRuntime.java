package io.holdfast.upstream.pool;

import io.holdfast.bus.Addresses;
import io.holdfast.bus.LocalDelivery;
import io.holdfast.bus.HealthReport;
import io.holdfast.bus.LocalCodec;
import io.holdfast.bus.PassiveMark;
import io.holdfast.bus.ServerStats;
import io.holdfast.config.ServerConfig;
import io.holdfast.config.UpstreamConfig;
import io.holdfast.config.UpstreamTls;
import io.holdfast.upstream.health.ServerHealth;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What every generation of one instance's pools shares: the connector, the periodic sweep, the registry
 * of live and draining server pools (so stats and sweeps see a draining pool until it is empty), and the
 * counters and {@link ServerHealth} of each server, which outlive any one pool generation.
 */
final class PoolRuntime {

  /** Sweep period: bounds how late an idle connection past a retire rule or past linger is closed. */
  static final long SWEEP_PERIOD_MILLIS = 100;
  private static final long PEAK_WINDOW_NANOS = ServerStats.PEAK_WINDOW_MILLIS * 1_000_000;

  /** One server of one upstream: pools of successive generations for it share their counters. */
  private record ServerKey(String upstream, String server) {

    static ServerKey of(ServerPool pool) {
      return new ServerKey(pool.upstream, pool.server.address());
    }
  }

  /** One TLS server of one upstream with one TLS config: successive pools for it share its connector. */
  private record TlsKey(String upstream, String server, UpstreamTls tls) {
  }

  private final Vertx vertx;
  private final Connector plain;
  /** Kept while a pool uses them, so a reload that keeps a server's TLS config keeps its TLS sessions. */
  private final Map<TlsKey, Connector> tlsConnectors = new HashMap<>();
  private final List<ServerPool> pools = new ArrayList<>();
  private final Map<ServerKey, PoolCounters> counters = new HashMap<>();
  private final Map<ServerKey, ServerHealth> health = new HashMap<>();
  /** The owner's last report, for servers that get a pool after it arrived. */
  private HealthReport published;
  private final long timer;
  private long peakWindowStart = System.nanoTime();
  private Promise<Void> closing;

  PoolRuntime(Vertx vertx) {
    this.vertx = vertx;
    this.plain = Connector.plain(vertx);
    LocalCodec.register(vertx.eventBus(), PassiveMark.class);
    this.timer = vertx.setPeriodic(SWEEP_PERIOD_MILLIS, id -> sweep());
  }

  /**
   * The counters of {@code server} in {@code upstream}: those of its current pool when it has one, so a
   * replacing pool continues them. They are dropped once no pool for the server is left.
   */
  PoolCounters counters(String upstream, String server) {
    return counters.computeIfAbsent(new ServerKey(upstream, server), key -> new PoolCounters());
  }

  /** The health of {@code server} in {@code config}'s upstream on this instance, shared by its pool generations. */
  ServerHealth health(UpstreamConfig config, ServerConfig server) {
    return health.computeIfAbsent(new ServerKey(config.name(), server.address()), key -> {
      ServerHealth created = new ServerHealth(key.upstream(), key.server(),
          mark -> vertx.eventBus().send(Addresses.HEALTH_PASSIVE, mark, LocalDelivery.options()));
      if (published != null) {
        published.servers().stream().filter(s -> s.upstream().equals(key.upstream()) && s.server().equals(key.server()))
            .findFirst().ifPresent(created::apply);
      }
      return created;
    }).configure(config);
  }

  /** Applies the owner's {@code report} on this loop, unless a newer one was applied already. */
  void applyHealth(HealthReport report) {
    if (published != null && report.sequence() <= published.sequence()) {
      return;
    }
    published = report;
    for (HealthReport.Server server : report.servers()) {
      ServerHealth known = health.get(new ServerKey(server.upstream(), server.server()));
      if (known != null) {
        known.apply(server);
      }
    }
  }

  /**
   * The connector for {@code server} of {@code upstream}: the shared plain one, or the server's TLS one,
   * reused from an earlier pool generation when the upstream's TLS config (CA file content included) is
   * unchanged, so its TLS sessions survive a reload.
   */
  Connector connector(UpstreamConfig upstream, ServerConfig server) {
    if (!upstream.tls().enabled()) {
      return plain;
    }
    return tlsConnectors.computeIfAbsent(new TlsKey(upstream.name(), server.address(), upstream.tls()),
        key -> Connector.tls(vertx, upstream.tls(), server));
  }

  void register(ServerGroup group) {
    pools.addAll(List.of(group.pools()));
  }

  private void sweep() {
    long now = System.nanoTime();
    if (now - peakWindowStart >= PEAK_WINDOW_NANOS) {
      peakWindowStart = now;
      counters.values().forEach(PoolCounters::rollPeakWindow);
    }
    boolean removed = pools.removeIf(pool -> {
      pool.sweep(now);
      // A replaced pool stays while tunnels through it are open: reloads leave tunnels alone, and their
      // counters and TLS connector must outlive the pool's last pooled connection. Not when closing: the
      // connectors' close then ends those tunnels.
      return pool.draining() && pool.open() == 0 && (pool.tunnels == 0 || closing != null);
    });
    if (removed) {
      Set<ServerKey> served = new HashSet<>();
      pools.forEach(pool -> served.add(ServerKey.of(pool)));
      counters.keySet().retainAll(served);
      health.keySet().retainAll(served);
      closeUnusedConnectors();
    }
    if (closing != null && pools.isEmpty()) {
      vertx.cancelTimer(timer);
      List<Future<Void>> closed = new ArrayList<>();
      closed.add(plain.close());
      tlsConnectors.values().forEach(c -> closed.add(c.close()));
      tlsConnectors.clear();
      Future.join(closed).<Void>mapEmpty().onComplete(closing);
    }
  }

  /** A TLS connector no pool uses any more (its server or TLS config left with a reload) is closed. */
  private void closeUnusedConnectors() {
    Set<Connector> used = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    pools.forEach(pool -> used.add(pool.connector()));
    for (var it = tlsConnectors.values().iterator(); it.hasNext(); ) {
      Connector connector = it.next();
      if (!used.contains(connector)) {
        it.remove();
        connector.close();
      }
    }
  }

  /** One entry per server, in the order its first pool was registered. */
  List<ServerStats> stats() {
    long now = System.nanoTime();
    Map<ServerKey, ServerGauges> byServer = new LinkedHashMap<>();
    for (ServerPool pool : pools) {
      byServer.computeIfAbsent(ServerKey.of(pool), key -> new ServerGauges(pool)).add(pool, now);
    }
    List<ServerStats> stats = new ArrayList<>(byServer.size());
    byServer.values().forEach(tally -> stats.add(tally.stats()));
    return stats;
  }

  Future<Void> close() {
    if (closing == null) {
      closing = Promise.promise();
      pools.forEach(ServerPool::drain);
      sweep();
    }
    return closing.future();
  }
}
