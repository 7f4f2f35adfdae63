package io.holdfast.config;

import io.holdfast.bus.Addresses;
import io.holdfast.bus.ConfigRollback;
import io.holdfast.bus.VersionPrecondition;
import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/** History, rollback, preconditions and no-op writes, against the real verticle and its file. */
class ConfigVerticleHistoryTest extends ConfigVerticleFixture {

  private static final String FILE = """
      {"upstreams": {"app": {"servers": [{"address": "127.0.0.1:8000"}]}},
       "admin": {"token": "first-token"},
       "reload": {"watch": false}}
      """;

  @TempDir
  Path dir;
  private Path file;

  @BeforeEach
  void deploy() throws Exception {
    file = Files.writeString(dir.resolve("holdfast.json"), FILE);
    ConfigSnapshot initial = new ConfigSnapshot(1, Instant.now(), ConfigSnapshot.FILE, ConfigLoader.load(file).config());
    deploy(new ConfigVerticle(file, initial));
  }

  private ConfigChangeResult patch(String patch, VersionPrecondition precondition) throws Exception {
    return await(send(Addresses.CONFIG_CHANGE, new ConfigChange(ConfigChange.Kind.PATCH, new JsonObject(patch), precondition)));
  }

  private ConfigChangeResult patch(String patch) throws Exception {
    return patch(patch, VersionPrecondition.ANY);
  }

  private ConfigChangeResult rollback(long version) throws Exception {
    return await(send(Addresses.CONFIG_ROLLBACK, new ConfigRollback(version, VersionPrecondition.ANY)));
  }

  private Future<Message<ConfigChangeResult>> send(String address, Object body) {
    return vertx.eventBus().request(address, body);
  }

  private static ConfigChangeResult await(Future<Message<ConfigChangeResult>> reply) throws Exception {
    return reply.await(5, TimeUnit.SECONDS).body();
  }

  private ConfigHistory history() throws Exception {
    return vertx.eventBus().<ConfigHistory>request(Addresses.CONFIG_HISTORY, null).await(5, TimeUnit.SECONDS).body();
  }

  private int connectionsInFile() throws Exception {
    JsonObject keepalive = new JsonObject(Files.readString(file)).getJsonObject("upstreams").getJsonObject("app")
        .getJsonObject("keepalive");
    return keepalive == null ? 32 : keepalive.getInteger("connections");
  }

  @Test
  void aPatchThatChangesNothingKeepsTheVersionAndLeavesTheFileAlone() throws Exception {
    FileTime old = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
    Files.setLastModifiedTime(file, old);

    ConfigChangeResult result = patch("{\"upstreams\": {\"app\": {\"keepalive\": {\"connections\": 32}}}}");

    assertThat(result.outcome()).isEqualTo(ConfigChangeResult.Outcome.UNCHANGED);
    assertThat(result.applied()).isTrue();
    assertThat(result.snapshot().version()).isEqualTo(1);
    assertThat(Files.readString(file)).isEqualTo(FILE);
    assertThat(Files.getLastModifiedTime(file)).isEqualTo(old);
    assertThat(history().versions()).hasSize(1);
    assertThat(published).isEmpty();
  }

  @Test
  void ofTwoWritesPreparedAgainstTheSameVersionOnlyTheFirstApplies() throws Exception {
    VersionPrecondition onVersion1 = VersionPrecondition.oneOf(List.of(1L));
    // Both are sent before either is answered: the check must happen where the write is applied.
    var first = send(Addresses.CONFIG_CHANGE, new ConfigChange(ConfigChange.Kind.PATCH,
        new JsonObject("{\"upstreams\": {\"app\": {\"keepalive\": {\"connections\": 5}}}}"), onVersion1));
    var second = send(Addresses.CONFIG_CHANGE, new ConfigChange(ConfigChange.Kind.PATCH,
        new JsonObject("{\"upstreams\": {\"app\": {\"keepalive\": {\"connections\": 6}}}}"), onVersion1));

    assertThat(await(first).outcome()).isEqualTo(ConfigChangeResult.Outcome.APPLIED);
    ConfigChangeResult stale = await(second);
    assertThat(stale.outcome()).isEqualTo(ConfigChangeResult.Outcome.STALE);
    assertThat(stale.snapshot().version()).isEqualTo(2);
    assertThat(connectionsInFile()).isEqualTo(5);
    assertThat(patch("{\"upstreams\": {\"app\": {\"keepalive\": {\"connections\": 6}}}}",
        VersionPrecondition.oneOf(List.of(2L))).outcome()).isEqualTo(ConfigChangeResult.Outcome.APPLIED);
  }

