package io.holdfast.upstream;

import io.holdfast.bus.ServerStats;
import io.holdfast.bus.TunnelStats;
import io.holdfast.testkit.TestConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientConnection;
import io.vertx.core.http.HttpServerOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A lease whose upstream answered 101: its connection leaves the pool for good and is counted apart. */
class TunnelHandOffTest {

  private Vertx vertx;
  private int port;
  private final AtomicInteger connections = new AtomicInteger();

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    port = vertx.createHttpServer(new HttpServerOptions().setHttp2ClearTextEnabled(false))
        .connectionHandler(c -> connections.incrementAndGet())
        .requestHandler(req -> req.response().end("ok"))
        .listen(0, "127.0.0.1").await().actualPort();
  }

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  @Test
  void aTunnelIsNeverPooledAndKeepsAReplacedPoolRegisteredUntilItEnds() throws Exception {
    PoolsHost host = PoolsHost.deploy(vertx, plan(1, "1h"));
    HttpClientConnection[] connection = new HttpClientConnection[1];
    UpstreamTunnel tunnel = host.on(pools -> pools.group("app").acquire().map(lease -> {
      connection[0] = lease.connection();
      UpstreamTunnel t = lease.tunnel();
      t.toUpstream(10);
      t.toClient(20);
      return t;
    }));
    ServerStats server = host.single();
    assertThat(server).extracting(ServerStats::open, ServerStats::active, ServerStats::idle, ServerStats::requests)
        .containsExactly(0, 0, 0, 1L);
    assertThat(server.tunnels()).isEqualTo(new TunnelStats(1, 1, 10, 20, 0, 0, 0, 0));

    exchange(host);
    assertThat(connections).as("the tunnel's connection is not reused").hasValue(2);

    host.pools = host.on(pools -> pools.update(plan(2, "2h")));
    // The replaced pool drains its idle connection, but stays (sweep every 100 ms) while its tunnel is open.
    await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
        .until(() -> host.single().tunnels().open() == 1);

    AtomicBoolean closedSeen = new AtomicBoolean();
    host.on(pools -> {
      tunnel.closeHandler(v -> closedSeen.set(true));
      return connection[0].close();
    });
    await().atMost(Duration.ofSeconds(2)).untilTrue(closedSeen);
    host.on(pools -> {
      tunnel.ended(TunnelEnd.UPSTREAM);
      tunnel.ended(TunnelEnd.CLIENT);
      return Future.succeededFuture();
    });
    TunnelStats ended = host.single().tunnels();
    assertThat(ended.open()).isZero();
    assertThat(ended.closedByUpstream()).isEqualTo(1);
    assertThat(ended.closedByClient()).as("a tunnel ends once").isZero();
  }

  private static void exchange(PoolsHost host) throws Exception {
    assertThat(host.get()).isEqualTo("ok");
  }

  private UpstreamPlan plan(long version, String tunnelTimeout) {
    return UpstreamPlan.compile(TestConfig.create().upstream("app", port).set("upstreams.app.tunnelTimeout", tunnelTimeout)
        .set("upstreams.app.keepalive.linger", "0").listener("main", 0, "app").snapshot(version));
  }
}
