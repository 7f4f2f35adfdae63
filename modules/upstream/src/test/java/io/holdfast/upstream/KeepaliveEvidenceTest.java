package io.holdfast.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.holdfast.bus.ServerStats;
import io.holdfast.testkit.TestConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
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

    ServerStats stats = host.single();
    assertThat(stats.active()).isZero();
    assertThat(stats.peakActive()).isEqualTo(3);
  }

  @Test
  void responseTimesAreCountedInHistogramBuckets() throws Exception {
    PoolsHost host = deploy(server(new HttpServerOptions(), null), "30s");
    host.get();
    host.get();

    ServerStats stats = host.single();
    assertThat(stats.responseTimes().total()).isEqualTo(2);
    assertThat(stats.responseTimes().quantileMillis(0.5)).isPositive()
        .isLessThanOrEqualTo(stats.responseTimeMaxMillis() * 2.5);
  }

  @Test
  void theLastAnnouncedKeepAliveTimeoutIsRecorded() throws Exception {
    PoolsHost host = deploy(server(new HttpServerOptions(), "timeout=7, max=100"), "30s");
    assertThat(host.single().keepAliveTimeoutAnnounced()).isEqualTo(ServerStats.NOT_ANNOUNCED);

    host.get();

    assertThat(host.single().keepAliveTimeoutAnnounced()).isEqualTo(7);
  }

  @Test
  void anIdleConnectionTheUpstreamClosesIsCountedWithItsIdleAge() throws Exception {
    HttpServerOptions closesIdleAfter300ms = new HttpServerOptions().setIdleTimeout(300)
        .setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
    PoolsHost host = deploy(server(closesIdleAfter300ms, null), "30s");

    host.get();

    await().atMost(Duration.ofSeconds(3)).until(() -> host.single().idleClosedByUpstream() == 1);
    assertThat(host.single().idleAgeAtUpstreamCloseMillis()).isBetween(250L, 2_000L);
  }

  @Test
  void anIdleConnectionHoldfastRetiresItselfIsNotCountedAsClosedByTheUpstream() throws Exception {
    PoolsHost host = deploy(server(new HttpServerOptions(), null), "200ms");

    host.get();

    await().atMost(Duration.ofSeconds(3)).until(() -> host.single().closed() == 1);
    assertThat(host.single().idleClosedByUpstream()).isZero();
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
    return PoolsHost.deploy(vertx, UpstreamPlan.compile(TestConfig.create().upstream("app", port)
        .set("upstreams.app.keepalive.timeout", idleTimeout).listener("main", 0, "app").snapshot(1)));
  }
}
