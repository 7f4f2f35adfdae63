package io.holdfast.upstream;

import io.holdfast.bus.ServerStats;
import io.holdfast.testkit.TestConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
    PoolsHost first = PoolsHost.deploy(vertx, plan(1, 0));
    PoolsHost second = PoolsHost.deploy(vertx, plan(1, 0));
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
    PoolsHost host = PoolsHost.deploy(vertx, plan(1, 0));
    exchange(host);
    UpstreamGroup before = host.pools.group("app");
    UpstreamPools next = host.on(pools -> pools.update(plan(2, 0)));
    host.pools = next;
    assertThat(next.group("app")).isSameAs(before);
    exchange(host);
    assertThat(connections).hasValue(1);
    List<ServerStats> stats = host.on(pools -> Future.succeededFuture(pools.stats()));
    assertThat(stats).hasSize(1);
  }

  @Test
  void startCompletesOnceWarmConnectionsAreIdle() throws Exception {
    PoolsHost host = PoolsHost.deploy(vertx, plan(1, 3));
    ServerStats stats = host.single();
    assertThat(stats.idle()).isEqualTo(3);
    assertThat(stats.opened()).isEqualTo(3);
    exchange(host);
    assertThat(connections).hasValue(3);
  }

  @Test
  void changedUpstreamWarmsNewPoolBeforeUpdateCompletesThenDrainsOldOne() throws Exception {
    PoolsHost host = PoolsHost.deploy(vertx, plan(1, 0));
    exchange(host);
    UpstreamPools next = host.on(pools -> pools.update(plan(2, 3)));
    host.pools = next;
    // When the future completes the 3 warm connections are idle and the old idle one has left the pool;
    // one entry for the server, counting both generations.
    ServerStats afterUpdate = host.single();
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
      PoolsHost host = PoolsHost.deploy(vertx, plan(1, 0));
      exchange(host);
      // The new "app" pool warms 2 connections at once; "slow" keeps the update pending up to its connect timeout.
      UpstreamPlan next = UpstreamPlan.compile(app(2).upstream("slow", stalled.port())
          .set("upstreams.slow.keepalive", keepalive(1)).snapshot(2));
      CompletableFuture<UpstreamPools> updating = host.begin(pools -> pools.update(next));
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
    PoolsHost host = PoolsHost.deploy(vertx, plan(1, 0));
    exchange(host);
    exchange(host);
    host.pools = host.on(pools -> pools.update(plan(2, 1)));
    exchange(host);
    await().atMost(Duration.ofSeconds(2)).until(() -> host.single().closed() == 1);
    // The drained pool leaves at the next sweep (every 100 ms); the server's counts stay through it.
    await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> host.single().requests() == 3);
    List<ServerStats> stats = host.on(pools -> Future.succeededFuture(pools.stats()));
    assertThat(stats).hasSize(1);
    // The third request is the warm connection's first: not a reuse.
    assertThat(stats.get(0)).extracting(ServerStats::opened, ServerStats::closed, ServerStats::requests,
        ServerStats::reused, ServerStats::open, ServerStats::idle).containsExactly(2L, 1L, 3L, 1L, 1, 1);
  }

  @Test
  void warmUpFailureDoesNotFailTheUpdate() throws Exception {
    int refused;
    try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
      refused = probe.getLocalPort();
    }
    PoolsHost host = PoolsHost.deploy(vertx, plan(1, 0));
    UpstreamPlan onlyDown = UpstreamPlan.compile(TestConfig.create().upstream("down", refused)
        .set("upstreams.down.keepalive", keepalive(2)).snapshot(2));
    UpstreamPools next = host.on(pools -> pools.update(onlyDown));
    assertThat(next.group("down")).isNotNull();
    assertThat(next.group("app")).isNull();
  }

  @Test
  void closeDrainsEveryPool() throws Exception {
    PoolsHost host = PoolsHost.deploy(vertx, plan(1, 2));
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
    PoolsHost host = PoolsHost.deploy(vertx, UpstreamPlan.compile(TestConfig.create().upstream("app", refused, port)
        .set("upstreams.app.keepalive", keepalive(0)).snapshot(1)));
    for (int i = 0; i < 4; i++) {
      exchange(host);
    }
    List<ServerStats> stats = host.on(pools -> Future.succeededFuture(pools.stats()));
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
    PoolsHost host = PoolsHost.deploy(vertx, UpstreamPlan.compile(TestConfig.create().upstream("app", refused, refused)
        .set("upstreams.app.balance", "least-conn").set("upstreams.app.keepalive", keepalive(0)).snapshot(1)));
    Throwable failure = host.on(pools -> pools.group("app").acquire().map(l -> (Throwable) null)
        .otherwise(err -> err));
    assertThat(failure).isInstanceOf(UpstreamFailure.class);
    assertThat(((UpstreamFailure) failure).status()).isEqualTo(502);
  }

  @Test
  void connectTimeoutGives502() throws Exception {
    try (StalledServer stalled = new StalledServer()) {
      PoolsHost host = PoolsHost.deploy(vertx, UpstreamPlan.compile(TestConfig.create().upstream("app", stalled.port())
          .set("upstreams.app.keepalive", keepalive(0)).set("upstreams.app.connectTimeout", "300ms").snapshot(1)));
      long start = System.nanoTime();
      Throwable failure = host.on(pools -> pools.group("app").acquire().map(l -> (Throwable) null)
          .otherwise(err -> err));
      assertThat(failure).isInstanceOf(UpstreamFailure.class).hasMessageContaining("timed out");
      assertThat((System.nanoTime() - start) / 1_000_000).isBetween(250L, 2000L);
    }
  }

  private static void exchange(PoolsHost host) throws Exception {
    assertThat(host.get()).isEqualTo("ok");
  }

  /** Up to 8 idle connections, no linger, {@code warm} of them opened before the pool serves. */
  private static JsonObject keepalive(int warm) {
    return new JsonObject().put("connections", 8).put("linger", "0").put("warm", warm);
  }

  /** Upstream app on the test server, with a listener routing to it. */
  private TestConfig app(int warm) {
    return TestConfig.create().upstream("app", port).set("upstreams.app.keepalive", keepalive(warm))
        .listener("main", 0, "app");
  }

  private UpstreamPlan plan(long version, int warm) {
    return UpstreamPlan.compile(app(warm).snapshot(version));
  }
}
