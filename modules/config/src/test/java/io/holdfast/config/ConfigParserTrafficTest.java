package io.holdfast.config;

import static io.holdfast.config.ConfigParserTest.assertSingleError;
import static io.holdfast.config.ConfigParserTest.json;
import static io.holdfast.config.ConfigParserTest.parseWith;
import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.config.key.RequestKey;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The traffic-management keys of contract §7: balance, hashKey, sticky, routes[].split. */
class ConfigParserTrafficTest {

  private static ConfigResult split(String buckets) {
    return ConfigParser.parse(json("""
        {"upstreams": {"app": {"servers": [{"address": "127.0.0.1:8000"}]},
                       "canary": {"servers": [{"address": "127.0.0.1:8001"}]}},
         "listeners": {"main": {"routes": [{"path": "/", "split": {"key": "$cookie_uid", "buckets": BUCKETS}}]}}}"""
        .replace("BUCKETS", buckets)));
  }

  @Test
  void everyBalancePolicyParses() {
    assertThat(parseWith("upstreams.app.balance", "random-two").config().upstreams().get("app").balance())
        .isEqualTo(Balance.RANDOM_TWO);
    UpstreamConfig hashed = ConfigParser.parse(json("""
        {"upstreams": {"app": {"servers": [{"address": "127.0.0.1:8000"}], "balance": "hash",
          "hashKey": "$header_X-User"}}}""")).config().upstreams().get("app");
    assertThat(hashed.balance()).isEqualTo(Balance.HASH);
    assertThat(hashed.hashKey()).isEqualTo(new RequestKey(RequestKey.Kind.HEADER, "X-User"));
    assertSingleError(parseWith("upstreams.app.balance", "random"), "upstreams.app.balance",
        "must be one of round-robin, least-conn, random-two, hash");
  }

  @Test
  void hashNeedsAKnownHashKeyAndOnlyHashTakesOne() {
    assertSingleError(parseWith("upstreams.app.balance", "hash"), "upstreams.app.hashKey",
        "is required with \"balance\": \"hash\"");
    assertSingleError(parseWith("upstreams.app.hashKey", "$uri"), "upstreams.app.hashKey",
        "only applies with \"balance\": \"hash\"");
    JsonObject doc = ConfigParserTest.minimal();
    doc.getJsonObject("upstreams").getJsonObject("app").put("balance", "hash").put("hashKey", "$arg_user");
    assertSingleError(ConfigParser.parse(doc), "upstreams.app.hashKey",
        "must be $remote_addr, $uri, $cookie_<name> or $header_<name>, got \"$arg_user\"");
    doc.getJsonObject("upstreams").getJsonObject("app").put("hashKey", "$cookie_a;b");
    assertSingleError(ConfigParser.parse(doc), "upstreams.app.hashKey", "must be $remote_addr");
    doc.getJsonObject("upstreams").getJsonObject("app").put("hashKey", "$uri")
        .put("servers", new JsonArray().add(new JsonObject().put("address", "127.0.0.1:8000").put("weight", 10_001)));
    assertSingleError(ConfigParser.parse(doc), "upstreams.app.servers",
        "with \"balance\": \"hash\" the weights may add up to 10000 at most");
  }

  @Test
  void stickyIsOffByDefaultAndAnEmptyObjectTurnsItOnWithDefaults() {
    assertThat(ConfigParser.parse(ConfigParserTest.minimal()).config().upstreams().get("app").sticky()).isNull();
    assertThat(parseWith("upstreams.app.sticky", new JsonObject()).config().upstreams().get("app").sticky())
        .isEqualTo(new StickyConfig("hf_srv", "/", null, true, false));
    StickyConfig set = parseWith("upstreams.app.sticky", new JsonObject().put("cookie", "route").put("path", "/app")
        .put("maxAge", "1h").put("httpOnly", false).put("secure", true)).config().upstreams().get("app").sticky();
    assertThat(set).isEqualTo(new StickyConfig("route", "/app", Duration.ofHours(1), false, true));
  }

  @Test
  void stickyCookieNamePathAndMaxAgeAreChecked() {
    assertSingleError(parseWith("upstreams.app.sticky", new JsonObject().put("cookie", "a b")),
        "upstreams.app.sticky.cookie", "must be a cookie name");
    assertSingleError(parseWith("upstreams.app.sticky", new JsonObject().put("path", "app")),
        "upstreams.app.sticky.path", "must start with \"/\"");
    assertSingleError(parseWith("upstreams.app.sticky", new JsonObject().put("maxAge", "0s")),
        "upstreams.app.sticky.maxAge", "must be > 0");
    assertSingleError(parseWith("upstreams.app.sticky", new JsonObject().put("domain", "x")),
        "upstreams.app.sticky.domain", "unknown key");
    assertSingleError(parseWith("upstreams.app.sticky", true), "upstreams.app.sticky", "must be an object");
  }

  @Test
  void splitBucketsParseToBasisPoints() {
    ConfigResult result = split("""
        [{"percent": 0.5, "upstream": "canary"}, {"percent": 12.25, "upstream": "canary"}, {"percent": "*", "upstream": "app"}]""");
    assertThat(result.errors()).isEmpty();
    RouteConfig route = result.config().listeners().get("main").routes().get(0);
    assertThat(route.upstream()).isNull();
    assertThat(route.split().key()).isEqualTo(RequestKey.parse("$cookie_uid"));
    assertThat(route.split().buckets()).containsExactly(new SplitConfig.Bucket(50, "canary"),
        new SplitConfig.Bucket(1225, "canary"), new SplitConfig.Bucket(SplitConfig.Bucket.REST, "app"));
  }

