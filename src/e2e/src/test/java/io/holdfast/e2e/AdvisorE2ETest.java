package io.holdfast.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The keepalive advisor against real traffic through the jar: four load patterns at once, each on its own
 * route, each showing one misfit limit. {@code GET /advice} names all four; applying each suggestion
 * through {@code PATCH /config} removes the churn it pointed at, and the advisor then falls silent.
 *
 * <ul>
 *   <li>steady: waves of 12 requests at once above an idle cap of 4 with no linger (nginx's behaviour);
 *   <li>bursty: bursts of 12 × 5 requests, pauses longer than the 1 s linger;
 *   <li>short: an upstream that closes idle connections after 1 s without announcing it, bursts 1.5 s apart;
 *   <li>the listener closes client connections after 10 requests.
 * </ul>
 */
class AdvisorE2ETest {

  private static final Duration UPSTREAM_DELAY = Duration.ofMillis(20);

  @RegisterExtension
  final HoldfastJar holdfast = new HoldfastJar();
  private Vertx vertx;
  private final List<WaveLoad> loads = new ArrayList<>();

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() throws Exception {
    for (WaveLoad load : loads) {
      load.close();
    }
    vertx.close().await();
  }

  @Test
  void adviceFromLiveLoadPatternsNamesEachMisfitLimitAndApplyingItRemovesTheChurn() throws Exception {
    int steady = upstream(new HttpServerOptions());
    int bursty = upstream(new HttpServerOptions());
    // Closes a connection idle for 1 s, and says nothing about it (no Keep-Alive header).
    int shortIdle = upstream(new HttpServerOptions().setIdleTimeout(1).setIdleTimeoutUnit(TimeUnit.SECONDS));
    TestConfig config = new TestConfig(steady);
    JsonObject json = config.json();
    JsonObject main = json.getJsonObject("listeners").getJsonObject("main");
    main.put("keepalive", new JsonObject().put("requests", 10));
    main.put("routes", new JsonArray()
        .add(route("/steady", "steady")).add(route("/bursty", "bursty")).add(route("/short", "short")));
    json.put("upstreams", new JsonObject()
        .put("steady", upstreamConfig(steady, new JsonObject().put("connections", 4).put("linger", "0")))
        .put("bursty", upstreamConfig(bursty, new JsonObject().put("connections", 4)))
        .put("short", upstreamConfig(shortIdle, new JsonObject())));
    holdfast.start(config);

    String base = "http://127.0.0.1:" + config.listenerPort;
    loads.add(WaveLoad.start(URI.create(base + "/steady"), 12, 1, Duration.ofMillis(30)));
    loads.add(WaveLoad.start(URI.create(base + "/bursty"), 12, 5, Duration.ofMillis(1300)));
    loads.add(WaveLoad.start(URI.create(base + "/short"), 8, 10, Duration.ofMillis(1500)));

    Map<String, JsonObject> advice = new java.util.HashMap<>();
    await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofSeconds(1)).until(() -> {
      advice.clear();
      advice.putAll(advice(config.adminPort));
      return advice.keySet().containsAll(List.of("upstreams.steady.keepalive.connections",
          "upstreams.bursty.keepalive.connections", "upstreams.short.keepalive.timeout",
          "listeners.main.keepalive.requests"));
    });
    assertThat(advice).hasSize(4);
    assertThat(advice.get("upstreams.steady.keepalive.connections").getValue("current")).isEqualTo(4);
    assertThat(advice.get("upstreams.steady.keepalive.connections").getValue("suggested")).isEqualTo(16);
    assertThat(advice.get("upstreams.steady.keepalive.connections").getJsonObject("evidence")
        .getInteger("peakActivePerInstance")).isEqualTo(12);
    assertThat(advice.get("upstreams.bursty.keepalive.connections").getValue("suggested")).isEqualTo(16);
    JsonObject timeout = advice.get("upstreams.short.keepalive.timeout");
    assertThat(timeout.getString("current")).isEqualTo("1m");
    assertThat(timeout.getString("suggested")).matches("[1-9]00ms");
    assertThat(timeout.getJsonObject("evidence").getLong("observedIdleLimitMs")).isBetween(1_000L, 2_000L);
    assertThat(advice.get("listeners.main.keepalive.requests").getValue("suggested")).isEqualTo(1000);
    assertThat(advice.values()).allSatisfy(a -> assertThat(a.getString("why")).isNotBlank());

    for (JsonObject a : advice.values()) {
      HttpResponse<String> applied = patch(config.adminPort, a.getJsonObject("patch"));
      assertThat(applied.statusCode()).as(applied.body()).isEqualTo(200);
    }

    // Let the new pools settle, then measure a stretch under the applied limits only.
    await().atMost(Duration.ofSeconds(5)).until(() -> StatusSupport.json(config.adminPort)
        .getJsonObject("config").getLong("version") == 5);
    JsonObject before = settledStatus(config.adminPort);
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
        .until(() -> "[]".equals(Http.get(config.adminPort, "/advice").body())
            && requests(StatusSupport.json(config.adminPort), "bursty") - requests(before, "bursty") >= 300);
    JsonObject after = StatusSupport.json(config.adminPort);

    assertThat(churnPer100(before, after, "steady")).as(server(before, "steady") + "\n" + server(after, "steady"))
        .isLessThan(1.0);
    assertThat(churnPer100(before, after, "bursty")).as(server(before, "bursty") + "\n" + server(after, "bursty"))
        .isLessThan(1.0);
    assertThat(counter(after, "short", "idleClosedByUpstream") - counter(before, "short", "idleClosedByUpstream"))
        .isZero();
    assertThat(closed(after, "requests-limit") - closed(before, "requests-limit")).isZero();
    assertThat(loads).allSatisfy(l -> assertThat(l.failed).hasValue(0));
  }

  /**
   * The status once every upstream has served 100 requests under the applied config: a replaced pool starts
   * empty, and its first burst opens connections by design; the churn measured must be the steady state.
   */
  private static JsonObject settledStatus(int adminPort) throws Exception {
    JsonObject switched = StatusSupport.json(adminPort);
    await().atMost(Duration.ofSeconds(15)).until(() -> {
      JsonObject now = StatusSupport.json(adminPort);
      return List.of("steady", "bursty", "short").stream()
          .allMatch(u -> requests(now, u) - requests(switched, u) >= 100);
    });
    return StatusSupport.json(adminPort);
  }

  private int upstream(HttpServerOptions options) throws Exception {
    HttpServer server = vertx.createHttpServer(options.setHttp2ClearTextEnabled(false))
        .requestHandler(req -> vertx.setTimer(UPSTREAM_DELAY.toMillis(), id -> req.response().end("ok")))
        .listen(0, "127.0.0.1").await();
    return server.actualPort();
  }

  private static JsonObject route(String path, String upstream) {
    return new JsonObject().put("path", path).put("upstream", upstream);
  }

  private static JsonObject upstreamConfig(int port, JsonObject keepalive) {
    return TestConfig.upstream(port).put("keepalive", keepalive);
  }

  private static Map<String, JsonObject> advice(int adminPort) throws Exception {
    JsonArray list = new JsonArray(Http.get(adminPort, "/advice").body());
    return list.stream().map(JsonObject.class::cast).collect(Collectors.toMap(a -> a.getString("key"), a -> a));
  }

  private static HttpResponse<String> patch(int adminPort, JsonObject mergePatch) throws Exception {
    HttpRequest request = Http.request(adminPort, "/config").header("Content-Type", "application/merge-patch+json")
        .method("PATCH", HttpRequest.BodyPublishers.ofString(mergePatch.encode())).build();
    return Http.client().send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static JsonObject server(JsonObject status, String upstream) {
    JsonObject servers = status.getJsonObject("upstreams").getJsonObject(upstream).getJsonObject("servers");
    return servers.getJsonObject(servers.fieldNames().iterator().next());
  }

  private static long counter(JsonObject status, String upstream, String name) {
    return server(status, upstream).getLong(name);
  }

  private static long requests(JsonObject status, String upstream) {
    return counter(status, upstream, "requests");
  }

  private static double churnPer100(JsonObject before, JsonObject after, String upstream) {
    long requests = requests(after, upstream) - requests(before, upstream);
    long opened = counter(after, upstream, "opened") - counter(before, upstream, "opened");
    assertThat(requests).as(upstream + " requests").isGreaterThan(100);
    return 100.0 * opened / requests;
  }

  private static long closed(JsonObject status, String reason) {
    return status.getJsonObject("listeners").getJsonObject("main").getJsonObject("closed").getLong(reason);
  }
}
