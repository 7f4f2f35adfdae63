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
import java.util.List;
import java.util.Map;
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
  void changedUpstreamDrainsOldPoolAndWarmsNewOneBeforeUpdateCompletes() throws Exception {
    PoolsHost host = deploy(plan(1, keepalive(0)));
    exchange(host);
    UpstreamPools next = host.on(pools -> pools.update(plan(2, keepalive(3))));
    host.pools = next;
    // 3 warm connections are open when the future completes; the old idle one closes.
    List<ServerPoolStats> afterUpdate = host.on(pools -> Future.succeededFuture(pools.stats()));
    assertThat(afterUpdate).extracting(ServerPoolStats::opened).contains(3L);
    await().atMost(Duration.ofSeconds(2)).until(() -> connections.get() == 4);
    await().atMost(Duration.ofSeconds(2)).until(() -> open.get() == 3);
    await().atMost(Duration.ofSeconds(2)).until(() ->
        host.on(pools -> Future.succeededFuture(pools.stats())).size() == 1);
    ServerPoolStats stats = host.on(pools -> Future.succeededFuture(pools.stats())).get(0);
    assertThat(stats.idle()).isEqualTo(3);
    exchange(host);
    assertThat(connections).hasValue(4);
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
    // A listening socket that never accepts, with its backlog filled: further SYNs go unanswered.
    try (java.net.ServerSocket full = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      List<java.net.Socket> fillers = new java.util.ArrayList<>();
      try {
        for (int i = 0; i < 3; i++) {
          java.net.Socket filler = new java.net.Socket();
          filler.connect(full.getLocalSocketAddress(), 200);
          fillers.add(filler);
        }
      } catch (java.io.IOException backlogFull) {
        // Expected once the queue is full.
      }
      UpstreamConfig app = new UpstreamConfig("app",
          List.of(new ServerConfig("127.0.0.1", full.getLocalPort(), 1, 0)), Balance.ROUND_ROBIN, keepalive(0),
          Duration.ofMillis(300), Duration.ofSeconds(5), 1, Duration.ofSeconds(10));
      PoolsHost host = deploy(new UpstreamPlan(1, Map.of("app", app)));
      long start = System.nanoTime();
      Throwable failure = host.on(pools -> pools.group("app").acquire().map(l -> (Throwable) null)
          .otherwise(err -> err));
      assertThat(failure).isInstanceOf(UpstreamFailure.class).hasMessageContaining("timed out");
      assertThat((System.nanoTime() - start) / 1_000_000).isBetween(250L, 2000L);
      for (java.net.Socket filler : fillers) {
        filler.close();
      }
    }
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
