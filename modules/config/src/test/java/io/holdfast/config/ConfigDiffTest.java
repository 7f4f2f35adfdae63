package io.holdfast.config;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigDiffTest {

  private static final String BASE = """
      {"upstreams": {"app": {"servers": [{"address": "127.0.0.1:8000"}, {"address": "127.0.0.1:8001"}]}},
       "listeners": {"main": {"port": 8080, "routes": [{"path": "/", "upstream": "app"}]}}}""";

  private static HoldfastConfig config(String json, String patch) {
    JsonObject document = (JsonObject) JsonMergePatch.apply(new JsonObject(json), new JsonObject(patch));
    ConfigResult parsed = ConfigParser.parse(document);
    assertThat(parsed.errors()).isEmpty();
    return parsed.config();
  }

  private static List<ConfigDiff.Change> diff(String patchBefore, String patchAfter) {
    return ConfigDiff.between(config(BASE, patchBefore), config(BASE, patchAfter));
  }

  @Test
  void aChangedValueIsListedAtItsKeyPathWithOldAndNew() {
    assertThat(diff("{}", "{\"upstreams\": {\"app\": {\"keepalive\": {\"connections\": 64}}}}"))
        .containsExactly(new ConfigDiff.Change("upstreams.app.keepalive.connections", 32, 64));
  }

  @Test
  void equalConfigsHaveNoDiffEvenWhenADefaultIsWrittenOut() {
    assertThat(diff("{}", "{\"upstreams\": {\"app\": {\"keepalive\": {\"connections\": 32}}}}")).isEmpty();
  }

  @Test
  void arraysCompareIndexByIndexAndARemovedServerShowsItsKeysGoing() {
    List<ConfigDiff.Change> changes = diff("{}",
        "{\"upstreams\": {\"app\": {\"servers\": [{\"address\": \"127.0.0.1:8000\", \"weight\": 3}]}}}");

    assertThat(changes).containsExactly(
        new ConfigDiff.Change("upstreams.app.servers[0].weight", 1, 3),
        new ConfigDiff.Change("upstreams.app.servers[1].address", "127.0.0.1:8001", null),
        new ConfigDiff.Change("upstreams.app.servers[1].weight", 1, null),
        new ConfigDiff.Change("upstreams.app.servers[1].maxConnections", 0, null));
  }

  @Test
  void anAddedUpstreamShowsEachOfItsValuesWithOldNull() {
    List<ConfigDiff.Change> changes = diff("{}",
        "{\"upstreams\": {\"api\": {\"servers\": [{\"address\": \"127.0.0.1:9000\"}]}}}");

    assertThat(changes).allSatisfy(c -> {
      assertThat(c.path()).startsWith("upstreams.api.");
      assertThat(c.oldValue()).isNull();
      assertThat(c.newValue()).isNotNull();
    });
    assertThat(changes).contains(new ConfigDiff.Change("upstreams.api.servers[0].address", null, "127.0.0.1:9000"),
        new ConfigDiff.Change("upstreams.api.keepalive.connections", null, 32));
  }

  @Test
  void theTokenNeverShowsButItsChangeDoes() {
    assertThat(diff("{}", "{\"admin\": {\"token\": \"s3cret\"}}"))
        .containsExactly(new ConfigDiff.Change("admin.token", null, ConfigJson.REDACTED));
    assertThat(diff("{\"admin\": {\"token\": \"s3cret\"}}", "{\"admin\": {\"token\": \"other\"}}"))
        .containsExactly(new ConfigDiff.Change("admin.token", ConfigJson.REDACTED, ConfigJson.REDACTED));
    assertThat(diff("{\"admin\": {\"token\": \"s3cret\"}}", "{\"admin\": {\"token\": \"s3cret\"}}")).isEmpty();
  }
}
