package io.holdfast.config;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ConfigParserTest {

  private static final String ONE_UPSTREAM = "{\"upstreams\":{\"app\":{\"servers\":[{\"address\":\"127.0.0.1:8000\"}]}}}";

  static JsonObject json(String text) {
    return new JsonObject(text);
  }

  static JsonObject minimal() {
    return json(ONE_UPSTREAM);
  }

  static ConfigResult parseWith(String pointer, Object value) {
    JsonObject doc = minimal();
    String[] keys = pointer.split("\\.");
    JsonObject node = doc;
    for (int i = 0; i < keys.length - 1; i++) {
      JsonObject next = node.getJsonObject(keys[i]);
      if (next == null) {
        next = new JsonObject();
        node.put(keys[i], next);
      }
      node = next;
    }
    node.put(keys[keys.length - 1], value);
    return ConfigParser.parse(doc);
  }

  static void assertSingleError(ConfigResult result, String path, String messageStart) {
    assertThat(result.isValid()).as("result %s", result).isFalse();
    assertThat(result.errors()).hasSize(1);
    assertThat(result.errors().get(0).path()).isEqualTo(path);
    assertThat(result.errors().get(0).message()).startsWith(messageStart);
  }

  @Test
  void oneUpstreamGivesTheContractDefaults() {
    ConfigResult result = ConfigParser.parse(minimal(), OptionalLong.of(1_048_576));
    assertThat(result.errors()).isEmpty();
    HoldfastConfig c = result.config();
    assertThat(c.instances()).isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(c.transport()).isEqualTo(Transport.AUTO);
    assertThat(c.shutdownTimeout()).isEqualTo(Duration.ofSeconds(30));
    ListenerConfig main = c.listeners().get("main");
    assertThat(main.host()).isEqualTo("0.0.0.0");
    assertThat(main.port()).isEqualTo(8080);
    assertThat(main.keepalive()).isEqualTo(new ClientKeepalive(Duration.ofSeconds(75), 1000, Duration.ofHours(1)));
    assertThat(main.maxConnections()).isEqualTo(10_000);
    assertThat(main.maxConnectionsSet()).isFalse();
    assertThat(main.headerTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(main.bodyTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(main.sendTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(main.routes()).containsExactly(new RouteConfig("/", "app", null, null));
    UpstreamConfig app = c.upstreams().get("app");
    assertThat(app.servers()).containsExactly(new ServerConfig("127.0.0.1", 8000, 1, 0));
    assertThat(app.balance()).isEqualTo(Balance.ROUND_ROBIN);
    assertThat(app.keepalive()).isEqualTo(new UpstreamKeepalive(32, Duration.ofSeconds(60), 1000, Duration.ofHours(1),
        Duration.ofSeconds(1), 0));
    assertThat(app.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(app.responseTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(app.tunnelTimeout()).isEqualTo(Duration.ofHours(1));
    assertThat(c.admin()).isEqualTo(new AdminConfig("127.0.0.1", 9090, null));
    assertThat(c.reload()).isEqualTo(new ReloadConfig(true, Duration.ofSeconds(1)));
    assertThat(c.origin().enabled()).isFalse();
  }

  @Test
  void contractExampleParses() {
    ConfigResult result = ConfigParser.parse(json("""
        {"instances": 2,
         "listeners": {"main": {"host": "0.0.0.0", "port": 8080,
            "keepalive": {"timeout": "75s", "requests": 1000, "time": "1h"}, "maxConnections": 10000,
            "routes": [{"path": "/", "upstream": "app"}]}},
         "upstreams": {"app": {"servers": [{"address": "127.0.0.1:8000", "weight": 1}], "balance": "round-robin",
            "keepalive": {"connections": 32, "timeout": "60s", "requests": 1000, "time": "1h"},
            "connectTimeout": "5s", "responseTimeout": "60s"}},
         "admin": {"host": "127.0.0.1", "port": 9090, "token": null},
         "reload": {"watch": true, "scan": "1s"}}"""));
    assertThat(result.errors()).isEmpty();
    assertThat(result.config().instances()).isEqualTo(2);
  }

  @Test
  void upstreamKeepaliveRequestsMustBePositive() {
    assertSingleError(parseWith("upstreams.app.keepalive.requests", 0), "upstreams.app.keepalive.requests", "must be ≥ 1");
  }

  @Test
  void everyErrorIsReportedAtOnce() {
    ConfigResult result = ConfigParser.parse(json("""
        {"instances": 0, "transport": "uring",
         "upstreams": {"app": {"servers": [{"address": "nohost"}], "keepalive": {"connections": -1, "timeot": "5s"}}},
         "listeners": {"main": {"routes": [{"path": "api", "upstream": "ap"}]}}}"""));
    assertThat(result.errors()).extracting(ConfigError::path).containsExactlyInAnyOrder(
        "instances", "transport", "upstreams.app.servers[0].address", "upstreams.app.keepalive.connections",
        "upstreams.app.keepalive.timeot", "listeners.main.routes[0].path", "listeners.main.routes[0].upstream");
  }

  @Test
  void unknownKeyGetsADidYouMeanHint() {
    assertSingleError(parseWith("upstreams.app.keepalive.timeot", "5s"), "upstreams.app.keepalive.timeot",
        "unknown key (did you mean \"timeout\"?)");
  }

  @Test
  void unknownTopLevelKeyIsRefused() {
    assertSingleError(parseWith("listner", new JsonObject()), "listner", "unknown key");
  }

  @Test
  void routeToUnknownUpstreamNamesTheClosestOne() {
    ConfigResult result = ConfigParser.parse(json("""
        {"upstreams": {"app": {"servers": [{"address": "127.0.0.1:8000"}]}},
         "listeners": {"main": {"routes": [{"path": "/", "upstream": "ap"}]}}}"""));
    assertSingleError(result, "listeners.main.routes[0].upstream", "upstream \"ap\" is not defined (did you mean \"app\"?)");
  }

  @Test
  void aWildcardListenerAndASpecificOneOnTheSamePortAreRefused() {
    ConfigResult result = ConfigParser.parse(json(ONE_UPSTREAM).put("listeners", json("""
        {"any": {"host": "0.0.0.0", "port": 8081}, "local": {"host": "127.0.0.1", "port": 8081},
         "other": {"host": "127.0.0.1", "port": 8082}}""")));

    assertSingleError(result, "listeners.local.port",
        "127.0.0.1:8081 overlaps listener \"any\" on 0.0.0.0:8081 (0.0.0.0 takes port 8081 on every address)");
  }

  @Test
  void twoListenersOnOneAddressAndPortAreRefused() {
    ConfigResult result = ConfigParser.parse(json(ONE_UPSTREAM).put("listeners", json("""
        {"a": {"host": "127.0.0.1", "port": 8081}, "b": {"host": "127.0.0.1", "port": 8081},
         "c": {"host": "127.0.0.2", "port": 8081}, "d": {"host": "127.0.0.1", "port": 0}, "e": {"host": "127.0.0.1", "port": 0}}""")));

    assertSingleError(result, "listeners.b.port", "127.0.0.1:8081 is already used by listener \"a\"");
  }

  @Test
  void maxConnectionsIsAWholeNumberOrAuto() {
    assertThat(parseWith("listeners.main.maxConnections", 500).config().listeners().get("main"))
        .extracting(ListenerConfig::maxConnections, ListenerConfig::maxConnectionsSet).containsExactly(500, true);
    assertThat(parseWith("listeners.main.maxConnections", "auto").config().listeners().get("main").maxConnectionsSet())
        .isFalse();
    assertSingleError(parseWith("listeners.main.maxConnections", "many"), "listeners.main.maxConnections",
        "must be a whole number or \"auto\"");
    assertSingleError(parseWith("listeners.main.maxConnections", 0), "listeners.main.maxConnections", "must be ≥ 1");
  }

  @Test
  void aDerivedMaxConnectionsIsWrittenBackAsAutoSoThatPutKeepsDerivingIt() {
    HoldfastConfig config = ConfigParser.parse(minimal(), OptionalLong.of(20_000)).config();

    JsonObject written = ConfigJson.toJson(config);

    assertThat(written.getJsonObject("listeners").getJsonObject("main").getValue("maxConnections")).isEqualTo("auto");
    assertThat(ConfigParser.parse(written, OptionalLong.of(20_000)).config()).isEqualTo(config);
    assertThat(config.listeners().get("main").maxConnections()).isLessThan(10_000);
  }

  @Test
  void aNegativeDurationIsRefusedAsNegative() {
    assertSingleError(parseWith("upstreams.app.connectTimeout", "-5s"), "upstreams.app.connectTimeout",
        "must be > 0, got a negative duration \"-5s\"");
    assertSingleError(parseWith("shutdownTimeout", -2), "shutdownTimeout", "must be ≥ 0, got a negative duration -2");
  }

  @Test
  void durationsNeedAUnitOrSeconds() {
    assertSingleError(parseWith("upstreams.app.connectTimeout", "five"), "upstreams.app.connectTimeout", "must be a duration");
    assertThat(parseWith("upstreams.app.connectTimeout", 2).config().upstreams().get("app").connectTimeout())
        .isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void zeroTimeoutsAreRefusedWhereTheyMeanNothing() {
    assertSingleError(parseWith("upstreams.app.connectTimeout", "0"), "upstreams.app.connectTimeout", "must be > 0");
    assertSingleError(parseWith("upstreams.app.keepalive.time", "0s"), "upstreams.app.keepalive.time", "must be > 0");
    assertSingleError(parseWith("reload.scan", 0), "reload.scan", "must be > 0");
    assertSingleError(parseWith("upstreams.app.tunnelTimeout", "0s"), "upstreams.app.tunnelTimeout", "must be > 0");
  }

  @Test
  void tunnelTimeoutIsADurationAndRoundTrips() {
    HoldfastConfig config = parseWith("upstreams.app.tunnelTimeout", "90s").config();
    assertThat(config.upstreams().get("app").tunnelTimeout()).isEqualTo(Duration.ofSeconds(90));
    JsonObject written = ConfigJson.toJson(config);
    assertThat(written.getJsonObject("upstreams").getJsonObject("app").getString("tunnelTimeout")).isEqualTo("90s");
    assertThat(ConfigParser.parse(written).config()).isEqualTo(config);
  }

  @Test
  void clientTimeoutsAreDurationsAboveZero() {
    ListenerConfig main = parseWith("listeners.main", new JsonObject().put("headerTimeout", "500ms")
        .put("bodyTimeout", 2).put("sendTimeout", "1m")).config().listeners().get("main");
    assertThat(main.headerTimeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(main.bodyTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(main.sendTimeout()).isEqualTo(Duration.ofMinutes(1));
    assertSingleError(parseWith("listeners.main", new JsonObject().put("headerTimeout", 0)),
        "listeners.main.headerTimeout", "must be > 0");
    assertSingleError(parseWith("listeners.main", new JsonObject().put("bodyTimeout", "soon")),
        "listeners.main.bodyTimeout", "must be a duration");
    assertSingleError(parseWith("listeners.main", new JsonObject().put("sendTimeout", "0s")),
        "listeners.main.sendTimeout", "must be > 0");
  }

  @Test
  void clientKeepaliveTimeoutZeroTurnsKeepaliveOff() {
    ConfigResult result = ConfigParser.parse(json("""
        {"upstreams": {"app": {"servers": [{"address": "127.0.0.1:8000"}]}},
         "listeners": {"main": {"keepalive": {"timeout": 0}}}}"""));
    assertThat(result.config().listeners().get("main").keepalive().enabled()).isFalse();
  }

  @Test
  void serverAddressNeedsHostAndPort() {
    assertSingleError(parseWith("upstreams.app.servers", new io.vertx.core.json.JsonArray().add(new JsonObject().put("address", "127.0.0.1:70000"))),
        "upstreams.app.servers[0].address", "must be \"host:port\"");
    ConfigResult ipv6 = parseWith("upstreams.app.servers", new io.vertx.core.json.JsonArray().add(new JsonObject().put("address", "[::1]:8000")));
    assertThat(ipv6.config().upstreams().get("app").servers().get(0).host()).isEqualTo("::1");
  }

  @Test
  void upstreamNeedsAServer() {
    assertSingleError(parseWith("upstreams.app.servers", new io.vertx.core.json.JsonArray()), "upstreams.app.servers",
        "at least one server is required");
  }

  @Test
  void atLeastOneUpstreamIsRequired() {
    ConfigResult result = ConfigParser.parse(json("{\"upstreams\": {}}"));
    assertSingleError(result, "upstreams", "at least one upstream is required");
  }

  @Test
  void listenersAreRequiredWithSeveralUpstreams() {
    ConfigResult result = ConfigParser.parse(json("""
        {"upstreams": {"a": {"servers": [{"address": "127.0.0.1:8000"}]}, "b": {"servers": [{"address": "127.0.0.1:8001"}]}}}"""));
    assertSingleError(result, "listeners", "required when there is not exactly one upstream");
  }

  @Test
  void twoListenersCannotShareAPort() {
    ConfigResult result = ConfigParser.parse(json("""
        {"upstreams": {"app": {"servers": [{"address": "127.0.0.1:8000"}]}},
         "listeners": {"a": {"port": 8080}, "b": {"port": 8080}}}"""));
    assertSingleError(result, "listeners.b.port", "0.0.0.0:8080 is already used by listener \"a\"");
  }

  @Test
  void routePathMustStartWithSlashAndBeUnique() {
    ConfigResult result = ConfigParser.parse(json("""
        {"upstreams": {"app": {"servers": [{"address": "127.0.0.1:8000"}]}},
         "listeners": {"main": {"routes": [{"path": "/a", "upstream": "app"}, {"path": "/a", "upstream": "app"}, {"path": "b", "upstream": "app"}]}}}"""));
    assertThat(result.errors()).extracting(ConfigError::toString).containsExactly(
        "listeners.main.routes[1].path: \"/a\" is routed twice in this listener",
        "listeners.main.routes[2].path: must start with \"/\"");
  }

  @Test
  void warmMustNotExceedTheIdleCap() {
    ConfigResult result = parseWith("upstreams.app.keepalive", new JsonObject().put("connections", 2).put("warm", 3));
    assertSingleError(result, "upstreams.app.keepalive.warm", "must be ≤ keepalive.connections (2)");
  }

  @Test
  void adminOffLoopbackNeedsAToken() {
    assertSingleError(parseWith("admin.host", "0.0.0.0"), "admin.token", "required when admin.host is not a loopback address");
    ConfigResult withToken = parseWith("admin", new JsonObject().put("host", "0.0.0.0").put("token", "s3cret"));
    assertThat(withToken.errors()).isEmpty();
    assertThat(parseWith("admin.host", "127.0.0.2").errors()).isEmpty();
  }

  @Test
  void typesAreChecked() {
    assertSingleError(parseWith("instances", "two"), "instances", "must be a whole number");
    assertSingleError(parseWith("reload.watch", "yes"), "reload.watch", "must be true or false");
    assertSingleError(parseWith("admin", "x"), "admin", "must be an object");
    assertSingleError(parseWith("upstreams.app.balance", "random"), "upstreams.app.balance", "must be one of round-robin, least-conn, random-two, hash");
  }

  @Test
  void metadataFromGetConfigIsAccepted() {
    JsonObject doc = minimal().put("version", 3).put("appliedAt", "2026-01-01T00:00:00Z").put("source", "file");
    assertThat(ConfigParser.parse(doc).errors()).isEmpty();
  }

  @Test
  void toJsonRoundTripsToTheSameConfig() {
    HoldfastConfig config = ConfigParser.parse(json("""
        {"instances": 3, "transport": "epoll",
         "upstreams": {"app": {"servers": [{"address": "[::1]:8000", "weight": 3, "maxConnections": 10}],
           "keepalive": {"connections": 4, "linger": "250ms", "warm": 2}, "balance": "least-conn"}},
         "listeners": {"main": {"port": 0, "keepalive": {"timeout": "0"}, "headerTimeout": "1.5s", "bodyTimeout": "10s", "sendTimeout": "2m", "routes": [{"path": "/", "upstream": "app", "host": "example.org"}]}},
         "admin": {"token": "t"}, "origin": {"enabled": true}}""")).config();
    JsonObject written = ConfigJson.toJson(config);
    assertThat(ConfigParser.parse(written).config()).isEqualTo(config);
    assertThat(written.getJsonObject("upstreams").getJsonObject("app").getJsonObject("keepalive").getString("linger"))
        .isEqualTo("250ms");
    assertThat(written.getJsonObject("listeners").getJsonObject("main").getString("headerTimeout")).isEqualTo("1500ms");
    assertThat(config.listeners().get("main").sendTimeout()).isEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void shippedConfigPasses() throws Exception {
    Path shipped = Path.of("../../conf/holdfast.json");
    assumeTrue(Files.exists(shipped), "conf/holdfast.json not present");
    assertThat(ConfigLoader.load(shipped).errors()).isEmpty();
  }

  @Test
  void malformedFileIsReportedNotThrown() throws Exception {
    Path file = Files.createTempFile("holdfast", ".json");
    Files.writeString(file, "{ \"upstreams\": ");
    ConfigResult result = ConfigLoader.load(file);
    assertThat(result.errors()).singleElement().satisfies(e -> {
      assertThat(e.path()).isEqualTo(file.toString());
      assertThat(e.message()).startsWith("is not valid JSON: line 1, column ");
    });
    assertThat(ConfigLoader.load(file.resolveSibling("missing-holdfast.json")).errors().get(0).message()).isEqualTo("no such file");
  }
}
