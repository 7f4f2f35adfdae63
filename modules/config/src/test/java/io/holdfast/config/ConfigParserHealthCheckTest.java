package io.holdfast.config;

import static io.holdfast.config.ConfigParserTest.assertSingleError;
import static io.holdfast.config.ConfigParserTest.json;
import static io.holdfast.config.ConfigParserTest.parseWith;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code upstreams.<name>.healthCheck} (contract §7) and its {@code expectStatus} lists. */
class ConfigParserHealthCheckTest {

  private static HealthCheckConfig parsed(JsonObject healthCheck) {
    ConfigResult result = parseWith("upstreams.app.healthCheck", healthCheck);
    assertThat(result.errors()).isEmpty();
    return result.config().upstreams().get("app").healthCheck();
  }

  @Test
  void offByDefaultAndAnEmptyObjectTurnsItOnWithTheContractDefaults() {
    assertThat(ConfigParser.parse(ConfigParserTest.minimal()).config().upstreams().get("app").healthCheck()).isNull();
    HealthCheckConfig defaults = parsed(new JsonObject());
    assertThat(defaults).isEqualTo(new HealthCheckConfig("/", Duration.ofSeconds(5), Duration.ofSeconds(2), 2, 3,
        ExpectStatus.parse("200-399"), null));
  }

  @Test
  void everyKeyIsRead() {
    HealthCheckConfig set = parsed(new JsonObject().put("path", "/healthz?full=1").put("interval", "200ms")
        .put("timeout", "100ms").put("rise", 1).put("fall", 5).put("expectStatus", "200,204").put("host", "app.internal"));
    assertThat(set.path()).isEqualTo("/healthz?full=1");
    assertThat(set.interval()).isEqualTo(Duration.ofMillis(200));
    assertThat(set.timeout()).isEqualTo(Duration.ofMillis(100));
    assertThat(set.rise()).isEqualTo(1);
    assertThat(set.fall()).isEqualTo(5);
    assertThat(set.expectStatus().matches(204)).isTrue();
    assertThat(set.expectStatus().matches(201)).isFalse();
    assertThat(set.host()).isEqualTo("app.internal");
    assertThat(parsed(new JsonObject().put("expectStatus", 204)).expectStatus().expression()).isEqualTo("204");
  }

  @Test
  void badValuesAreRefusedAtTheirKeyPath() {
    assertSingleError(parseWith("upstreams.app.healthCheck", new JsonObject().put("path", "health")),
        "upstreams.app.healthCheck.path", "must start with \"/\"");
    assertSingleError(parseWith("upstreams.app.healthCheck", new JsonObject().put("interval", "0s")),
        "upstreams.app.healthCheck.interval", "must be > 0");
    assertSingleError(parseWith("upstreams.app.healthCheck", new JsonObject().put("timeout", "6s")),
        "upstreams.app.healthCheck.timeout", "must be ≤ interval (5s)");
    assertSingleError(parseWith("upstreams.app.healthCheck", new JsonObject().put("rise", 0)),
        "upstreams.app.healthCheck.rise", "must be ≥ 1");
    assertSingleError(parseWith("upstreams.app.healthCheck", new JsonObject().put("fall", 1000)),
        "upstreams.app.healthCheck.fall", "must be ≤ 100");
    assertSingleError(parseWith("upstreams.app.healthCheck", new JsonObject().put("expectStatus", "2xx")),
        "upstreams.app.healthCheck.expectStatus", "must be status codes and ranges from 100 to 599");
    assertSingleError(parseWith("upstreams.app.healthCheck", new JsonObject().put("intervall", "1s")),
        "upstreams.app.healthCheck.intervall", "unknown key (did you mean \"interval\"?)");
    assertSingleError(parseWith("upstreams.app.healthCheck", "on"), "upstreams.app.healthCheck", "must be an object");
  }

  @Test
  void expectStatusTakesRangesAndListsWithinOneHundredToFiveNinetyNine() {
    ExpectStatus mixed = ExpectStatus.parse("200-299, 304");
    assertThat(mixed.matches(200)).isTrue();
    assertThat(mixed.matches(299)).isTrue();
    assertThat(mixed.matches(304)).isTrue();
    assertThat(mixed.matches(300)).isFalse();
    assertThat(mixed.matches(500)).isFalse();
    assertThat(ExpectStatus.DEFAULT.matches(399)).isTrue();
    assertThat(ExpectStatus.DEFAULT.matches(400)).isFalse();
    for (String bad : new String[] {"", "2xx", "399-200", "200-", "99", "600", "200,,204", "-200", "200-700"}) {
      assertThat(ExpectStatus.parse(bad)).as(bad).isNull();
    }
  }

  @Test
  void healthCheckRoundTripsThroughToJson() {
    HoldfastConfig config = ConfigParser.parse(json("""
        {"upstreams": {"app": {"servers": [{"address": "127.0.0.1:8000"}],
            "healthCheck": {"path": "/health", "interval": "1s", "timeout": "500ms", "rise": 3, "fall": 2,
                            "expectStatus": "200,204", "host": "app.internal"}},
          "other": {"servers": [{"address": "127.0.0.1:8001"}], "healthCheck": {}}},
         "listeners": {"main": {"routes": [{"path": "/", "upstream": "app"}, {"path": "/o", "upstream": "other"}]}}}"""))
        .config();
    JsonObject written = ConfigJson.toJson(config);
    assertThat(ConfigParser.parse(written).errors()).isEmpty();
    assertThat(ConfigParser.parse(written).config()).isEqualTo(config);
    assertThat(written.getJsonObject("upstreams").getJsonObject("app").getJsonObject("healthCheck")
        .getString("expectStatus")).isEqualTo("200,204");
  }
}
