package io.holdfast.fleet;

import com.hazelcast.config.Config;
import io.holdfast.bus.Addresses;
import io.holdfast.bus.LocalDelivery;
import io.holdfast.config.ConfigChange;
import io.holdfast.config.ConfigChangeResult;
import io.holdfast.config.ConfigLoader;
import io.holdfast.config.ConfigSnapshot;
import io.holdfast.config.ConfigVerticle;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One fleet node in this JVM, as the app module wires it but without listeners: a clustered Vert.x on
 * loopback (Hazelcast, TCP-IP join), the fleet join, the config verticle with a fleet coordinator, and the
 * fleet verticle. Its config file lives in its own directory.
 */
final class TestNode implements AutoCloseable {

  static final Duration RECONCILE = Duration.ofMillis(300);

  final Vertx vertx;
  final FleetNode node;
  final Path file;

  private TestNode(Vertx vertx, FleetNode node, Path file) {
    this.vertx = vertx;
    this.node = node;
    this.file = file;
  }

  /** A node's own document: its listener and admin ports, its cluster port; the rest as the fleet will have it. */
  static JsonObject document(int listenerPort, int adminPort, int clusterPort) {
    return new JsonObject("""
        {"instances": 1,
         "upstreams": {"app": {"servers": [{"address": "127.0.0.1:8000"}]}},
         "listeners": {"main": {"host": "127.0.0.1", "port": %d}},
         "admin": {"host": "127.0.0.1", "port": %d},
         "reload": {"watch": false},
         "cluster": {"enabled": true, "port": %d}}""".formatted(listenerPort, adminPort, clusterPort));
  }

  static TestNode start(Path dir, JsonObject document, List<Integer> clusterPorts) throws Exception {
    Path file = Files.writeString(Files.createDirectories(dir).resolve("holdfast.json"), document.encodePrettily());
    int port = document.getJsonObject("cluster").getInteger("port");
    HazelcastClusterManager manager = new HazelcastClusterManager(hazelcast(port, clusterPorts));
    Vertx vertx = Vertx.builder()
        .with(new VertxOptions().setEventBusOptions(new EventBusOptions().setHost("127.0.0.1").setPort(0)))
        .withClusterManager(manager).buildClustered().await(60, TimeUnit.SECONDS);
    FleetNode node = new FleetNode(manager.getNodeId(), "127.0.0.1:" + port, Instant.now());
    ConfigSnapshot fromFile = new ConfigSnapshot(1, Instant.now(), ConfigSnapshot.FILE, ConfigLoader.load(file).config());
    FleetJoin.Joined joined = FleetJoin.join(vertx, file, fromFile, node).await(30, TimeUnit.SECONDS);
    vertx.deployVerticle(new ConfigVerticle(file, joined.snapshot(),
        new FleetCoordinator(node, manager::getNodes, joined.changeId(), RECONCILE))).await(10, TimeUnit.SECONDS);
    vertx.deployVerticle(new FleetVerticle(node, manager::getNodes, "test")).await(10, TimeUnit.SECONDS);
    return new TestNode(vertx, node, file);
  }

  private static Config hazelcast(int port, List<Integer> clusterPorts) {
    Config config = ConfigUtil.loadConfig().setClusterName("holdfast-fleet-test-" + clusterPorts.get(0));
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.wait.seconds.before.join", "1");
    config.setProperty("hazelcast.socket.bind.any", "false");
    config.getNetworkConfig().setPort(port).setPortAutoIncrement(false);
    config.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
    var join = config.getNetworkConfig().getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setMembers(clusterPorts.stream().map(p -> "127.0.0.1:" + p).toList());
    return config;
  }

  <T> T ask(String address, Object body) throws Exception {
    return vertx.eventBus().<T>request(address, body, LocalDelivery.options()).await(20, TimeUnit.SECONDS).body();
  }

  ConfigChangeResult patch(String patch) throws Exception {
    return ask(Addresses.CONFIG_CHANGE, new ConfigChange(ConfigChange.Kind.PATCH, new JsonObject(patch)));
  }

  Future<ConfigChangeResult> patchLater(String patch) {
    return vertx.eventBus().<ConfigChangeResult>request(Addresses.CONFIG_CHANGE,
        new ConfigChange(ConfigChange.Kind.PATCH, new JsonObject(patch)), LocalDelivery.options()).map(m -> m.body());
  }

  ConfigSnapshot running() throws Exception {
    return ask(Addresses.CONFIG_CURRENT, null);
  }

  JsonObject onDisk() throws IOException {
    return new JsonObject(Files.readString(file));
  }

  @Override
  public void close() throws Exception {
    vertx.close().await(30, TimeUnit.SECONDS);
  }
}
