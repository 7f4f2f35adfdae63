package io.holdfast.listener;

import io.holdfast.bus.Addresses;
import io.holdfast.bus.LocalCodec;
import io.holdfast.config.ConfigParser;
import io.holdfast.config.ConfigResult;
import io.holdfast.config.ConfigSnapshot;
import io.holdfast.proxy.Forwarder;
import io.holdfast.routing.RouteTables;
import io.holdfast.upstream.UpstreamPlan;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static io.holdfast.listener.RawClient.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The whole request path with the real upstream side: a config parsed from JSON, real Vert.x servers as
 * upstreams, raw sockets as clients. Skipped while the upstream side is a stub.
 */
class ForwardingTest {

  private Vertx vertx;
  private HttpServer app;
  private HttpServer api;

  @BeforeEach
  void setUp() {
    assumeTrue(implemented(Forwarder::create), "Forwarder not implemented yet");
    vertx = Vertx.vertx();
    LocalCodec.register(vertx.eventBus(), ConfigSnapshot.class);
    app = upstream("app");
    api = upstream("api");
  }

  @AfterEach
  void tearDown() {
    if (vertx != null) {
      vertx.close().await();
    }
  }

  private HttpServer upstream(String name) {
    return vertx.createHttpServer()
        .requestHandler(r -> {
          String answer = name + " " + r.getHeader("Host") + " " + r.path();
          if (r.path().startsWith("/chunked")) {
            r.response().setChunked(true).write(answer.substring(0, 4));
            r.response().end(answer.substring(4));
            return;
          }
          r.response()
              // Hop-by-hop headers from an upstream must not decide the client connection's fate.
              .putHeader("Connection", "keep-alive")
              .putHeader("Keep-Alive", "timeout=100")
              .end(answer);
        })
        .listen(0, "127.0.0.1").await();
  }

  private ConfigSnapshot parse(long version, String json) {
    JsonObject config = new JsonObject(json
        .replace("APP", String.valueOf(app.actualPort())).replace("API", String.valueOf(api.actualPort())));
    ConfigResult result = ConfigParser.parse(config);
    assertThat(result.errors()).isEmpty();
    return new ConfigSnapshot(version, Instant.now(), "test", result.config());
  }

  private static final String CONFIG = """
      {"listeners": {"main": {"host": "127.0.0.1", "port": 0, "keepalive": {"requests": 3},
        "routes": [{"path": "/", "upstream": "app"}, {"path": "/api/", "upstream": "api", "host": "api.internal"}]}},
       "upstreams": {"app": {"servers": [{"address": "127.0.0.1:APP"}]},
                     "api": {"servers": [{"address": "127.0.0.1:API"}]}}}
      """;

  @Test
  void forwardsByLongestPrefixAndClosesAfterTheNthResponse() throws Exception {
    ListenerVerticle verticle = new ListenerVerticle(parse(1, CONFIG));
    vertx.deployVerticle(verticle).await();
    try (RawClient client = RawClient.connect(verticle.boundPort("main"))) {
      RawClient.Response first = client.exchange(get("/api/users"));
      assertThat(first.body()).isEqualTo("api api.internal /api/users");
      assertThat(first.header("connection")).isNull();
      assertThat(first.header("keep-alive")).isNull();
      assertThat(client.exchange(get("/index")).body()).isEqualTo("app test /index");

      RawClient.Response third = client.exchange(get("/x"));
      assertThat(third.header("connection")).isEqualTo("close");
      assertThat(third.body()).isEqualTo("app test /x");
      assertThat(client.closedWithin(2000)).isTrue();
    }
  }

  @Test
  void unroutedPathGets404() throws Exception {
    String noRoot = CONFIG.replace("\"path\": \"/\",", "\"path\": \"/app/\",");
    ListenerVerticle verticle = new ListenerVerticle(parse(1, noRoot));
    vertx.deployVerticle(verticle).await();
    try (RawClient client = RawClient.connect(verticle.boundPort("main"))) {
      assertThat(client.exchange(get("/elsewhere")).status()).isEqualTo(404);
      assertThat(client.exchange(get("/app/x")).body()).isEqualTo("app test /app/x");
    }
  }

  @Test
  void configSwitchOnTheBusReroutesNewRequests() throws Exception {
    ListenerVerticle verticle = new ListenerVerticle(parse(1, CONFIG));
    vertx.deployVerticle(verticle).await();
    ConfigSnapshot v2 = parse(2,
        CONFIG.replace("\"path\": \"/\", \"upstream\": \"app\"", "\"path\": \"/\", \"upstream\": \"api\""));
    try (RawClient client = RawClient.connect(verticle.boundPort("main"))) {
      assertThat(client.exchange(get("/x")).body()).startsWith("app ");

      vertx.eventBus().publish(Addresses.ROUTES_APPLIED, RouteTables.compile(v2));
      vertx.eventBus().publish(Addresses.UPSTREAMS_APPLIED, UpstreamPlan.compile(v2));
      await().until(() -> verticle.servingVersion() == 2);

      assertThat(client.exchange(get("/x")).body()).startsWith("api ");
    }
  }

  private static boolean implemented(Runnable probe) {
    try {
      probe.run();
      return true;
    } catch (UnsupportedOperationException todo) {
      return false;
    }
  }

  @Test
  void chunkedUpstreamBodyToAnHttp10KeepAliveClientIsDelimitedByClose() throws Exception {
    ListenerVerticle verticle = new ListenerVerticle(parse(1, CONFIG));
    vertx.deployVerticle(verticle).await();
    try (RawClient client = RawClient.connect(verticle.boundPort("main"))) {
      RawClient.Response response =
          client.exchange("GET /chunked HTTP/1.0\r\nHost: test\r\nConnection: keep-alive\r\n\r\n");

      assertThat(response.statusLine()).startsWith("HTTP/1.0 200");
      assertThat(response.header("transfer-encoding")).isNull();
      assertThat(response.header("connection")).isEqualTo("close");
      assertThat(response.body()).isEqualTo("app test /chunked");
    }
  }
}
