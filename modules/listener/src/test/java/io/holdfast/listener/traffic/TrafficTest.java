package io.holdfast.listener.traffic;

import static io.holdfast.listener.RawClient.get;
import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.bus.LocalCodec;
import io.holdfast.config.ConfigSnapshot;
import io.holdfast.listener.ListenerVerticle;
import io.holdfast.listener.RawClient;
import io.holdfast.testkit.TestConfig;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Weights, hashing and split routes through a real listener instance, real pools and real upstream
 * servers, with real client sockets.
 */
class TrafficTest {

  private Vertx vertx;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    LocalCodec.register(vertx.eventBus(), ConfigSnapshot.class);
  }

  @AfterEach
  void tearDown() {
    vertx.close().await();
  }

  static int start(Vertx vertx, TestConfig config) {
    ListenerVerticle verticle = new ListenerVerticle(config.set("listeners.main.keepalive.requests", 100_000).snapshot(1));
    vertx.deployVerticle(verticle).await();
    return verticle.boundPort("main");
  }

  @Test
  void weightsThreeToOneOverFourHundredRequestsWithinThreePercent() throws Exception {
    NamedUpstreams upstreams = new NamedUpstreams(vertx, 2);
    int[] ports = upstreams.ports();
    int port = start(vertx, TestConfig.proxying(ports).set("upstreams.app.servers", new JsonArray()
        .add(new JsonObject().put("address", "127.0.0.1:" + ports[0]).put("weight", 3))
        .add(new JsonObject().put("address", "127.0.0.1:" + ports[1]).put("weight", 1))));
    int[] counts = new int[2];
    try (RawClient client = RawClient.connect(port)) {
      for (int i = 0; i < 400; i++) {
        counts[NamedUpstreams.index(client.exchange(get("/")).body())]++;
      }
    }
    assertThat(counts[0] / 400.0).isBetween(0.72, 0.78);
  }

  @Test
  void hashSendsEveryRequestOfAKeyToOneServerAndSpreadsTheKeys() throws Exception {
    NamedUpstreams upstreams = new NamedUpstreams(vertx, 3);
    int port = start(vertx, TestConfig.proxying(upstreams.ports()).set("upstreams.app.balance", "hash")
        .set("upstreams.app.hashKey", "$header_X-Key"));
    Map<String, String> serverOfKey = new HashMap<>();
    int[] keysPerServer = new int[3];
    try (RawClient client = RawClient.connect(port)) {
      for (int round = 0; round < 2; round++) {
        for (int k = 0; k < 300; k++) {
          String server = client.exchange(get("/", "X-Key: key-" + k)).body();
          String first = serverOfKey.putIfAbsent("key-" + k, server);
          if (first == null) {
            keysPerServer[NamedUpstreams.index(server)]++;
          } else {
            assertThat(server).as("key-" + k).isEqualTo(first);
          }
        }
      }
      // Without the key: round-robin, as nginx.
      List<String> keyless = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        keyless.add(client.exchange(get("/")).body());
      }
      assertThat(keyless).containsExactlyInAnyOrder("s0", "s1", "s2");
    }
    assertThat(java.util.Arrays.stream(keysPerServer).boxed().toList()).allSatisfy(count -> assertThat(count).isBetween(70, 130));
  }

  @Test
  void hashOnTheClientAddressOrThePathKeepsEachOnOneServer() throws Exception {
    NamedUpstreams upstreams = new NamedUpstreams(vertx, 3);
    int byAddress = start(vertx, TestConfig.proxying(upstreams.ports()).set("upstreams.app.balance", "hash")
        .set("upstreams.app.hashKey", "$remote_addr"));
    List<String> servers = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      try (RawClient client = RawClient.connect(byAddress)) {
        servers.add(client.exchange(get("/" + i)).body());
      }
    }
    assertThat(servers).containsOnly(servers.get(0));

    int byPath = start(vertx, TestConfig.proxying(upstreams.ports()).set("upstreams.app.balance", "hash")
        .set("upstreams.app.hashKey", "$uri"));
    Map<String, String> serverOfPath = new HashMap<>();
    try (RawClient client = RawClient.connect(byPath)) {
      for (int round = 0; round < 2; round++) {
        for (int k = 0; k < 30; k++) {
          String server = client.exchange(get("/p" + k + "?q=" + round)).body();
          assertThat(server).isEqualTo(serverOfPath.computeIfAbsent("/p" + k, key -> server));
        }
      }
    }
    assertThat(serverOfPath.values()).contains("s0", "s1", "s2");
  }

  @Test
  void splitSendsTwentyPercentOfKeysToTheCanaryAndEachKeyAlwaysTheSameWay() throws Exception {
    NamedUpstreams app = new NamedUpstreams(vertx, "app", 1);
    NamedUpstreams canary = new NamedUpstreams(vertx, "canary", 1);
    int port = start(vertx, TestConfig.create().upstream("app", app.ports()).upstream("canary", canary.ports())
        .listener("main", 0)
        .route("main", new JsonObject().put("path", "/").put("split", new JsonObject().put("key", "$cookie_uid")
            .put("buckets", new JsonArray().add(new JsonObject().put("percent", 20).put("upstream", "canary"))
                .add(new JsonObject().put("percent", "*").put("upstream", "app"))))));
    int toCanary = 0;
    try (RawClient client = RawClient.connect(port)) {
      for (int k = 0; k < 1000; k++) {
        String cookie = "Cookie: theme=dark; uid=user-" + k;
        String first = client.exchange(get("/", cookie)).body();
        assertThat(client.exchange(get("/again", cookie)).body()).isEqualTo(first);
        toCanary += first.equals("canary0") ? 1 : 0;
      }
      assertThat(client.exchange(get("/")).body()).as("no uid: the * bucket").isEqualTo("app0");
    }
    // Within 3 % of 200, and exactly nginx's count for these keys (SplitTableTest).
    assertThat(toCanary).isBetween(170, 230).isEqualTo(216);
  }
}
