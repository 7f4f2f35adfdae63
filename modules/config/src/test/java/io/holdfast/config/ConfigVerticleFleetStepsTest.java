package io.holdfast.config;

import io.holdfast.bus.Addresses;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** What a fleet asks of the config verticle: adopt another node's version, check a document, coordinate changes. */
class ConfigVerticleFleetStepsTest extends ConfigVerticleFixture {

  private static final JsonObject OWN = new JsonObject("""
      {"upstreams": {"app": {"servers": [{"address": "127.0.0.1:8000"}]}},
       "listeners": {"main": {"host": "127.0.0.1", "port": 18081}},
       "admin": {"host": "127.0.0.1", "port": 19091},
       "reload": {"watch": false}}""");

  @TempDir
  Path dir;
  private Path file;
  private final List<ChangeRequest> coordinated = new CopyOnWriteArrayList<>();
  private volatile ConfigSteps started;
  private volatile Context verticleContext;

  @BeforeEach
  void deploy() throws Exception {
    file = Files.writeString(dir.resolve("holdfast.json"), OWN.encodePrettily());
    ConfigSnapshot initial = new ConfigSnapshot(4, Instant.now(), ConfigSnapshot.FILE, ConfigLoader.load(file).config());
    ChangeCoordinator recording = new ChangeCoordinator() {
      @Override
      public Future<ConfigChangeResult> change(ChangeRequest request, ConfigSteps steps) {
        coordinated.add(request);
        return steps.applyHere(request);
      }

      @Override
      public void start(Vertx vertx, ConfigSteps steps) {
        started = steps;
        verticleContext = vertx.getOrCreateContext();
      }

      @Override
      public String initialChangeId() {
        return "change-4";
      }
    };
    deploy(new ConfigVerticle(file, initial, recording));
  }

  /** A step taken as a coordinator takes it: on the config verticle's event loop. */
  private <T> T onVerticle(Supplier<Future<T>> step) throws Exception {
    Promise<T> result = Promise.promise();
    verticleContext.runOnContext(v -> step.get().onComplete(result));
    return result.future().await(5, TimeUnit.SECONDS);
  }

  private ConfigChangeResult request(String address, Object body) throws Exception {
    return vertx.eventBus().<ConfigChangeResult>request(address, body).await(5, TimeUnit.SECONDS).body();
  }

  private static FleetChange fromAnotherNode(long version, String changeId, JsonObject document) {
    return new FleetChange(version, document, ConfigSnapshot.API, 0, changeId, "127.0.0.1:5802");
  }

  private static JsonObject anotherNodesDocument(int connections) {
    return OWN.copy()
        .put("listeners", new JsonObject().put("main", new JsonObject().put("host", "127.0.0.1").put("port", 18082)))
        .put("admin", new JsonObject().put("host", "127.0.0.1").put("port", 19092))
        .put("upstreams", new JsonObject().put("app", new JsonObject()
            .put("servers", OWN.getJsonObject("upstreams").getJsonObject("app").getJsonArray("servers"))
            .put("keepalive", new JsonObject().put("connections", connections))));
  }

  @Test
  void anotherNodesVersionRunsHereAsThatVersionWithThisNodesOwnAddressesAndIsWrittenToTheFile() throws Exception {
    ConfigChangeResult result = request(Addresses.CONFIG_ADOPT, fromAnotherNode(9, "change-9", anotherNodesDocument(7)));

    assertThat(result.outcome()).isEqualTo(ConfigChangeResult.Outcome.APPLIED);
    ConfigSnapshot running = result.snapshot();
    assertThat(running.version()).isEqualTo(9);
    assertThat(running.config().upstreams().get("app").keepalive().connections()).isEqualTo(7);
    assertThat(running.config().listeners().get("main").port()).isEqualTo(18081);
    assertThat(running.config().admin().port()).isEqualTo(19091);
    JsonObject onDisk = new JsonObject(Files.readString(file));
    assertThat(onDisk.getJsonObject("listeners").getJsonObject("main").getInteger("port")).isEqualTo(18081);
    assertThat(onDisk.getJsonObject("upstreams").getJsonObject("app").getJsonObject("keepalive").getInteger("connections"))
        .isEqualTo(7);
    assertThat(published).extracting(ConfigSnapshot::version).containsExactly(9L);
    assertThat(started.changeId()).isEqualTo("change-9");
  }

