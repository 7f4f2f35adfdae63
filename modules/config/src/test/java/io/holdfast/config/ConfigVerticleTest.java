package io.holdfast.config;

import io.holdfast.bus.Addresses;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ConfigVerticleTest extends ConfigVerticleFixture {

  @TempDir
  Path dir;
  private Path file;

  @BeforeEach
  void deploy() throws Exception {
    file = dir.resolve("holdfast.json");
    write(1000, "200ms");
    ConfigSnapshot initial = new ConfigSnapshot(1, Instant.now(), "file", ConfigLoader.load(file).config());
    deploy(new ConfigVerticle(file, initial));
  }

  private void write(int requests, String scan) throws Exception {
    Files.writeString(file, """
        {"upstreams": {"app": {"servers": [{"address": "127.0.0.1:8000"}]}},
         "listeners": {"main": {"port": 0, "keepalive": {"requests": %d}}},
         "reload": {"scan": "%s"}}""".formatted(requests, scan));
  }

  private ConfigSnapshot current() throws Exception {
    return vertx.eventBus().<ConfigSnapshot>request(Addresses.CONFIG_CURRENT, null).await(5, TimeUnit.SECONDS).body();
  }

  private ConfigChangeResult send(String address, Object body) throws Exception {
    return vertx.eventBus().<ConfigChangeResult>request(address, body).await(5, TimeUnit.SECONDS).body();
  }

  private static int requests(ConfigSnapshot s) {
    return s.config().listeners().get("main").keepalive().requests();
  }

  @Test
  void fileEditAppliesWithinTwoSeconds() throws Exception {
    write(7, "200ms");
    await().atMost(Duration.ofSeconds(2)).until(() -> !published.isEmpty());
    assertThat(published.get(0).version()).isEqualTo(2);
    assertThat(requests(published.get(0))).isEqualTo(7);
    assertThat(published.get(0).source()).isEqualTo("file");
  }

  @Test
  void invalidFileEditKeepsTheRunningConfig() throws Exception {
    Files.writeString(file, "{\"upstreams\": {\"app\": {\"servers\": []}}, \"reload\": {\"scan\": \"200ms\"}}");
    ConfigChangeResult reload = send(Addresses.CONFIG_RELOAD, null);
    assertThat(reload.applied()).isFalse();
    assertThat(reload.errors()).extracting(ConfigError::path).containsExactly("upstreams.app.servers");
    assertThat(current().version()).isEqualTo(1);
    assertThat(published).isEmpty();
    ConfigRejection rejection = vertx.eventBus().<ConfigRejection>request(Addresses.CONFIG_REJECTION, null)
        .await(5, TimeUnit.SECONDS).body();
    assertThat(rejection.source()).isEqualTo("sighup");
    assertThat(rejection.errors()).extracting(ConfigError::path).containsExactly("upstreams.app.servers");
  }

  @Test
  void watchedFileThatIsNotJsonIsRefusedAndReported() throws Exception {
    Files.writeString(file, "{\"upstreams\": {\"app\": ");
    await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> {
      ConfigRejection rejection = vertx.eventBus().<ConfigRejection>request(Addresses.CONFIG_REJECTION, null)
          .await(5, TimeUnit.SECONDS).body();
      assertThat(rejection.source()).isEqualTo("file");
      assertThat(rejection.errors()).extracting(ConfigError::path).containsExactly(file.toString());
      assertThat(rejection.errors()).extracting(ConfigError::message).allMatch(m -> m.startsWith("is not valid JSON: line 1, column "));
    });
    assertThat(current().version()).isEqualTo(1);
    assertThat(published).isEmpty();

    write(9, "200ms");
    await().atMost(Duration.ofSeconds(2)).until(() -> !published.isEmpty());
    assertThat(requests(published.get(0))).isEqualTo(9);
  }

  @Test
  void reloadAppliesAtOnce() throws Exception {
    write(5, "1h");
    ConfigChangeResult reload = send(Addresses.CONFIG_RELOAD, null);
    assertThat(reload.applied()).isTrue();
    assertThat(reload.snapshot().version()).isEqualTo(2);
    assertThat(requests(current())).isEqualTo(5);
    assertThat(current().source()).isEqualTo("sighup");
  }

  @Test
  void patchPersistsToTheFileAndPublishes() throws Exception {
    JsonObject patch = new JsonObject("{\"listeners\": {\"main\": {\"keepalive\": {\"requests\": 3}}}}");
    ConfigChangeResult result = send(Addresses.CONFIG_CHANGE, new ConfigChange(ConfigChange.Kind.PATCH, patch));
    assertThat(result.applied()).isTrue();
    assertThat(requests(result.snapshot())).isEqualTo(3);
    assertThat(ConfigLoader.load(file).config()).isEqualTo(result.snapshot().config());
    await().atMost(Duration.ofSeconds(2)).until(() -> published.size() == 1);
    assertThat(published.get(0).source()).isEqualTo("api");
    // The watcher sees the file it just wrote and must not apply it again.
    await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(2)).until(() -> published.size() == 1);
    assertThat(dir.toFile().list()).containsExactly("holdfast.json");
  }

  @Test
  void replaceWithInvalidConfigChangesNothing() throws Exception {
    byte[] before = Files.readAllBytes(file);
    JsonObject bad = new JsonObject("{\"upstreams\": {\"app\": {\"servers\": [{\"address\": \"127.0.0.1:8000\"}], \"keepalive\": {\"requests\": 0}}}}");
    ConfigChangeResult result = send(Addresses.CONFIG_CHANGE, new ConfigChange(ConfigChange.Kind.REPLACE, bad));
    assertThat(result.applied()).isFalse();
    assertThat(result.errors()).extracting(ConfigError::toString).containsExactly("upstreams.app.keepalive.requests: must be ≥ 1");
    assertThat(Files.readAllBytes(file)).isEqualTo(before);
    assertThat(current().version()).isEqualTo(1);
  }

  @Test
  void aChangeSettingMaxConnectionsBeyondTheDescriptorLimitIsAppliedAndWarnedAbout() throws Exception {
    assumeTrue(OpenFilesLimit.current().isPresent() && OpenFilesLimit.current().getAsLong() < 1_000_000_000L,
        "needs a known open-files limit");
    List<LogRecord> records = new CopyOnWriteArrayList<>();
    Handler capture = new Handler() {
      @Override
      public void publish(LogRecord record) {
        records.add(record);
      }

      @Override
      public void flush() {
      }

      @Override
      public void close() {
      }
    };
    Logger logger = Logger.getLogger(ConfigVerticle.class.getName());
    logger.addHandler(capture);
    try {
      JsonObject patch = new JsonObject("{\"listeners\": {\"main\": {\"maxConnections\": 1000000000}}}");
      ConfigChangeResult result = send(Addresses.CONFIG_CHANGE, new ConfigChange(ConfigChange.Kind.PATCH, patch));

      assertThat(result.applied()).isTrue();
      assertThat(records).filteredOn(r -> r.getLevel() == Level.WARNING).singleElement()
          .satisfies(r -> assertThat(r.getMessage()).contains("listeners.main.maxConnections 1000000000 (set in the config)"));
    } finally {
      logger.removeHandler(capture);
    }
  }
}
