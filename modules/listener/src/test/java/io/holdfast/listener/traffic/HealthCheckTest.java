package io.holdfast.listener.traffic;

import static io.holdfast.listener.RawClient.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.holdfast.bus.Addresses;
import io.holdfast.bus.InstanceStats;
import io.holdfast.bus.LocalCodec;
import io.holdfast.bus.ServerStats;
import io.holdfast.config.ConfigSnapshot;
import io.holdfast.listener.ListenerVerticle;
import io.holdfast.listener.RawClient;
import io.holdfast.routing.RoutingVerticle;
import io.holdfast.testkit.TestConfig;
import io.holdfast.upstream.UpstreamVerticle;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Active and shared passive health through real sockets: the upstream verticle probes and merges, listener
 * instances apply its reports on their loops and stop (or resume) sending traffic.
 */
class HealthCheckTest {

  private Vertx vertx;
  private final List<ListenerVerticle> instances = new ArrayList<>();

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    LocalCodec.register(vertx.eventBus(), ConfigSnapshot.class);
  }

  @AfterEach
  void tearDown() {
    vertx.close().await();
  }

  /** The upstream and routing verticles, then {@code count} listener instances; the listener's port. */
  private int start(ConfigSnapshot snapshot, int count) {
    vertx.deployVerticle(new RoutingVerticle(snapshot)).await();
    vertx.deployVerticle(new UpstreamVerticle(snapshot)).await();
    for (int i = 0; i < count; i++) {
      ListenerVerticle instance = new ListenerVerticle(snapshot);
      vertx.deployVerticle(instance).await();
      instances.add(instance);
    }
    return instances.get(0).boundPort("main");
  }

  private static final int INTERVAL_MILLIS = 200;
  /** For a probe's own time, the bus hop and a loaded machine's scheduling. */
  private static final int SLACK_MILLIS = 250;

  private static TestConfig checked(ProbedUpstreams upstreams, int rise, int fall) {
    return TestConfig.proxying(upstreams.ports()).set("listeners.main.keepalive.requests", 100_000)
        .set("upstreams.app.healthCheck", new JsonObject().put("path", ProbedUpstreams.PROBE_PATH)
            .put("interval", INTERVAL_MILLIS + "ms").put("timeout", "150ms").put("rise", rise).put("fall", fall));
  }

  private ServerStats stats(ListenerVerticle instance, String server) {
    InstanceStats stats = vertx.eventBus().<InstanceStats>request(Addresses.instanceStats(instance.instanceId()), null)
        .await().body();
    return stats.pools().stream().filter(s -> s.server().equals(server)).findFirst().orElseThrow();
  }

  @Test
  void aServerFailingItsProbesIsOutWithinIntervalTimesFallGetsNoTrafficAndIsBackAfterRise() throws Exception {
    ProbedUpstreams upstreams = new ProbedUpstreams(vertx, 2);
    int port = start(checked(upstreams, 2, 3).snapshot(1), 1);
    try (RawClient client = RawClient.connect(port)) {
      await().atMost(Duration.ofSeconds(2)).until(() -> upstreams.probes(1) > 0);
      upstreams.health(1, 500);
      long failingSince = System.nanoTime();
      long outAfter = -1;
      int onlyS0 = 0;
      while (onlyS0 < 20) {
        long sent = System.nanoTime();
        if (client.exchange(get("/")).body().equals("s0")) {
          if (onlyS0++ == 0) {
            outAfter = (sent - failingSince) / 1_000_000;
          }
        } else {
          onlyS0 = 0;
          assertThat((System.nanoTime() - failingSince) / 1_000_000).as("still getting traffic").isLessThan(3_000);
          Thread.sleep(5);
        }
      }
      assertThat(outAfter).as("ms until out: interval × fall 3").isLessThanOrEqualTo(INTERVAL_MILLIS * 3 + SLACK_MILLIS);
      int trafficWhileDown = upstreams.traffic(1);
      for (int i = 0; i < 100; i++) {
        assertThat(client.exchange(get("/")).body()).isEqualTo("s0");
      }
      assertThat(upstreams.traffic(1)).isEqualTo(trafficWhileDown);

      upstreams.health(1, 200);
      long passingSince = System.nanoTime();
      while (!client.exchange(get("/")).body().equals("s1")) {
        assertThat((System.nanoTime() - passingSince) / 1_000_000).as("ms until back: interval × rise 2")
            .isLessThan(INTERVAL_MILLIS * 2 + SLACK_MILLIS);
        Thread.sleep(5);
      }
    }
  }

  @Test
  void aServerDownOnProbesStaysOutWhenAReloadReplacesItsPool() throws Exception {
    ProbedUpstreams upstreams = new ProbedUpstreams(vertx, 2);
    int port = start(checked(upstreams, 2, 1).snapshot(1), 1);
    upstreams.health(1, 503);
    try (RawClient client = RawClient.connect(port)) {
      await().atMost(Duration.ofSeconds(2)).until(() -> stats(instances.get(0), upstreams.address(1)).down());
      vertx.eventBus().publish(Addresses.CONFIG_APPLIED,
          checked(upstreams, 2, 1).set("upstreams.app.keepalive.connections", 8).snapshot(2));
      await().atMost(Duration.ofSeconds(2)).until(() -> instances.get(0).servingVersion() == 2);
      int before = upstreams.traffic(1);
      for (int i = 0; i < 20; i++) {
        assertThat(client.exchange(get("/")).body()).isEqualTo("s0");
      }
      assertThat(upstreams.traffic(1)).isEqualTo(before);
    }
  }

  @Test
  void aPassiveMarkOnOneInstanceTakesTheServerOutOnAnother() throws Exception {
    ProbedUpstreams upstreams = new ProbedUpstreams(vertx, 1);
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    String dead = "127.0.0.1:" + closedPort;
    int port = start(TestConfig.proxying(upstreams.ports()[0], closedPort).set("upstreams.app.maxFails", 1)
        .set("upstreams.app.failTimeout", "30s").snapshot(1), 2);
    try (RawClient client = RawClient.connect(port)) {
      // Round-robin: one of two requests is tried on the dead server first, fails to connect and moves on.
      assertThat(client.exchange(get("/")).body()).isEqualTo("s0");
      assertThat(client.exchange(get("/")).body()).isEqualTo("s0");
    }
    await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> {
      for (ListenerVerticle instance : instances) {
        assertThat(stats(instance, dead).down()).as("instance " + instance.instanceId()).isTrue();
      }
    });
    assertThat(instances).extracting(instance -> stats(instance, dead).failures())
        .as("only one instance ever tried it").containsExactlyInAnyOrder(1L, 0L);
  }

  @Test
  void everyServerDownOnProbesGets502AtOnceWithAClearBodyAndNoConnectAttempt() throws Exception {
    ProbedUpstreams upstreams = new ProbedUpstreams(vertx, 2);
    int port = start(checked(upstreams, 2, 1).snapshot(1), 1);
    upstreams.health(0, 500);
    upstreams.health(1, 500);
    await().atMost(Duration.ofSeconds(2)).until(() -> stats(instances.get(0), upstreams.address(0)).down()
        && stats(instances.get(0), upstreams.address(1)).down());
    long opened = stats(instances.get(0), upstreams.address(0)).opened() + stats(instances.get(0), upstreams.address(1)).opened();
    try (RawClient client = RawClient.connect(port)) {
      for (int i = 0; i < 20; i++) {
        long sent = System.nanoTime();
        RawClient.Response response = client.exchange(get("/"));
        assertThat((System.nanoTime() - sent) / 1_000_000).as("ms to the 502").isLessThan(100);
        assertThat(response.status()).isEqualTo(502);
        assertThat(response.body()).isEqualTo("502 Bad Gateway\nno live server in upstream app\n");
      }
    }
    assertThat(upstreams.traffic(0) + upstreams.traffic(1)).isZero();
    assertThat(stats(instances.get(0), upstreams.address(0)).opened() + stats(instances.get(0), upstreams.address(1)).opened())
        .as("no connect attempt").isEqualTo(opened);
  }

  @Test
  void probesUseConnectionsOfTheirOwnNotThePools() throws Exception {
    ProbedUpstreams upstreams = new ProbedUpstreams(vertx, 2);
    int port = start(checked(upstreams, 2, 3).snapshot(1), 1);
    await().atMost(Duration.ofSeconds(2)).until(() -> upstreams.probes(0) >= 5 && upstreams.probes(1) >= 5);
    for (int i = 0; i < 2; i++) {
      ServerStats pool = stats(instances.get(0), upstreams.address(i));
      assertThat(pool.opened()).isZero();
      assertThat(pool.requests()).isZero();
      assertThat(pool.open()).isZero();
    }
    try (RawClient client = RawClient.connect(port)) {
      client.exchange(get("/"));
    }
    assertThat(stats(instances.get(0), upstreams.address(0)).requests()
        + stats(instances.get(0), upstreams.address(1)).requests()).isEqualTo(1);
  }
}
