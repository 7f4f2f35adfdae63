package io.holdfast.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.holdfast.bus.ServerPoolStats;
import io.holdfast.config.Balance;
import io.holdfast.config.ServerConfig;
import io.holdfast.config.UpstreamConfig;
import io.holdfast.config.UpstreamKeepalive;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.RequestOptions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UpstreamPoolsTest {

  private Vertx vertx;
  private int port;
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicInteger open = new AtomicInteger();

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    // Without h2c detection the server sees a connection at accept, not at its first request.
    port = vertx.createHttpServer(new HttpServerOptions().setHttp2ClearTextEnabled(false))
        .connectionHandler(c -> {
          connections.incrementAndGet();
          open.incrementAndGet();
          c.closeHandler(v -> open.decrementAndGet());
        })
        .requestHandler(req -> req.response().end("ok"))
        .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS).actualPort();
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  @Test
  void connectionsLiveOnTheEventLoopThatCreatedThePools() throws Exception {
    PoolsHost first = deploy(plan(1, keepalive(0)));
    PoolsHost second = deploy(plan(1, keepalive(0)));
    assertThat(first.loop).isNotSameAs(second.loop);
    for (PoolsHost host : List.of(first, second)) {
      Thread[] seen = new Thread[2];
      host.on(pools -> pools.group("app").acquire().compose(lease -> {
        lease.connection().closeHandler(v -> seen[1] = Thread.currentThread());
        return lease.connection().request(new RequestOptions().setMethod(HttpMethod.GET).setURI("/"))
            .compose(req -> req.send())
            .compose(resp -> {
              seen[0] = Thread.currentThread();
              return resp.end().map(v -> {
                lease.discard(null);
                return resp;
              });
            });
      }));
      await().atMost(Duration.ofSeconds(2)).until(() -> seen[1] != null);
      assertThat(seen).containsOnly(host.loop);
    }
  }

  @Test
  void unchangedUpstreamKeepsItsPoolAcrossUpdate() throws Exception {
    PoolsHost host = deploy(plan(1, keepalive(0)));
    exchange(host);
    UpstreamGroup before = host.pools.group("app");
    UpstreamPools next = host.on(pools -> pools.update(plan(2, keepalive(0))));
    host.pools = next;
    assertThat(next.group("app")).isSameAs(before);
    exchange(host);
    assertThat(connections).hasValue(1);
    List<ServerPoolStats> stats = host.on(pools -> Future.succeededFuture(pools.stats()));
    assertThat(stats).hasSize(1);
  }

  @Test
  void startCompletesOnceWarmConnectionsAreIdle() throws Exception {
    PoolsHost host = deploy(plan(1, keepalive(3)));
    ServerPoolStats stats = single(host);
    assertThat(stats.idle()).isEqualTo(3);
    assertThat(stats.opened()).isEqualTo(3);
    exchange(host);
    assertThat(connections).hasValue(3);
  }

  @Test
  void changedUpstreamWarmsNewPoolBeforeUpdateCompletesThenDrainsOldOne() throws Exception {
    PoolsHost host = deploy(plan(1, keepalive(0)));
    exchange(host);
    UpstreamPools next = host.on(pools -> pools.update(plan(2, keepalive(3))));
    host.pools = next;
    // When the future completes the 3 warm connections are idle and the old idle one has left the pool;
    // one entry for the server, counting both generations.
    ServerPoolStats afterUpdate = single(host);
    assertThat(afterUpdate.idle()).isEqualTo(3);
    assertThat(afterUpdate.opened()).isEqualTo(4);
    await().atMost(Duration.ofSeconds(2)).until(() -> open.get() == 3);
    assertThat(connections).hasValue(4);
    exchange(host);
    assertThat(connections).hasValue(4);
  }

  @Test
  void oldGenerationReusesItsIdleConnectionWhileTheSuccessorWarms() throws Exception {
    try (StalledServer stalled = new StalledServer()) {
      PoolsHost host = deploy(plan(1, keepalive(0)));
      exchange(host);
      // The new "app" pool warms 2 connections at once; "slow" keeps the update pending up to its connect timeout.
      Map<String, UpstreamConfig> upstreams = new HashMap<>(plan(2, keepalive(2)).upstreams());
      upstreams.put("slow", new UpstreamConfig("slow", List.of(new ServerConfig("127.0.0.1", stalled.port(), 1, 0)),
          Balance.ROUND_ROBIN, keepalive(1), Duration.ofSeconds(2), Duration.ofSeconds(5), 1, Duration.ofSeconds(10)));
      CompletableFuture<UpstreamPools> updating = host.begin(pools -> pools.update(new UpstreamPlan(2, upstreams)));
      await().atMost(Duration.ofSeconds(2)).until(() -> connections.get() == 3);

      for (int i = 0; i < 3; i++) {
        exchange(host);
      }
      assertThat(updating).isNotDone();
      assertThat(connections).hasValue(3);
      assertThat(open).hasValue(3);

      host.pools = updating.get(5, TimeUnit.SECONDS);
      await().atMost(Duration.ofSeconds(2)).until(() -> open.get() == 2);
      exchange(host);
      assertThat(connections).hasValue(3);
    }
  }

  @Test
  void serverCountersContinueAcrossAPoolReplacement() throws Exception {
    PoolsHost host = deploy(plan(1, keepalive(0)));
    exchange(host);
    exchange(host);
    host.pools = host.on(pools -> pools.update(plan(2, keepalive(1))));
    exchange(host);
    await().atMost(Duration.ofSeconds(2)).until(() -> single(host).closed() == 1);
    // The drained pool leaves at the next sweep (every 100 ms); the server's counts stay through it.
    await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> single(host).requests() == 3);
    List<ServerPoolStats> stats = host.on(pools -> Future.succeededFuture(pools.stats()));
    assertThat(stats).hasSize(1);
    assertThat(stats.get(0)).extracting(ServerPoolStats::opened, ServerPoolStats::closed, ServerPoolStats::requests,
        ServerPoolStats::reused, ServerPoolStats::open, ServerPoolStats::idle).containsExactly(2L, 1L, 3L, 2L, 1, 1);
  }

  @Test
  void warmUpFailureDoesNotFailTheUpdate() throws Exception {
    int refused;
    try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
      refused = probe.getLocalPort();
    }
    PoolsHost host = deploy(plan(1, keepalive(0)));
    UpstreamConfig down = new UpstreamConfig("down", List.of(new ServerConfig("127.0.0.1", refused, 1, 0)),
        Balance.ROUND_ROBIN, keepalive(2), Duration.ofSeconds(2), Duration.ofSeconds(5), 1, Duration.ofSeconds(10));
    UpstreamPools next = host.on(pools -> pools.update(new UpstreamPlan(2, Map.of("down", down))));
    assertThat(next.group("down")).isNotNull();
    assertThat(next.group("app")).isNull();
  }

  @Test
  void closeDrainsEveryPool() throws Exception {
    PoolsHost host = deploy(plan(1, keepalive(2)));
    await().atMost(Duration.ofSeconds(2)).until(() -> open.get() == 2);
    host.on(UpstreamPools::close);
    await().atMost(Duration.ofSeconds(2)).until(() -> open.get() == 0);
  }

  @Test
  void connectFailureMovesToNextServerAndMarksTheFailedOneDown() throws Exception {
    int refused;
    try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
      refused = probe.getLocalPort();
    }
    UpstreamConfig app = new UpstreamConfig("app",
        List.of(new ServerConfig("127.0.0.1", refused, 1, 0), new ServerConfig("127.0.0.1", port, 1, 0)),
        Balance.ROUND_ROBIN, keepalive(0), Duration.ofSeconds(2), Duration.ofSeconds(5), 1, Duration.ofSeconds(10));
    PoolsHost host = deploy(new UpstreamPlan(1, Map.of("app", app)));
    for (int i = 0; i < 4; i++) {
      exchange(host);
    }
    List<ServerPoolStats> stats = host.on(pools -> Future.succeededFuture(pools.stats()));
    assertThat(stats.get(0).down()).isTrue();
    assertThat(stats.get(0).failures()).isEqualTo(1);
    assertThat(stats.get(1).requests()).isEqualTo(4);
  }

  @Test
  void everyServerRefusingGives502() throws Exception {
    int refused;
    try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
      refused = probe.getLocalPort();
    }
    UpstreamConfig app = new UpstreamConfig("app",
        List.of(new ServerConfig("127.0.0.1", refused, 1, 0), new ServerConfig("127.0.0.1", refused, 1, 0)),
        Balance.LEAST_CONN, keepalive(0), Duration.ofSeconds(2), Duration.ofSeconds(5), 1, Duration.ofSeconds(10));
    PoolsHost host = deploy(new UpstreamPlan(1, Map.of("app", app)));
    Throwable failure = host.on(pools -> pools.group("app").acquire().map(l -> (Throwable) null)
        .otherwise(err -> err));
    assertThat(failure).isInstanceOf(UpstreamFailure.class);
    assertThat(((UpstreamFailure) failure).status()).isEqualTo(502);
  }

  @Test
  void connectTimeoutGives502() throws Exception {
    try (StalledServer stalled = new StalledServer()) {
      UpstreamConfig app = new UpstreamConfig("app",
          List.of(new ServerConfig("127.0.0.1", stalled.port(), 1, 0)), Balance.ROUND_ROBIN, keepalive(0),
          Duration.ofMillis(300), Duration.ofSeconds(5), 1, Duration.ofSeconds(10));
      PoolsHost host = deploy(new UpstreamPlan(1, Map.of("app", app)));
      long start = System.nanoTime();
      Throwable failure = host.on(pools -> pools.group("app").acquire().map(l -> (Throwable) null)
          .otherwise(err -> err));
      assertThat(failure).isInstanceOf(UpstreamFailure.class).hasMessageContaining("timed out");
      assertThat((System.nanoTime() - start) / 1_000_000).isBetween(250L, 2000L);
    }
  }

  private ServerPoolStats single(PoolsHost host) throws Exception {
    List<ServerPoolStats> stats = host.on(pools -> Future.succeededFuture(pools.stats()));
    assertThat(stats).hasSize(1);
    return stats.get(0);
  }

  private void exchange(PoolsHost host) throws Exception {
    String body = host.on(pools -> pools.group("app").acquire().compose(lease ->
        lease.connection().request(new RequestOptions().setMethod(HttpMethod.GET).setURI("/"))
            .compose(req -> req.send())
            .compose(resp -> resp.body().map(b -> {
              lease.release(resp);
              return b.toString();
            }))));
    assertThat(body).isEqualTo("ok");
  }

  private PoolsHost deploy(UpstreamPlan plan) throws Exception {
    PoolsHost host = new PoolsHost(plan);
    vertx.deployVerticle(host).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    return host;
  }

  private static UpstreamKeepalive keepalive(int warm) {
    return new UpstreamKeepalive(8, Duration.ofSeconds(60), 1000, Duration.ofHours(1), Duration.ZERO, warm);
  }

  private UpstreamPlan plan(long version, UpstreamKeepalive keepalive) {
    UpstreamConfig app = new UpstreamConfig("app", List.of(new ServerConfig("127.0.0.1", port, 1, 0)),
        Balance.ROUND_ROBIN, keepalive, Duration.ofSeconds(2), Duration.ofSeconds(5), 1, Duration.ofSeconds(10));
    return new UpstreamPlan(version, Map.of("app", app));
  }
}
