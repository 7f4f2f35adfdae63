package io.holdfast.fleet;

import io.holdfast.bus.Addresses;
import io.holdfast.config.ConfigChangeResult;
import io.holdfast.config.ConfigSnapshot;
import io.holdfast.config.FleetChange;
import io.holdfast.config.NodeReport;
import io.holdfast.testkit.FreePorts;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.AsyncMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two (then three) fleet nodes in this JVM on a real Hazelcast cluster over loopback: one config, one version
 * per change on every node, each node's own addresses kept, all-or-nothing refusals, serialised concurrent
 * changes, a late joiner and a node that missed a version catching up.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FleetConfigTest {

  @TempDir
  static Path dir;
  private static TestNode a;
  private static TestNode b;
  private static List<Integer> clusterPorts;

  @BeforeAll
  static void startTwoNodes() throws Exception {
    clusterPorts = List.of(FreePorts.next(), FreePorts.next(), FreePorts.next());
    JsonObject own = TestNode.document(18081, 19091, clusterPorts.get(0));
    // A's admin port is meant for a private network: it needs a token, which the fleet shares.
    own.getJsonObject("admin").put("host", "10.9.9.9").put("token", "fleet-secret");
    a = TestNode.start(dir.resolve("a"), own, clusterPorts);
    b = TestNode.start(dir.resolve("b"), TestNode.document(18082, 19092, clusterPorts.get(1))
        .put("admin", new JsonObject().put("host", "127.0.0.1").put("port", 19092).put("token", "fleet-secret")), clusterPorts);
    await().atMost(Duration.ofSeconds(30)).until(() -> b.running().version() == a.running().version());
  }

  @AfterAll
  static void stop() throws Exception {
    if (b != null) {
      b.close();
    }
    if (a != null) {
      a.close();
    }
  }

  private static int connections(ConfigSnapshot snapshot) {
    return snapshot.config().upstreams().get("app").keepalive().connections();
  }

  private static int connections(JsonObject document) {
    return document.getJsonObject("upstreams").getJsonObject("app").getJsonObject("keepalive").getInteger("connections");
  }

  @Test
  @Order(1)
  void aChangeOnOneNodeRunsOnEveryNodeAsOneVersionWithEachNodesOwnAddresses() throws Exception {
    long before = a.running().version();

    ConfigChangeResult result = b.patch("{\"upstreams\": {\"app\": {\"keepalive\": {\"connections\": 7}}}}");

    assertThat(result.outcome()).isEqualTo(ConfigChangeResult.Outcome.APPLIED);
    assertThat(result.snapshot().version()).isEqualTo(before + 1);
    assertThat(result.nodes()).singleElement().satisfies(report -> {
      assertThat(report.address()).isEqualTo(a.node.address());
      assertThat(report.outcome()).isEqualTo(NodeReport.APPLIED);
    });
    ConfigSnapshot onA = a.running();
    assertThat(onA.version()).isEqualTo(before + 1);
    assertThat(onA.source()).isEqualTo(ConfigSnapshot.API);
    assertThat(connections(onA)).isEqualTo(7);
    assertThat(onA.config().listeners().get("main").port()).isEqualTo(18081);
    assertThat(onA.config().admin().host()).isEqualTo("10.9.9.9");
    assertThat(connections(a.onDisk())).isEqualTo(7);
    assertThat(a.onDisk().getJsonObject("cluster").getInteger("port")).isEqualTo(clusterPorts.get(0));
    assertThat(connections(b.onDisk())).isEqualTo(7);
    assertThat(b.onDisk().getJsonObject("listeners").getJsonObject("main").getInteger("port")).isEqualTo(18082);
  }

  @Test
  @Order(2)
  void aChangeOneNodeCannotRunIsRefusedForTheWholeFleetNamingThatNode() throws Exception {
    ConfigSnapshot beforeA = a.running();
    String fileA = Files.readString(a.file);
    String fileB = Files.readString(b.file);

    // Valid on B (admin on loopback), not on A, whose admin port is not on loopback.
    ConfigChangeResult result = b.patch("{\"admin\": {\"token\": null}}");

    assertThat(result.outcome()).isEqualTo(ConfigChangeResult.Outcome.REFUSED);
    assertThat(result.errors()).singleElement().satisfies(error -> {
      assertThat(error.path()).isEqualTo("admin.token");
      assertThat(error.node()).isEqualTo(a.node.address());
    });
    assertThat(result.nodes()).extracting(NodeReport::outcome).containsExactly(NodeReport.REFUSED);
    assertThat(a.running().version()).isEqualTo(beforeA.version());
    assertThat(b.running().version()).isEqualTo(beforeA.version());
    assertThat(Files.readString(a.file)).isEqualTo(fileA);
    assertThat(Files.readString(b.file)).isEqualTo(fileB);
  }

  @Test
  @Order(3)
  void twoChangesMadeAtOnceOnTwoNodesBothLandWithDistinctVersions() throws Exception {
    long before = a.running().version();

    Future<ConfigChangeResult> onA = a.patchLater("{\"upstreams\": {\"app\": {\"keepalive\": {\"connections\": 11}}}}");
    Future<ConfigChangeResult> onB = b.patchLater("{\"upstreams\": {\"app\": {\"keepalive\": {\"requests\": 222}}}}");
    Future.all(onA, onB).await(30, TimeUnit.SECONDS);

    assertThat(List.of(onA.result().outcome(), onB.result().outcome()))
        .containsOnly(ConfigChangeResult.Outcome.APPLIED);
    assertThat(List.of(onA.result().snapshot().version(), onB.result().snapshot().version()))
        .containsExactlyInAnyOrder(before + 1, before + 2);
    for (TestNode node : List.of(a, b)) {
      ConfigSnapshot running = node.running();
      assertThat(running.version()).isEqualTo(before + 2);
      assertThat(connections(running)).isEqualTo(11);
      assertThat(running.config().upstreams().get("app").keepalive().requests()).isEqualTo(222);
    }
  }

  @Test
  @Order(4)
  void aFileReloadOnOneNodeIsAFleetChange() throws Exception {
    long before = a.running().version();
    JsonObject edited = a.onDisk();
    edited.getJsonObject("upstreams").getJsonObject("app").put("maxFails", 9);
    Files.writeString(a.file, edited.encodePrettily());

    ConfigChangeResult result = a.ask(Addresses.CONFIG_RELOAD, null);

    assertThat(result.snapshot().version()).isEqualTo(before + 1);
    ConfigSnapshot onB = b.running();
    assertThat(onB.version()).isEqualTo(before + 1);
    assertThat(onB.source()).isEqualTo(ConfigSnapshot.SIGHUP);
    assertThat(onB.config().upstreams().get("app").maxFails()).isEqualTo(9);
  }

  @Test
  @Order(5)
  void aVersionANodeNeverHeardAboutIsCaughtUpByItself() throws Exception {
    long latest = a.running().version();
    JsonObject document = b.onDisk();
    document.getJsonObject("upstreams").getJsonObject("app").getJsonObject("keepalive").put("connections", 3);
    FleetChange missed = new FleetChange(latest + 1, document, ConfigSnapshot.API, 0, UUID.randomUUID().toString(), "elsewhere");

    // As if a node recorded it and died before telling anyone.
    map().put(FleetStore.LATEST, missed.toJson().encode()).await(10, TimeUnit.SECONDS);

    for (TestNode node : List.of(a, b)) {
      await().atMost(Duration.ofSeconds(10)).until(() -> node.running().version() == latest + 1);
      assertThat(connections(node.running())).isEqualTo(3);
    }
    assertThat(a.running().config().listeners().get("main").port()).isEqualTo(18081);
  }

  @Test
  @Order(6)
  void aLostFleetEntryIsRecordedAgainFromWhatTheNodesRun() throws Exception {
    map().remove(FleetStore.LATEST).await(10, TimeUnit.SECONDS);

    await().atMost(Duration.ofSeconds(10)).until(() -> map().get(FleetStore.LATEST).await(5, TimeUnit.SECONDS) != null);
    FleetChange recorded = FleetChange.fromJson(new JsonObject(map().get(FleetStore.LATEST).await(5, TimeUnit.SECONDS)));
    assertThat(recorded.version()).isEqualTo(a.running().version());
  }

  @Test
  @Order(7)
  void aNodeThatJoinsLaterStartsOnTheFleetsCurrentConfig() throws Exception {
    long version = a.running().version();
    JsonObject own = TestNode.document(18083, 19093, clusterPorts.get(2));
    own.getJsonObject("upstreams").getJsonObject("app").put("keepalive", new JsonObject().put("connections", 99));
    try (TestNode c = TestNode.start(dir.resolve("c"), own, clusterPorts)) {
      ConfigSnapshot running = c.running();

      assertThat(running.version()).isEqualTo(version);
      assertThat(connections(running)).isEqualTo(connections(a.running()));
      assertThat(running.config().listeners().get("main").port()).isEqualTo(18083);
      assertThat(connections(c.onDisk())).isEqualTo(connections(a.running()));
      assertThat(c.onDisk().getJsonObject("cluster").getInteger("port")).isEqualTo(clusterPorts.get(2));

      JsonObject view = b.ask(Addresses.FLEET_NODES, null);
      assertThat(view.getJsonArray("nodes")).hasSize(3);
      assertThat(view.getBoolean("converged")).isTrue();
      assertThat(view.getLong("version")).isEqualTo(version);
    }
  }

  private static AsyncMap<String, String> map() throws Exception {
    return a.vertx.sharedData().<String, String>getClusterWideMap(FleetStore.MAP).await(10, TimeUnit.SECONDS);
  }

}
