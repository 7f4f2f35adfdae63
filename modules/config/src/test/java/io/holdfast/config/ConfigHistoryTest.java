package io.holdfast.config;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigHistoryTest {

  private static JsonObject document(int connections) {
    return new JsonObject("""
        {"upstreams": {"app": {"servers": [{"address": "127.0.0.1:8000"}], "keepalive": {"connections": %d}}}}"""
        .formatted(connections));
  }

  private static ConfigSnapshot snapshot(long version, JsonObject document, String source) {
    return new ConfigSnapshot(version, Instant.EPOCH.plusSeconds(version), source,
        ConfigParser.parse(document).config());
  }

  private static ConfigHistory history(int versions) {
    ConfigHistory history = ConfigHistory.startingWith(snapshot(1, document(1), ConfigSnapshot.FILE), document(1));
    for (int v = 2; v <= versions; v++) {
      history = history.record(snapshot(v, document(v), ConfigSnapshot.API), document(v));
    }
    return history;
  }

  @Test
  void keepsTheLastFiftyNewestFirst() {
    ConfigHistory history = history(60);

    assertThat(history.versions()).hasSize(ConfigHistory.KEPT_VERSIONS).hasSize(50);
    assertThat(history.latest().version()).isEqualTo(60);
    assertThat(history.versions().get(1).version()).isEqualTo(59);
    assertThat(history.oldest().version()).isEqualTo(11);
    assertThat(history.find(11)).isPresent();
    assertThat(history.find(10)).isEmpty();
    assertThat(history.whyMissing(10)).isEqualTo("version 10 is no longer kept (the last 50 are; the oldest is 11)");
    assertThat(history.whyMissing(61)).isEqualTo("no version 61 (the latest is 60)");
  }

  @Test
  void eachVersionKeepsItsDiffAgainstTheOneBeforeEvenWhenThatOneIsForgotten() {
    ConfigHistory history = history(60);

    assertThat(history.oldest().diff())
        .containsExactly(new ConfigDiff.Change("upstreams.app.keepalive.connections", 10, 11));
    assertThat(history(1).latest().diff()).isEmpty();
  }

  @Test
  void recordingLeavesTheEarlierHistoryAsItWas() {
    ConfigHistory three = history(3);
    ConfigHistory four = three.record(snapshot(4, document(2), ConfigSnapshot.ROLLBACK), document(2), 2);

    assertThat(three.versions()).extracting(ConfigVersion::version).containsExactly(3L, 2L, 1L);
    assertThat(four.versions()).extracting(ConfigVersion::version).containsExactly(4L, 3L, 2L, 1L);
    assertThat(four.latest().rollbackOf()).isEqualTo(2);
    assertThat(four.find(3).orElseThrow().rollbackOf()).isZero();
  }

  @Test
  void theKeptDocumentCannotBeChangedFromOutside() {
    JsonObject document = document(7);
    ConfigHistory history = ConfigHistory.startingWith(snapshot(1, document, ConfigSnapshot.FILE), document);

    document.put("instances", 9);
    history.latest().document().put("instances", 5);

    assertThat(history.latest().document()).isEqualTo(document(7));
  }

  @Test
  void versionsMustGrow() {
    assertThatThrownBy(() -> history(3).record(snapshot(3, document(3), ConfigSnapshot.API), document(3)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
