package io.holdfast.config;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NodeLocalKeysTest {

  private static final JsonObject FLEET = new JsonObject("""
      {"upstreams": {"app": {"servers": [{"address": "10.1.0.1:80"}], "keepalive": {"connections": 64}}},
       "listeners": {"main": {"host": "10.0.0.2", "port": 8082, "keepalive": {"requests": 50}},
                     "extra": {"host": "10.0.0.2", "port": 9000}},
       "admin": {"host": "10.0.0.2", "port": 9092, "token": "fleet-secret"},
       "origin": {"enabled": false, "port": 8001},
       "cluster": {"enabled": true, "host": "10.0.0.2", "port": 5802}}""");

  private static final JsonObject OWN = new JsonObject("""
      {"upstreams": {"app": {"servers": [{"address": "10.1.0.9:80"}]}},
       "listeners": {"main": {"host": "10.0.0.1", "port": 8081}},
       "admin": {"host": "10.0.0.1", "token": "old"},
       "cluster": {"enabled": true, "host": "10.0.0.1", "port": 5801}}""");

  @Test
  void theFleetsSettingsApplyWithThisNodesOwnAddresses() {
    JsonObject mine = NodeLocalKeys.overlay(FLEET, OWN);

    assertThat(mine.getJsonObject("upstreams")).isEqualTo(FLEET.getJsonObject("upstreams"));
    assertThat(mine.getJsonObject("listeners").getJsonObject("main")).isEqualTo(new JsonObject()
        .put("host", "10.0.0.1").put("port", 8081).put("keepalive", new JsonObject().put("requests", 50)));
    assertThat(mine.getJsonObject("admin")).isEqualTo(new JsonObject().put("host", "10.0.0.1")
        .put("token", "fleet-secret"));
    assertThat(mine.getJsonObject("cluster")).isEqualTo(OWN.getJsonObject("cluster"));
  }

  @Test
  void aKeyThisNodeLeftToItsDefaultStaysAtTheDefault() {
    JsonObject mine = NodeLocalKeys.overlay(FLEET, OWN);

    assertThat(mine.getJsonObject("admin").containsKey("port")).as("own admin.port is the default").isFalse();
    assertThat(mine.getJsonObject("origin")).isEqualTo(new JsonObject().put("enabled", false));
  }

  @Test
  void aListenerNewToThisNodeTakesTheFleetsAddress() {
    JsonObject mine = NodeLocalKeys.overlay(FLEET, OWN);

    assertThat(mine.getJsonObject("listeners").getJsonObject("extra"))
        .isEqualTo(FLEET.getJsonObject("listeners").getJsonObject("extra"));
  }

  @Test
  void aNodeWithoutAClusterSectionHasNoneAfterTheOverlayAndTheFleetDocumentIsUntouched() {
    JsonObject before = FLEET.copy();
    JsonObject mine = NodeLocalKeys.overlay(FLEET, new JsonObject());

    assertThat(mine.containsKey("cluster")).isFalse();
    assertThat(FLEET).isEqualTo(before);
  }
}