  @Test
  void aRollbackAppliesTheEarlierConfigAsANewVersionAndWritesItToTheFile() throws Exception {
    patch("{\"upstreams\": {\"app\": {\"keepalive\": {\"connections\": 5}}}}");
    patch("{\"upstreams\": {\"app\": {\"keepalive\": {\"connections\": 6}}}}");

    ConfigChangeResult result = rollback(2);

    assertThat(result.outcome()).isEqualTo(ConfigChangeResult.Outcome.APPLIED);
    assertThat(result.snapshot().version()).isEqualTo(4);
    assertThat(result.snapshot().source()).isEqualTo(ConfigSnapshot.ROLLBACK);
    assertThat(result.snapshot().config().upstreams().get("app").keepalive().connections()).isEqualTo(5);
    assertThat(connectionsInFile()).isEqualTo(5);
    assertThat(published).extracting(ConfigSnapshot::version).containsExactly(2L, 3L, 4L);
    ConfigVersion latest = history().latest();
    assertThat(latest.rollbackOf()).isEqualTo(2);
    assertThat(latest.diff()).containsExactly(new ConfigDiff.Change("upstreams.app.keepalive.connections", 6, 5));
    assertThat(history().versions()).extracting(v -> v.snapshot().source())
        .containsExactly("rollback", "api", "api", "file");
  }

  @Test
  void aRollbackToTheRunningConfigChangesNothing() throws Exception {
    patch("{\"upstreams\": {\"app\": {\"keepalive\": {\"connections\": 5}}}}");

    ConfigChangeResult result = rollback(2);

    assertThat(result.outcome()).isEqualTo(ConfigChangeResult.Outcome.UNCHANGED);
    assertThat(history().versions()).hasSize(2);
  }

  @Test
  void aRollbackNeverBringsBackARotatedToken() throws Exception {
    patch("{\"admin\": {\"token\": \"rotated-token\"}}");
    patch("{\"upstreams\": {\"app\": {\"keepalive\": {\"connections\": 5}}}}");

    ConfigChangeResult result = rollback(1);

    assertThat(result.outcome()).isEqualTo(ConfigChangeResult.Outcome.APPLIED);
    assertThat(result.snapshot().config().admin().token()).isEqualTo("rotated-token");
    assertThat(result.snapshot().config().upstreams().get("app").keepalive().connections()).isEqualTo(32);
    assertThat(new JsonObject(Files.readString(file)).getJsonObject("admin").getString("token")).isEqualTo("rotated-token");
  }

  @Test
  void aRollbackIsValidatedAgainAndARefusalChangesNothing() throws Exception {
    // Version 2 listens on all addresses, which needs a token; version 3 moves back to loopback without one.
    patch("{\"admin\": {\"host\": \"0.0.0.0\"}}");
    patch("{\"admin\": {\"host\": \"127.0.0.1\", \"token\": null}}");
    String before = Files.readString(file);

    ConfigChangeResult result = rollback(2);

    assertThat(result.outcome()).isEqualTo(ConfigChangeResult.Outcome.REFUSED);
    assertThat(result.errors()).extracting(ConfigError::path).containsExactly("admin.token");
    assertThat(result.snapshot().version()).isEqualTo(3);
    assertThat(Files.readString(file)).isEqualTo(before);
  }

  @Test
  void aRollbackToAVersionNeverAppliedOrNoLongerKeptIsUnknown() throws Exception {
    ConfigChangeResult unknown = rollback(7);

    assertThat(unknown.outcome()).isEqualTo(ConfigChangeResult.Outcome.UNKNOWN_VERSION);
    assertThat(unknown.errors()).extracting(ConfigError::message).containsExactly("no version 7 (the latest is 1)");
    for (int i = 1; i <= ConfigHistory.KEPT_VERSIONS; i++) {
      patch("{\"upstreams\": {\"app\": {\"keepalive\": {\"connections\": " + i + "}}}}");
    }
    assertThat(history().oldest().version()).isEqualTo(2);
    assertThat(rollback(1).outcome()).isEqualTo(ConfigChangeResult.Outcome.UNKNOWN_VERSION);
  }

  @Test
  void fileAndSighupVersionsAreRecordedWithTheirSource() throws Exception {
    Files.writeString(file, FILE.replace("\"reload\"", "\"instances\": 3, \"reload\""));

    await(send(Addresses.CONFIG_RELOAD, null));

    assertThat(history().versions()).extracting(v -> v.snapshot().source()).containsExactly("sighup", "file");
    assertThat(history().latest().diff()).containsExactly(new ConfigDiff.Change("instances",
        Runtime.getRuntime().availableProcessors(), 3));
  }

  @Test
  void aRefusedSighupIsLeftToItsRequesterToLog() throws Exception {
    List<LogRecord> warnings = new CopyOnWriteArrayList<>();
    Handler handler = new Handler() {
      @Override
      public void publish(LogRecord record) {
        if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
          warnings.add(record);
        }
      }

      @Override
      public void flush() {
      }

      @Override
      public void close() {
      }
    };
    Logger logger = Logger.getLogger(ConfigVerticle.class.getName());
    logger.addHandler(handler);
    try {
      Files.writeString(file, FILE.replace("127.0.0.1:8000", "127.0.0.1:0"));

      ConfigChangeResult result = await(send(Addresses.CONFIG_RELOAD, null));

      assertThat(result.outcome()).isEqualTo(ConfigChangeResult.Outcome.REFUSED);
      assertThat(warnings).isEmpty();
      patch("{\"instances\": 0}");
      assertThat(warnings).hasSize(1);
    } finally {
      logger.removeHandler(handler);
    }
  }
}
