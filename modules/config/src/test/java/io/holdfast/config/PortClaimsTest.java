package io.holdfast.config;

import static io.holdfast.config.ConfigParserTest.assertSingleError;
import static io.holdfast.config.ConfigParserTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** The admin, origin and cluster ports refused at parse when a listener or one another already binds them. */
class PortClaimsTest {

  /** One listener on 0.0.0.0:8080, admin on its default 127.0.0.1:9090, plus {@code section}. */
  private static JsonObject with(String section, String body) {
    return json("""
        {"upstreams": {"app": {"servers": [{"address": "127.0.0.1:8000"}]}},
         "listeners": {"main": {"host": "0.0.0.0", "port": 8080}}}""").put(section, json(body));
  }

  @Test
  void anAdminPortAListenerAlreadyTakesIsRefusedWithItsKeyPath() {
    ConfigResult result = ConfigParser.parse(with("admin", "{\"host\": \"127.0.0.1\", \"port\": 8080}"));

    assertSingleError(result, "admin.port",
        "127.0.0.1:8080 is already used by listener \"main\" (listeners.main.port)");
  }

  @Test
  void anEnabledOriginOnTheAdminPortIsRefusedAndADisabledOneIsNot() {
    String clash = "{\"enabled\": true, \"host\": \"127.0.0.1\", \"port\": 9090}";

    assertSingleError(ConfigParser.parse(with("origin", clash)), "origin.port",
        "127.0.0.1:9090 is already used by the admin API (admin.port)");
    assertThat(ConfigParser.parse(with("origin", clash.replace("true", "false"))).isValid()).isTrue();
  }

  @Test
  void anEnabledClusterOnAListenerPortIsRefused() {
    ConfigResult result = ConfigParser.parse(
        with("cluster", "{\"enabled\": true, \"host\": \"127.0.0.1\", \"port\": 8080}"));

    assertSingleError(result, "cluster.port", "127.0.0.1:8080 is already used by listener \"main\"");
  }

  @Test
  void portsOnOtherAddressesOrPortZeroDoNotClash() {
    ConfigResult result = ConfigParser.parse(json("""
        {"upstreams": {"app": {"servers": [{"address": "127.0.0.1:8000"}]}},
         "listeners": {"main": {"host": "127.0.0.1", "port": 0}, "public": {"host": "127.0.0.2", "port": 9090}},
         "admin": {"host": "127.0.0.1", "port": 9090},
         "origin": {"enabled": true, "host": "127.0.0.1", "port": 0}}"""));

    assertThat(result.isValid()).as("%s", result).isTrue();
  }
}
