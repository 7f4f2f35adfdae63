package io.holdfast.listener.traffic;

import static io.holdfast.listener.RawClient.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.holdfast.bus.LocalCodec;
import io.holdfast.config.ConfigSnapshot;
import io.holdfast.listener.RawClient;
import io.holdfast.testkit.TestConfig;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code upstreams.<name>.sticky}: pinned by the cookie the first response sets, re-pinned when that server cannot serve. */
class StickyTest {

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

  /** The {@code hf_srv=<value>} pair of a Set-Cookie header. */
  private static String cookieOf(RawClient.Response response) {
    String setCookie = response.header("set-cookie");
    assertThat(setCookie).as("Set-Cookie").startsWith("hf_srv=").endsWith("; Path=/; HttpOnly");
    return setCookie.substring(0, setCookie.indexOf(';'));
  }

  @Test
  void theFirstResponsePinsTheClientAndADownServerRePinsIt() throws Exception {
    NamedUpstreams upstreams = new NamedUpstreams(vertx, 2);
    // A connection per request: a stopped server then refuses the next one (no stale idle connection to race).
    int port = TrafficTest.start(vertx, TestConfig.proxying(upstreams.ports()).set("upstreams.app.sticky", new JsonObject())
        .set("upstreams.app.keepalive.connections", 0));
    try (RawClient client = RawClient.connect(port)) {
      RawClient.Response first = client.exchange(get("/"));
      String pinned = first.body();
      String cookie = cookieOf(first);
      assertThat(cookie).doesNotContain("127.0.0.1").doesNotContain(String.valueOf(upstreams.ports()[0]));
      for (int i = 0; i < 10; i++) {
        RawClient.Response next = client.exchange(get("/", "Cookie: a=1; " + cookie));
        assertThat(next.body()).isEqualTo(pinned);
        assertThat(next.header("set-cookie")).isNull();
      }

      upstreams.stop(NamedUpstreams.index(pinned));
      RawClient.Response moved = client.exchange(get("/", "Cookie: " + cookie));
      assertThat(moved.status()).isEqualTo(200);
      assertThat(moved.body()).isNotEqualTo(pinned);
      String repinned = cookieOf(moved);
      assertThat(repinned).isNotEqualTo(cookie);
      for (int i = 0; i < 5; i++) {
        RawClient.Response next = client.exchange(get("/", "Cookie: " + repinned));
        assertThat(next.body()).isEqualTo(moved.body());
        assertThat(next.header("set-cookie")).isNull();
      }
      // An old cookie naming the down server is re-pinned again, not refused.
      assertThat(cookieOf(client.exchange(get("/", "Cookie: " + cookie)))).isEqualTo(repinned);
    }
  }

  @Test
  void aPinnedServerAtMaxConnectionsSendsTheRequestElsewhereAndRePins() throws Exception {
    NamedUpstreams upstreams = new NamedUpstreams(vertx, 2);
    int[] ports = upstreams.ports();
    int port = TrafficTest.start(vertx, TestConfig.proxying(ports).set("upstreams.app.sticky", new JsonObject())
        .set("upstreams.app.servers", new JsonArray()
            .add(new JsonObject().put("address", "127.0.0.1:" + ports[0]).put("maxConnections", 1))
            .add(new JsonObject().put("address", "127.0.0.1:" + ports[1]).put("maxConnections", 1))));
    try (RawClient busy = RawClient.connect(port); RawClient client = RawClient.connect(port)) {
      RawClient.Response first = client.exchange(get("/"));
      String cookie = cookieOf(first);
      int pinned = NamedUpstreams.index(first.body());
      upstreams.slow(pinned, 500);
      busy.send(get("/", "Cookie: " + cookie));
      await().until(() -> upstreams.requests(pinned) == 2);

      RawClient.Response overflow = client.exchange(get("/", "Cookie: " + cookie));
      assertThat(NamedUpstreams.index(overflow.body())).isNotEqualTo(pinned);
      assertThat(cookieOf(overflow)).isNotEqualTo(cookie);
      assertThat(busy.read().body()).isEqualTo(first.body());
    }
  }
}