  @Test
  void aVersionThatChangesOnlyAnotherNodesAddressesStillRunsHereSoEveryNodeHasTheSameNumber() throws Exception {
    JsonObject sameSettings = OWN.copy().put("admin", new JsonObject().put("host", "127.0.0.1").put("port", 19099));

    ConfigChangeResult result = request(Addresses.CONFIG_ADOPT, fromAnotherNode(5, "change-5", sameSettings));

    assertThat(result.outcome()).isEqualTo(ConfigChangeResult.Outcome.APPLIED);
    assertThat(result.snapshot().version()).isEqualTo(5);
    assertThat(result.snapshot().config().admin().port()).isEqualTo(19091);
  }

  @Test
  void anOldOrAlreadyRunningVersionChangesNothing() throws Exception {
    assertThat(request(Addresses.CONFIG_ADOPT, fromAnotherNode(4, "other", anotherNodesDocument(7))).outcome())
        .isEqualTo(ConfigChangeResult.Outcome.STALE);
    assertThat(request(Addresses.CONFIG_ADOPT, fromAnotherNode(12, "change-4", anotherNodesDocument(7))).outcome())
        .as("the change this node runs").isEqualTo(ConfigChangeResult.Outcome.UNCHANGED);
    assertThat(published).isEmpty();
    assertThat(new JsonObject(Files.readString(file))).isEqualTo(OWN);
  }

  @Test
  void aVersionInvalidHereIsRefusedAndTheRunningConfigStays() throws Exception {
    JsonObject invalid = anotherNodesDocument(-1);

    ConfigChangeResult result = request(Addresses.CONFIG_ADOPT, fromAnotherNode(9, "change-9", invalid));

    assertThat(result.outcome()).isEqualTo(ConfigChangeResult.Outcome.REFUSED);
    assertThat(result.errors()).extracting(ConfigError::path).containsExactly("upstreams.app.keepalive.connections");
    assertThat(result.snapshot().version()).isEqualTo(4);
    assertThat(published).isEmpty();
  }

  @Test
  void aCheckSaysWhetherThisNodeWouldRunADocumentAndAppliesNothing() throws Exception {
    ConfigChangeResult good = request(Addresses.CONFIG_CHECK, anotherNodesDocument(7));
    // admin.host not on loopback needs a token: this node's own admin.host is what the check uses.
    JsonObject needsToken = anotherNodesDocument(7).put("admin", new JsonObject().put("host", "10.9.9.9"));
    ConfigChangeResult stillGood = request(Addresses.CONFIG_CHECK, needsToken);
    ConfigChangeResult bad = request(Addresses.CONFIG_CHECK, anotherNodesDocument(0).put("instances", 0));

    assertThat(good.errors()).isEmpty();
    assertThat(stillGood.errors()).as("the fleet's admin.host is not this node's").isEmpty();
    assertThat(bad.errors()).extracting(ConfigError::path).containsExactly("instances");
    assertThat(published).isEmpty();
    assertThat(new JsonObject(Files.readString(file))).isEqualTo(OWN);
  }

  @Test
  void committingAChangeTheFleetAlreadyDeliveredHereIsNoFailure() throws Exception {
    JsonObject document = anotherNodesDocument(7);
    Candidate candidate = onVerticle(() -> started.prepare(
        ChangeRequest.api(new ConfigChange(ConfigChange.Kind.REPLACE, document))));
    request(Addresses.CONFIG_ADOPT, fromAnotherNode(9, "change-9", document));

    ConfigChangeResult committed = onVerticle(() -> started.commit(candidate, 9, "change-9"));

    assertThat(committed.outcome()).isEqualTo(ConfigChangeResult.Outcome.APPLIED);
    assertThat(committed.snapshot().version()).isEqualTo(9);
    assertThat(published).extracting(ConfigSnapshot::version).containsExactly(9L);
  }

  @Test
  void everyApiChangeGoesThroughTheCoordinator() throws Exception {
    ConfigChangeResult result = request(Addresses.CONFIG_CHANGE,
        new ConfigChange(ConfigChange.Kind.PATCH, new JsonObject().put("instances", Runtime.getRuntime().availableProcessors() + 1)));

    assertThat(result.snapshot().version()).isEqualTo(5);
    assertThat(coordinated).singleElement().satisfies(r -> assertThat(r.source()).isEqualTo(ConfigSnapshot.API));
    assertThat(started.changeId()).as("a change made alone has no fleet id").isEmpty();
  }
}
