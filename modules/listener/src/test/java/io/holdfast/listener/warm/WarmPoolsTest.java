package io.holdfast.listener.warm;

import io.holdfast.bus.Addresses;
import io.holdfast.bus.InstanceStats;
import io.holdfast.bus.LocalCodec;
import io.holdfast.bus.ServerStats;
import io.holdfast.config.ConfigSnapshot;
import io.holdfast.listener.ListenerVerticle;
import io.holdfast.listener.RawClient;
import io.holdfast.routing.RouteTables;
import io.holdfast.testkit.TestConfig;
import io.holdfast.upstream.UpstreamPlan;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.holdfast.listener.RawClient.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code keepalive.warm} as a listener instance lives it: warm before it binds, warm before it switches. */
class WarmPoolsTest {

  private Vertx vertx;
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicInteger open = new AtomicInteger();

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    LocalCodec.register(vertx.eventBus(), ConfigSnapshot.class);
  }

  @AfterEach
  void tearDown() {
    vertx.close().await();
  }

  @Test
  void instanceStartsOnlyOnceItsWarmConnectionsAreOpen() throws Exception {
    try (SlowAcceptUpstream upstream = new SlowAcceptUpstream()) {
      ListenerVerticle verticle = new ListenerVerticle(
          warm(TestConfig.create().listener("main", 0, "app").upstream("app", upstream.port()), "app", 2).snapshot(1));
      Future<String> deployed = vertx.deployVerticle(verticle);
      // The warm connects' first SYNs meet the full queue; their retransmissions (about 1 s on) get through.
      upstream.acceptAfter(Duration.ofMillis(300));
      deployed.await(10, TimeUnit.SECONDS);

      ServerStats app = statsOf(verticle).pools().get(0);
      assertThat(app.idle()).isEqualTo(2);
      assertThat(app.opened()).isEqualTo(2);
      await().atMost(Duration.ofSeconds(2)).until(() -> upstream.acceptedFromClients() == 2);
    }
  }

  @Test
  void reloadServesOnTheOldIdleConnectionUntilTheWarmedPoolsTakeOver() throws Exception {
    int appPort = countingUpstream();
    try (SlowAcceptUpstream stalled = new SlowAcceptUpstream()) {
      ListenerVerticle verticle = new ListenerVerticle(
          warm(TestConfig.create().listener("main", 0, "app").upstream("app", appPort), "app", 0).snapshot(1));
      vertx.deployVerticle(verticle).await();
      // Version 2 changes "app" (1 warm connection) and adds an upstream whose warm connect hangs 2 s.
      TestConfig next = TestConfig.create().listener("main", 0, "app").upstream("app", appPort)
          .upstream("slow", stalled.port());
      ConfigSnapshot v2 = warm(warm(next, "app", 1), "slow", 1).snapshot(2);
      try (RawClient client = RawClient.connect(verticle.boundPort("main"))) {
        assertThat(client.exchange(get("/a")).status()).isEqualTo(200);
        assertThat(connections).hasValue(1);

        vertx.eventBus().publish(Addresses.ROUTES_APPLIED, RouteTables.compile(v2));
        vertx.eventBus().publish(Addresses.UPSTREAMS_APPLIED, UpstreamPlan.compile(v2));
        await().atMost(Duration.ofSeconds(2)).until(() -> connections.get() == 2);

        for (int i = 0; i < 3; i++) {
          assertThat(client.exchange(get("/b")).status()).isEqualTo(200);
        }
        assertThat(verticle.servingVersion()).isEqualTo(1);
        assertThat(connections).hasValue(2);

        await().atMost(Duration.ofSeconds(5)).until(() -> verticle.servingVersion() == 2);
        await().atMost(Duration.ofSeconds(2)).until(() -> open.get() == 1);
        assertThat(client.exchange(get("/c")).status()).isEqualTo(200);
        assertThat(connections).hasValue(2);
      }
    }
  }

  private int countingUpstream() {
    // Without h2c detection the server sees a connection at accept, not at its first request.
    return vertx.createHttpServer(new HttpServerOptions().setHttp2ClearTextEnabled(false))
        .connectionHandler(c -> {
          connections.incrementAndGet();
          open.incrementAndGet();
          c.closeHandler(v -> open.decrementAndGet());
        })
        .requestHandler(r -> r.response().end("ok"))
        .listen(0, "127.0.0.1").await().actualPort();
  }

  private InstanceStats statsOf(ListenerVerticle verticle) {
    return vertx.eventBus().<InstanceStats>request(Addresses.instanceStats(verticle.instanceId()), null)
        .await().body();
  }

  /** Up to 8 idle connections without linger, {@code count} of them opened before the pool serves. */
  private static TestConfig warm(TestConfig config, String upstream, int count) {
    return config.set("upstreams." + upstream + ".keepalive.connections", 8)
        .set("upstreams." + upstream + ".keepalive.linger", "0")
        .set("upstreams." + upstream + ".keepalive.warm", count);
  }
}