  @Test
  void splitPercentagesMustNotPassOneHundredAndMustCoverEveryKey() {
    assertSingleError(split("[{\"percent\": 60, \"upstream\": \"canary\"}, {\"percent\": 50, \"upstream\": \"app\"}]"),
        "listeners.main.routes[0].split.buckets", "the percentages add up to 110 %, more than 100 %");
    assertSingleError(split("[{\"percent\": 60, \"upstream\": \"canary\"}, {\"percent\": 30, \"upstream\": \"app\"}]"),
        "listeners.main.routes[0].split.buckets", "the percentages add up to 90 %: the other 10 % of keys would have");
    assertThat(split("[{\"percent\": 60, \"upstream\": \"canary\"}, {\"percent\": 40, \"upstream\": \"app\"}]").errors())
        .isEmpty();
    assertThat(split("[{\"percent\": 100, \"upstream\": \"canary\"}, {\"percent\": \"*\", \"upstream\": \"app\"}]")
        .errors()).isEmpty();
  }

  @Test
  void splitTakesOneStarBucketAndOnlyLast() {
    assertSingleError(split("[{\"percent\": \"*\", \"upstream\": \"canary\"}, {\"percent\": 10, \"upstream\": \"app\"}]"),
        "listeners.main.routes[0].split.buckets[1].percent", "no bucket may follow the \"*\" bucket");
    assertSingleError(split("[{\"percent\": \"*\", \"upstream\": \"canary\"}, {\"percent\": \"*\", \"upstream\": \"app\"}]"),
        "listeners.main.routes[0].split.buckets[1].percent", "no bucket may follow the \"*\" bucket");
  }

  @Test
  void splitPercentsAndUpstreamsAreChecked() {
    assertSingleError(split("[{\"percent\": 10.125, \"upstream\": \"canary\"}, {\"percent\": \"*\", \"upstream\": \"app\"}]"),
        "listeners.main.routes[0].split.buckets[0].percent", "must be above 0 and at most 100, with two decimals at most");
    assertSingleError(split("[{\"percent\": 0, \"upstream\": \"canary\"}, {\"percent\": \"*\", \"upstream\": \"app\"}]"),
        "listeners.main.routes[0].split.buckets[0].percent", "must be above 0");
    assertSingleError(split("[{\"percent\": \"10%\", \"upstream\": \"canary\"}, {\"percent\": \"*\", \"upstream\": \"app\"}]"),
        "listeners.main.routes[0].split.buckets[0].percent", "must be a number above 0");
    assertSingleError(split("[{\"percent\": 10, \"upstream\": \"canery\"}, {\"percent\": \"*\", \"upstream\": \"app\"}]"),
        "listeners.main.routes[0].split.buckets[0].upstream", "upstream \"canery\" is not defined (did you mean \"canary\"?)");
    assertSingleError(split("[]"), "listeners.main.routes[0].split.buckets", "at least one bucket is required");
  }

  @Test
  void aSplitRouteNamesNoUpstreamOfItsOwnAndNeedsAKey() {
    ConfigResult both = ConfigParser.parse(json("""
        {"upstreams": {"app": {"servers": [{"address": "127.0.0.1:8000"}]}},
         "listeners": {"main": {"routes": [{"path": "/", "upstream": "app",
           "split": {"key": "$remote_addr", "buckets": [{"percent": "*", "upstream": "app"}]}}]}}}"""));
    assertSingleError(both, "listeners.main.routes[0].upstream", "a route with \"split\" names its upstreams in the buckets");
    ConfigResult noKey = ConfigParser.parse(json("""
        {"upstreams": {"app": {"servers": [{"address": "127.0.0.1:8000"}]}},
         "listeners": {"main": {"routes": [{"path": "/", "split": {"buckets": [{"percent": "*", "upstream": "app"}]}}]}}}"""));
    assertSingleError(noKey, "listeners.main.routes[0].split.key", "is required");
  }

  @Test
  void trafficKeysRoundTripThroughToJson() {
    HoldfastConfig config = ConfigParser.parse(json("""
        {"upstreams": {"app": {"servers": [{"address": "127.0.0.1:8000", "weight": 3}, {"address": "127.0.0.1:8002"}],
            "balance": "hash", "hashKey": "$cookie_uid", "sticky": {"cookie": "srv", "maxAge": "2h", "secure": true}},
          "canary": {"servers": [{"address": "127.0.0.1:8001"}], "balance": "random-two", "sticky": {}}},
         "listeners": {"main": {"routes": [{"path": "/api", "upstream": "app"},
           {"path": "/", "host": "example.org", "split": {"key": "$header_X-User",
             "buckets": [{"percent": 12.5, "upstream": "canary"}, {"percent": "*", "upstream": "app"}]}}]}}}"""))
        .config();
    JsonObject written = ConfigJson.toJson(config);
    assertThat(ConfigParser.parse(written).errors()).isEmpty();
    assertThat(ConfigParser.parse(written).config()).isEqualTo(config);
    JsonArray buckets = written.getJsonObject("listeners").getJsonObject("main").getJsonArray("routes")
        .getJsonObject(1).getJsonObject("split").getJsonArray("buckets");
    assertThat(buckets.getJsonObject(0).getValue("percent")).isEqualTo(12.5);
    assertThat(buckets.getJsonObject(1).getValue("percent")).isEqualTo("*");
    assertThat(written.getJsonObject("upstreams").getJsonObject("canary").getJsonObject("sticky").getValue("maxAge"))
        .isNull();
  }
}
