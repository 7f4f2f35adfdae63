package io.holdfast.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Active health checks in the running jar: servers out and back, what /status.json and /metrics say, all down. */
class HealthCheckE2ETest {

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
        .put("healthCheck", new JsonObject().put("path", "/health").put("interval", "300ms").put("timeout", "300ms")
            .put("rise", 2).put("fall", 2));
    jar.start(config);

    b.health().set(503);
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
        assertThat(health(StatusSupport.json(config.adminPort), b).getString("state")).isEqualTo("down"));
    JsonObject down = health(StatusSupport.json(config.adminPort), b);
    assertThat(down.getString("source")).isEqualTo("probe");
    assertThat(down.getBoolean("checks")).isTrue();
    assertThat(down.getJsonObject("lastProbe").getBoolean("passed")).isFalse();
    // fall 2: two failed probes in a row. On a busy machine one of them may be a timeout rather than the 503.
    JsonObject probes = down.getJsonObject("probes");
    assertThat(probes.getLong("badStatus")).isPositive();
    assertThat(probes.getLong("badStatus") + probes.getLong("timeout")).isGreaterThanOrEqualTo(2);
    assertThat(health(StatusSupport.json(config.adminPort), a).getString("state")).isEqualTo("up");
    String scrape = Http.get(config.adminPort, "/metrics").body();
    assertThat(StatusSupport.metric(scrape, "holdfast_upstream_server_up", "server=\"" + b.address() + "\"")).isZero();
    assertThat(StatusSupport.metric(scrape, "holdfast_upstream_server_up", "server=\"" + a.address() + "\"")).isEqualTo(1);
    assertThat(StatusSupport.metric(scrape, "holdfast_upstream_health_probes_total", "server=\"" + b.address() + "\"",
        "result=\"bad_status\"")).isPositive();
    for (int i = 0; i < 10; i++) {
      assertThat(Http.get(config.listenerPort, "/").body()).isEqualTo("a");
    }

    a.health().set(500);
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
        assertThat(health(StatusSupport.json(config.adminPort), a).getString("state")).isEqualTo("down"));
    HttpResponse<String> none = Http.get(config.listenerPort, "/");
    assertThat(none.statusCode()).isEqualTo(502);
    assertThat(none.body()).isEqualTo("502 Bad Gateway\nno live server in upstream app\n");

    b.health().set(200);
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
        assertThat(Http.get(config.listenerPort, "/").body()).isEqualTo("b"));
    assertThat(health(StatusSupport.json(config.adminPort), b).getString("state")).isEqualTo("up");
  }
}
