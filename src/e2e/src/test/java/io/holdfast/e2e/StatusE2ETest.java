package io.holdfast.e2e;

import io.holdfast.e2e.StatusSupport.GatedUpstream;
import io.holdfast.e2e.StatusSupport.RawClient;
import io.holdfast.e2e.StatusSupport.Stub;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * stub_status and /status.json against the real process, one instance, after a known sequence of client
 * connections and requests. The status requests go to the admin port, so they are not counted among the
 * listener's connections (nginx counts its status connection only because it is served by the same server).
 */
class StatusE2ETest {

  @RegisterExtension
  final HoldfastJar holdfast = new HoldfastJar();
  private Vertx vertx;
  private GatedUpstream upstream;
  private final List<RawClient> clients = new ArrayList<>();

  @BeforeEach
  void startUpstream() throws Exception {
    vertx = Vertx.vertx();
    upstream = new GatedUpstream(vertx);
  }

  @AfterEach
  void stop() throws Exception {
    for (RawClient client : clients) {
      client.close();
    }
    upstream.close();
    vertx.close().await();
  }

  private TestConfig start(JsonObject listenerKeepalive) throws Exception {
    TestConfig config = new TestConfig(upstream.port());
    if (listenerKeepalive != null) {
      config.json().getJsonObject("listeners").getJsonObject("main").put("keepalive", listenerKeepalive);
    }
    holdfast.start(config);
    return config;
  }

  private RawClient connect(TestConfig config) throws Exception {
    RawClient client = new RawClient(config.listenerPort);
    clients.add(client);
    return client;
  }

  @Test
  void healthzAnswers200OnceBound() throws Exception {
    TestConfig config = start(null);

    HttpResponse<String> response = Http.get(config.adminPort, "/healthz");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).startsWith("ok");
    try (RawClient client = new RawClient(config.listenerPort)) {
      assertThat(client.get("/bound")).startsWith("HTTP/1.1 200").endsWith("ok");
    }
  }

  @Test
  void stubStatusCountsIdleKeepaliveConnectionsAsWaitingAndSlowResponseAsWriting() throws Exception {
    TestConfig config = start(null);
    assertThat(StatusSupport.stub(config.adminPort)).isEqualTo(new Stub(0, 0, 0, 0, 0, 0, 0));

    for (int i = 0; i < 3; i++) {
      RawClient client = connect(config);
      assertThat(client.get("/a")).startsWith("HTTP/1.1 200").endsWith("ok");
      assertThat(client.get("/b")).startsWith("HTTP/1.1 200").endsWith("ok");
    }
    assertThat(StatusSupport.stub(config.adminPort)).isEqualTo(new Stub(3, 3, 3, 6, 0, 0, 3));

    RawClient slow = connect(config);
    slow.send("/gate");
    await().atMost(Duration.ofSeconds(5)).until(() -> upstream.waiting.get() == 1);
    assertThat(StatusSupport.stub(config.adminPort)).isEqualTo(new Stub(4, 4, 4, 7, 0, 1, 3));

    upstream.open();
    assertThat(slow.read()).startsWith("HTTP/1.1 200").endsWith("opened");
    await().atMost(Duration.ofSeconds(5))
        .until(() -> StatusSupport.stub(config.adminPort).equals(new Stub(4, 4, 4, 7, 0, 0, 4)));

    clients.remove(0).close();
    await().atMost(Duration.ofSeconds(5))
        .until(() -> StatusSupport.stub(config.adminPort).equals(new Stub(3, 4, 4, 7, 0, 0, 3)));
  }

  @Test
  void statusJsonCountsClosesByReason() throws Exception {
    TestConfig config = start(new JsonObject().put("timeout", "1s").put("requests", 2));

    RawClient limited = connect(config);
    assertThat(limited.get("/1")).doesNotContainIgnoringCase("connection: close");
    assertThat(limited.get("/2")).containsIgnoringCase("connection: close");
    assertThat(limited.closedByPeer()).isTrue();

    RawClient idle = connect(config);
    idle.get("/3");
    assertThat(idle.closedByPeer()).isTrue();

    RawClient leaving = connect(config);
    leaving.get("/4");
    leaving.close();

    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
      JsonObject main = StatusSupport.json(config.adminPort).getJsonObject("listeners").getJsonObject("main");
      java.util.Map<String, Object> closed = new java.util.HashMap<>(java.util.Map.of(
          "idle-timeout", 1, "requests-limit", 1, "lifetime", 0, "client", 1,
          "error", 0, "refused", 0, "shutdown", 0));
      closed.putAll(java.util.Map.of("header-timeout", 0, "body-timeout", 0, "send-timeout", 0, "bad-request", 0,
          "upstream", 0));
      assertThat(main.getJsonObject("closed").getMap()).containsExactlyInAnyOrderEntriesOf(closed);
      assertThat(main.getLong("accepted")).isEqualTo(3);
      assertThat(main.getLong("requests")).isEqualTo(4);
      assertThat(main.getLong("active")).isZero();
    });
    JsonObject server = StatusSupport.json(config.adminPort).getJsonObject("upstreams").getJsonObject("app")
        .getJsonObject("servers").getJsonObject("127.0.0.1:" + upstream.port());
    assertThat(server.getLong("opened")).isEqualTo(1);
    assertThat(server.getLong("requests")).isEqualTo(4);
    assertThat(server.getLong("reused")).isEqualTo(3);
    assertThat(server.getDouble("reuseRatio")).isEqualTo(0.75);
    assertThat(upstream.connections.get()).isEqualTo(1);
  }
}
