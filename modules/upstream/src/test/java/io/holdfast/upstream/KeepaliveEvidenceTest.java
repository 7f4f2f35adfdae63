package io.holdfast.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.holdfast.bus.ServerStats;
import io.holdfast.testkit.TestConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.RequestOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The figures the keepalive advisor reads, counted by real pools against a real server. */
class KeepaliveEvidenceTest {

  private Vertx vertx;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  @Test
  void peakActiveCountsRequestsInFlightAtOnceAfterTheyEnded() throws Exception {
    PoolsHost host = deploy(server(new HttpServerOptions(), null), "30s");
    List<UpstreamLease> leases = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      leases.add(host.on(pools -> pools.group("app").acquire()));
    }
    host.on(pools -> {
      leases.forEach(lease -> lease.discard(null));
      return Future.succeededFuture();
    });

    ServerStats stats = single(host);
    assertThat(stats.active()).isZero();
    assertThat(stats.peakActive()).isEqualTo(3);
  }

  @Test
  void responseTimesAreCountedInHistogramBuckets() throws Exception {
    PoolsHost host = deploy(server(new HttpServerOptions(), null), "30s");
    exchange(host);
    exchange(host);

    ServerStats stats = single(host);
    assertThat(stats.responseTimes().total()).isEqualTo(2);
    assertThat(stats.responseTimes().quantileMillis(0.5)).isPositive()
        .isLessThanOrEqualTo(stats.responseTimeMaxMillis() * 2.5);
  }

  @Test
  void theLastAnnouncedKeepAliveTimeoutIsRecorded() throws Exception {
    PoolsHost host = deploy(server(new HttpServerOptions(), "timeout=7, max=100"), "30s");
    assertThat(single(host).keepAliveTimeoutAnnounced()).isEqualTo(ServerStats.NOT_ANNOUNCED);

    exchange(host);

    assertThat(single(host).keepAliveTimeoutAnnounced()).isEqualTo(7);
  }

  @Test
  void anIdleConnectionTheUpstreamClosesIsCountedWithItsIdleAge() throws Exception {
    HttpServerOptions closesIdleAfter300ms = new HttpServerOptions().setIdleTimeout(300)
        .setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
    PoolsHost host = deploy(server(closesIdleAfter300ms, null), "30s");

    exchange(host);

    await().atMost(Duration.ofSeconds(3)).until(() -> single(host).idleClosedByUpstream() == 1);
    assertThat(single(host).idleAgeAtUpstreamCloseMillis()).isBetween(250L, 2_000L);
  }

  @Test
  void anIdleConnectionHoldfastRetiresItselfIsNotCountedAsClosedByTheUpstream() throws Exception {
    PoolsHost host = deploy(server(new HttpServerOptions(), null), "200ms");

    exchange(host);

    await().atMost(Duration.ofSeconds(3)).until(() -> single(host).closed() == 1);
    assertThat(single(host).idleClosedByUpstream()).isZero();
  }

  private int server(HttpServerOptions options, String keepAlive) throws Exception {
    return vertx.createHttpServer(options.setHttp2ClearTextEnabled(false))
        .requestHandler(req -> {
          if (keepAlive != null) {
            req.response().putHeader("Keep-Alive", keepAlive);
          }
          req.response().end("ok");
        })
        .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS).actualPort();
  }

  private PoolsHost deploy(int port, String idleTimeout) throws Exception {
    PoolsHost host = new PoolsHost(UpstreamPlan.compile(TestConfig.create().upstream("app", port)
        .set("upstreams.app.keepalive.timeout", idleTimeout).listener("main", 0, "app").snapshot(1)));
    vertx.deployVerticle(host).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    return host;
  }

  private ServerStats single(PoolsHost host) throws Exception {
    List<ServerStats> stats = host.on(pools -> Future.succeededFuture(pools.stats()));
    assertThat(stats).hasSize(1);
    return stats.get(0);
  }

  private void exchange(PoolsHost host) throws Exception {
    host.on(pools -> pools.group("app").acquire().compose(lease ->
        lease.connection().request(new RequestOptions().setMethod(HttpMethod.GET).setURI("/"))
            .compose(req -> req.send())
            .compose(resp -> resp.body().map(b -> {
              lease.release(resp);
              return b.toString();
            }))));
  }
}
