package io.holdfast.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Active health checks in the running jar: servers out and back, what /status.json and /metrics say, all down.
 * What is tested is the verdict on a bad status, not probe timing: the probe timeout is generous, so a probe
 * of a healthy server slowed by a busy machine does not fail, and waits are long where nothing is timed.
 */
class HealthCheckE2ETest {

  /** Ample for two or three probe intervals on a loaded machine; nothing here measures how long it takes. */
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  @RegisterExtension
  final HoldfastJar jar = new HoldfastJar();
  private Vertx vertx;

  /** A server answering {@code /health} with a switchable status and anything else with its name. */
  private record Probed(HttpServer server, AtomicInteger health) {

    String address() {
      return "127.0.0.1:" + server.actualPort();
    }
  }

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void tearDown() {
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  private Probed probed(String name) throws Exception {
    AtomicInteger health = new AtomicInteger(200);
    HttpServer server = vertx.createHttpServer()
        .requestHandler(request -> request.response().setStatusCode(request.path().equals("/health") ? health.get() : 200)
            .end(name))
        .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    return new Probed(server, health);
  }

  private static JsonObject health(JsonObject status, Probed server) {
    return status.getJsonObject("upstreams").getJsonObject("app").getJsonObject("servers")
        .getJsonObject(server.address()).getJsonObject("health");
  }

  @Test
  void aServerFailingItsProbesIsShownDownGetsNoTrafficAndAllDownIsA502NamingTheUpstream() throws Exception {
    Probed a = probed("a");
    Probed b = probed("b");
    TestConfig config = new TestConfig(a.server().actualPort());
    config.json().getJsonObject("upstreams").getJsonObject("app")
        .put("servers", new JsonArray().add(new JsonObject().put("address", a.address()))
            .add(new JsonObject().put("address", b.address())))
        .put("healthCheck", new JsonObject().put("path", "/health").put("interval", "1s").put("timeout", "1s")
            .put("rise", 2).put("fall", 2));
    jar.start(config);
    // The first probes run while the jar and this JVM's servers are still cold: on a loaded machine they can
    // time out and take both servers down until they pass rise probes. Start from servers whose probes pass.
    await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> {
      JsonObject status = StatusSupport.json(config.adminPort);
      for (Probed server : List.of(a, b)) {
        assertThat(health(status, server).getString("state")).isEqualTo("up");
        assertThat(health(status, server).getJsonObject("lastProbe").getBoolean("passed")).isTrue();
      }
    });

    b.health().set(503);
    await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() ->
        assertThat(health(StatusSupport.json(config.adminPort), b).getString("state")).isEqualTo("down"));
    JsonObject down = health(StatusSupport.json(config.adminPort), b);
    assertThat(down.getString("source")).isEqualTo("probe");
    assertThat(down.getBoolean("checks")).isTrue();
    assertThat(down.getJsonObject("lastProbe").getBoolean("passed")).isFalse();
    // fall 2: two failed probes in a row; a rare one slower than the timeout counts as failed too.
    JsonObject probes = down.getJsonObject("probes");
    assertThat(probes.getLong("badStatus")).isPositive();
    assertThat(probes.getLong("badStatus") + probes.getLong("timeout")).isGreaterThanOrEqualTo(2);
    assertThat(health(StatusSupport.json(config.adminPort), a).getString("state")).isEqualTo("up");
    String scrape = Http.get(config.adminPort, "/metrics").body();
    assertThat(StatusSupport.metric(scrape, "holdfast_upstream_server_up", "server=\"" + b.address() + "\"")).isZero();
    assertThat(StatusSupport.metric(scrape, "holdfast_upstream_server_up", "server=\"" + a.address() + "\"")).isEqualTo(1);
    assertThat(StatusSupport.metric(scrape, "holdfast_upstream_health_probes_total", "server=\"" + b.address() + "\"",
        "result=\"bad_status\"")).isPositive();
    // /status.json asks the health owner; the listener instance hears its verdict on its own event loop, a
    // moment later on a busy machine: wait until the traffic follows it.
    await().atMost(PATIENCE).untilAsserted(() -> assertThat(bodies(config, 10)).containsOnly("a"));

    a.health().set(500);
    await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() ->
        assertThat(health(StatusSupport.json(config.adminPort), a).getString("state")).isEqualTo("down"));
    await().atMost(PATIENCE).untilAsserted(() -> {
      HttpResponse<String> none = Http.get(config.listenerPort, "/");
      assertThat(none.statusCode()).isEqualTo(502);
      assertThat(none.body()).isEqualTo("502 Bad Gateway\nno live server in upstream app\n");
    });

    b.health().set(200);
    await().atMost(PATIENCE).untilAsserted(() ->
        assertThat(Http.get(config.listenerPort, "/").body()).isEqualTo("b"));
    assertThat(health(StatusSupport.json(config.adminPort), b).getString("state")).isEqualTo("up");
  }

  private static List<String> bodies(TestConfig config, int requests) throws Exception {
    List<String> bodies = new ArrayList<>();
    for (int i = 0; i < requests; i++) {
      bodies.add(Http.get(config.listenerPort, "/").body());
    }
    return bodies;
  }
}
