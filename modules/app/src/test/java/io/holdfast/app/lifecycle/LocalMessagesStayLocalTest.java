package io.holdfast.app.lifecycle;

import io.holdfast.app.Version;
import io.holdfast.app.cluster.ClusterStart;
import io.holdfast.app.runtime.TransportChoice;
import io.holdfast.app.runtime.VertxFactory;
import io.holdfast.bus.Addresses;
import io.holdfast.bus.LocalDelivery;
import io.holdfast.bus.RuntimeInfo;
import io.holdfast.bus.StatusQuery;
import io.holdfast.config.ConfigChange;
import io.holdfast.config.ConfigChangeResult;
import io.holdfast.config.ConfigSnapshot;
import io.holdfast.config.HoldfastConfig;
import io.holdfast.testkit.FreePorts;
import io.holdfast.testkit.TestConfig;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.spi.cluster.RegistrationInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Once the event bus is clustered, Holdfast's local vocabulary (snapshots, plans, stats, status queries, all
 * passed by reference) must never leave the process: a whole Holdfast node runs next to a second cluster
 * member that listens, cluster-wide, on every one of those addresses — and hears nothing, while the node's
 * own config change, status scrape and reload all work. Only the fleet address is advertised to the cluster.
 */
class LocalMessagesStayLocalTest {

  private static final String MARKER = "holdfast.test.marker";

  @TempDir
  Path dir;
  private final List<Vertx> closeAfter = new ArrayList<>();
  private Deployment deployment;

  @AfterEach
  void stop() throws Exception {
    if (deployment != null) {
      deployment.stop().await(20, TimeUnit.SECONDS);
    }
    for (Vertx vertx : closeAfter) {
      vertx.close().await(30, TimeUnit.SECONDS);
    }
  }


  /** Every address in {@link Addresses} that must stay in the process. */
  static List<String> localAddresses() throws IllegalAccessException {
    List<String> addresses = new ArrayList<>();
    for (Field field : Addresses.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class
          && !field.getName().endsWith("_PREFIX")) {
        addresses.add((String) field.get(null));
      }
    }
    return addresses;
  }

  private static HoldfastConfig config(int clusterPort, List<Integer> members) {
    return TestConfig.proxying(freePortUnchecked())
        .set("cluster", new JsonObject().put("enabled", true).put("name", "local-test-" + members.get(0))
            .put("port", clusterPort)
            .put("members", new JsonArray(members.stream().map(p -> "127.0.0.1:" + p).toList())))
        .config();
  }

  private static int freePortUnchecked() {
    try {
      return FreePorts.next();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void noLocalMessageReachesAnotherNodeAndOnlyTheFleetAddressIsAdvertised() throws Exception {
    List<Integer> ports = List.of(FreePorts.next(), FreePorts.next());
    HoldfastConfig listenerConfig = config(ports.get(1), ports);
    TransportChoice transport = TransportChoice.select(listenerConfig.transport());

    // B: a bare cluster member listening cluster-wide on every local address.
    Vertx b = ClusterStart.start(listenerConfig.cluster(), bus -> VertxFactory.builder(listenerConfig, transport, bus))
        .await(60, TimeUnit.SECONDS).vertx();
    closeAfter.add(b);
    List<String> heard = new CopyOnWriteArrayList<>();
    for (String address : localAddresses()) {
      b.eventBus().consumer(address, m -> heard.add(address)).completion().await(10, TimeUnit.SECONDS);
    }
    Promise<Void> marker = Promise.promise();
    b.eventBus().consumer(MARKER, m -> marker.tryComplete()).completion().await(10, TimeUnit.SECONDS);

    // A: a whole Holdfast node in the same cluster.
    HoldfastConfig config = config(ports.get(0), ports);
    Path file = Files.writeString(dir.resolve("holdfast.json"), io.holdfast.config.ConfigJson.toJson(config).encode());
    FleetStart.Started a = FleetStart.start(config, transport, file, new ConfigSnapshot(1, Instant.now(), "file", config))
        .await(60, TimeUnit.SECONDS);
    closeAfter.add(0, a.vertx());
    // A local message sent towards another node fails there, in LocalCodec.encodeToWire, as an unhandled error.
    List<Throwable> unhandled = new CopyOnWriteArrayList<>();
    a.vertx().exceptionHandler(unhandled::add);
    RuntimeInfo info = new RuntimeInfo(Version.current(), transport.name(), null, Instant.now());
    deployment = Deployment.start(a.vertx(), file, a.initial(), info, a.fleet()).await(30, TimeUnit.SECONDS);

    ConfigChangeResult change = a.vertx().eventBus().<ConfigChangeResult>request(Addresses.CONFIG_CHANGE,
            new ConfigChange(ConfigChange.Kind.PATCH, new JsonObject("{\"upstreams\":{\"app\":{\"maxFails\":4}}}")),
            LocalDelivery.options())
        .await(20, TimeUnit.SECONDS).body();
    String status = a.vertx().eventBus().<String>request(Addresses.STATUS_QUERY, StatusQuery.STATUS_JSON,
        LocalDelivery.options()).await(20, TimeUnit.SECONDS).body();
    ConfigChangeResult reload = a.vertx().eventBus().<ConfigChangeResult>request(Addresses.CONFIG_RELOAD, null,
        LocalDelivery.options()).await(20, TimeUnit.SECONDS).body();
    // At least one history sample (a String, which could cross the wire) has been published.
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> new JsonObject(
        a.vertx().eventBus().<String>request(Addresses.STATUS_QUERY, StatusQuery.HISTORY, LocalDelivery.options())
            .await(10, TimeUnit.SECONDS).body()).getValue("latest") != null);
    // Messages between two nodes travel one connection in order: once this one arrives, nothing sent before it is on its way.
    a.vertx().eventBus().send(MARKER, new JsonObject());
    marker.future().await(20, TimeUnit.SECONDS);

    assertThat(change.outcome()).isEqualTo(ConfigChangeResult.Outcome.APPLIED);
    assertThat(new JsonObject(status).getInteger("instances")).isEqualTo(1);
    assertThat(reload.applied()).isTrue();
    assertThat(heard).as("local messages that reached the other node").isEmpty();
    assertThat(unhandled).as("local messages that tried to").isEmpty();

    String nodeA = a.fleet().node().id();
    var clusterManager = ((VertxInternal) b).clusterManager();
    for (String address : localAddresses()) {
      Promise<List<RegistrationInfo>> registrations = Promise.promise();
      clusterManager.getRegistrations(address, registrations);
      assertThat(registrations.future().await(10, TimeUnit.SECONDS))
          .as("registrations of %s the cluster knows", address)
          .noneMatch(r -> r.nodeId().equals(nodeA));
    }
    Promise<List<RegistrationInfo>> fleet = Promise.promise();
    clusterManager.getRegistrations(Addresses.fleetNode(nodeA), fleet);
    assertThat(fleet.future().await(10, TimeUnit.SECONDS)).singleElement()
        .satisfies(r -> assertThat(r.localOnly()).isFalse());
  }
}
