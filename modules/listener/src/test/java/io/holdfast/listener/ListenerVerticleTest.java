package io.holdfast.listener;

import io.holdfast.bus.Addresses;
import io.holdfast.bus.InstanceAnnouncement;
import io.holdfast.bus.InstanceStats;
import io.holdfast.bus.ListenerBinding;
import io.holdfast.bus.PortInUseException;
import io.holdfast.config.ConfigSnapshot;
import io.holdfast.config.ListenerConfig;
import io.holdfast.config.RouteConfig;
import io.holdfast.routing.RouteTables;
import io.holdfast.upstream.UpstreamPlan;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.http.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static io.holdfast.listener.RawClient.get;
import static io.holdfast.listener.TestConfigs.keepalive;
import static io.holdfast.listener.TestConfigs.listener;
import static io.holdfast.listener.TestConfigs.snapshot;
import static io.holdfast.listener.TestConfigs.upstream;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class ListenerVerticleTest {

  private Vertx vertx;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    io.holdfast.bus.LocalCodec.register(vertx.eventBus(), ConfigSnapshot.class);
  }

  @AfterEach
  void tearDown() {
    vertx.close().await();
  }

  private static ListenerConfig main(int port, List<RouteConfig> routes) {
    return listener("main", port, keepalive(Duration.ofSeconds(75), 1000, Duration.ofHours(1)), 100, routes);
  }

  private static ConfigSnapshot version(long version, List<RouteConfig> routes) {
    return snapshot(version, List.of(main(0, routes)), List.of(upstream("app", 1), upstream("api", 2)));
  }

  private ListenerVerticle deploy(ConfigSnapshot snapshot) {
    ListenerVerticle verticle = new ListenerVerticle(snapshot, StubUpstreams::echoForwarder, StubUpstreams::pools);
    vertx.deployVerticle(verticle).await();
    return verticle;
  }

  @Test
  void requestsGoToTheLongestMatchingPrefixAndUnroutedOnesGet404() throws Exception {
    ListenerVerticle verticle = deploy(version(1, List.of(
        new RouteConfig("/", "app", null), new RouteConfig("/api/", "api", "api.internal"))));
    try (RawClient client = RawClient.connect(verticle.boundPort("main"))) {
      assertThat(client.exchange(get("/api/users")).body()).isEqualTo("api api.internal /api/users");
      assertThat(client.exchange(get("/apix")).body()).isEqualTo("app null /apix");
    }
    vertx.undeploy(vertx.deploymentIDs().iterator().next()).await();

    ListenerVerticle noRoot = deploy(version(1, List.of(new RouteConfig("/api/", "api", null))));
    try (RawClient client = RawClient.connect(noRoot.boundPort("main"))) {
      RawClient.Response miss = client.exchange(get("/web"));
      assertThat(miss.status()).isEqualTo(404);
      assertThat(client.exchange(get("/api/x")).status()).isEqualTo(200);
    }
  }

  @Test
  void publishedRoutesAndPlanOfTheSameVersionRerouteNewRequests() throws Exception {
    ConfigSnapshot v1 = version(1, List.of(new RouteConfig("/", "app", null)));
    ListenerVerticle verticle = deploy(v1);
    ConfigSnapshot v2 = version(2, List.of(new RouteConfig("/", "api", null)));
    try (RawClient client = RawClient.connect(verticle.boundPort("main"))) {
      assertThat(client.exchange(get("/x")).body()).startsWith("app ");

      vertx.eventBus().publish(Addresses.ROUTES_APPLIED, RouteTables.compile(v2));
      // Half a version is not applied: routes without their pools would mix versions.
      assertThat(client.exchange(get("/x")).body()).startsWith("app ");
      vertx.eventBus().publish(Addresses.UPSTREAMS_APPLIED, UpstreamPlan.compile(v2));

      await().until(() -> verticle.servingVersion() == 2);
      assertThat(client.exchange(get("/x")).body()).startsWith("api ");
    }
  }

  @Test
  void takenPortFailsStartWithPortInUseException() {
    HttpServer squatter = vertx.createHttpServer().requestHandler(r -> r.response().end()).listen(0, "127.0.0.1")
        .await();
    ConfigSnapshot snapshot = snapshot(1, List.of(main(squatter.actualPort(), List.of())), List.of());

    assertThatThrownBy(() -> vertx.deployVerticle(
        new ListenerVerticle(snapshot, StubUpstreams::echoForwarder, StubUpstreams::pools)).await())
        .isInstanceOf(PortInUseException.class)
        .hasMessageContaining("listener main")
        .hasMessageContaining(String.valueOf(squatter.actualPort()))
        .hasMessageContaining("in use");
  }

  @Test
  void instanceAnnouncesItselfAndAnswersStatsOnTheBus() throws Exception {
    List<String> up = new CopyOnWriteArrayList<>();
    List<String> down = new CopyOnWriteArrayList<>();
    vertx.eventBus().<InstanceAnnouncement>consumer(Addresses.INSTANCE_UP, m -> up.add(m.body().instanceId()))
        .completion().await();
    vertx.eventBus().<InstanceAnnouncement>consumer(Addresses.INSTANCE_DOWN, m -> down.add(m.body().instanceId()))
        .completion().await();
    ListenerVerticle verticle = deploy(version(1, List.of(new RouteConfig("/", "app", null))));
    try (RawClient client = RawClient.connect(verticle.boundPort("main"))) {
      client.exchange(get("/a"));
      client.exchange(get("/b"));
    }
    await().until(() -> up.contains(verticle.instanceId()));

    vertx.eventBus().publish(Addresses.INSTANCE_ANNOUNCE, null);
    await().until(() -> up.size() == 2);
    InstanceStats stats = vertx.eventBus().<InstanceStats>request(Addresses.instanceStats(verticle.instanceId()), null)
        .map(Message::body).await();

    assertThat(stats.instanceId()).isEqualTo(verticle.instanceId());
    assertThat(stats.listeners()).singleElement().satisfies(l -> {
      assertThat(l.listener()).isEqualTo("main");
      assertThat(l.accepted()).isEqualTo(1);
      assertThat(l.requests()).isEqualTo(2);
    });
    vertx.undeploy(vertx.deploymentIDs().iterator().next()).await();
    await().until(() -> down.contains(verticle.instanceId()));
  }

  @Test
  void appliedConfigBindsAnAddedListenerAndDrainsARemovedOne() throws Exception {
    List<ListenerBinding> bindings = new CopyOnWriteArrayList<>();
    vertx.eventBus().<ListenerBinding>consumer(Addresses.LISTENER_BINDING, m -> bindings.add(m.body()))
        .completion().await();
    List<RouteConfig> routes = List.of(new RouteConfig("/", "app", null));
    ListenerVerticle verticle = deploy(version(1, routes));
    int mainPort = verticle.boundPort("main");
    ListenerConfig second = listener("second", 0, keepalive(Duration.ofSeconds(75), 1000, Duration.ofHours(1)),
        100, routes);

    vertx.eventBus().publish(Addresses.CONFIG_APPLIED,
        snapshot(2, List.of(main(0, routes), second), List.of(upstream("app", 1))));
    await().until(() -> bindings.stream().anyMatch(b -> b.configVersion() == 2));
    assertThat(bindings).filteredOn(b -> b.configVersion() == 2).singleElement()
        .satisfies(b -> assertThat(b.allBound()).isTrue());
    int secondPort = verticle.boundPort("second");
    assertThat(secondPort).isPositive();
    assertThat(verticle.boundPort("main")).isEqualTo(mainPort);

    vertx.eventBus().publish(Addresses.CONFIG_APPLIED,
        snapshot(3, List.of(second), List.of(upstream("app", 1))));
    await().until(() -> verticle.boundPort("main") == -1);
    await().untilAsserted(() -> assertThatThrownBy(() -> RawClient.connect(mainPort).close())
        .isInstanceOf(ConnectException.class));
    try (RawClient client = RawClient.connect(secondPort)) {
      // Version 3's routes have not been published on the bus: the listener still serves version 1's.
      assertThat(client.exchange(get("/")).status()).isEqualTo(503);
    }
  }

  @Test
  void changedPortIsRebound() throws Exception {
    List<RouteConfig> routes = List.of(new RouteConfig("/", "app", null));
    ListenerVerticle verticle = deploy(version(1, routes));
    int before = verticle.boundPort("main");
    BlockingQueue<ListenerBinding> bindings = new LinkedBlockingQueue<>();
    vertx.eventBus().<ListenerBinding>consumer(Addresses.LISTENER_BINDING, m -> bindings.add(m.body()))
        .completion().await();

    // A probed free port can be taken by another process before we bind it: try a few.
    int port = -1;
    for (long version = 2; version <= 4 && port < 0; version++) {
      int free = freePort();
      vertx.eventBus().publish(Addresses.CONFIG_APPLIED,
          snapshot(version, List.of(main(free, routes)), List.of(upstream("app", 1))));
      ListenerBinding binding = bindings.poll(5, TimeUnit.SECONDS);
      assertThat(binding).isNotNull();
      if (binding.allBound()) {
        port = free;
      } else {
        assertThat(verticle.boundPort("main")).as("a failed rebind keeps the old server").isEqualTo(before);
      }
    }

    assertThat(port).isPositive();
    assertThat(verticle.boundPort("main")).isEqualTo(port).isNotEqualTo(before);
    try (RawClient client = RawClient.connect(port)) {
      assertThat(client.exchange(get("/")).status()).isEqualTo(200);
    }
    await().untilAsserted(() -> assertThatThrownBy(() -> RawClient.connect(before).close())
        .isInstanceOf(ConnectException.class));
  }

  private int freePort() {
    HttpServer probe = vertx.createHttpServer().requestHandler(r -> r.response().end()).listen(0, "127.0.0.1")
        .await();
    int free = probe.actualPort();
    probe.close().await();
    return free;
  }

  @Test
  void stopLetsAnInFlightRequestFinishAndClosesIdleConnections() throws Exception {
    ListenerVerticle verticle = deploy(version(1, List.of(new RouteConfig("/", "app", null))));
    try (RawClient busy = RawClient.connect(verticle.boundPort("main"));
         RawClient idle = RawClient.connect(verticle.boundPort("main"))) {
      idle.exchange(get("/idle"));
      busy.send(get("/slow/300"));
      await().until(() -> statsOf(verticle).listeners().get(0).writing() == 1);

      var undeployed = vertx.undeploy(vertx.deploymentIDs().iterator().next());

      assertThat(idle.closedWithin(2000)).isTrue();
      RawClient.Response response = busy.read();
      assertThat(response.body()).isEqualTo("app null /slow/300");
      assertThat(response.header("connection")).isEqualTo("close");
      assertThat(busy.closedWithin(2000)).isTrue();
      undeployed.await();
    }
  }

  private InstanceStats statsOf(ListenerVerticle verticle) {
    return vertx.eventBus().<InstanceStats>request(Addresses.instanceStats(verticle.instanceId()), null)
        .map(Message::body).await();
  }

  @Test
  void instancesSharePortAndMaxConnectionsCountsAcrossThem() throws Exception {
    List<RouteConfig> routes = List.of(new RouteConfig("/", "app", null));
    ListenerVerticle one = null;
    ListenerVerticle two = null;
    int port = -1;
    // A probed free port can be taken by another process before we bind it: try a few.
    for (int attempt = 0; attempt < 3 && two == null; attempt++) {
      port = freePort();
      ConfigSnapshot snapshot = snapshot(1, List.of(listener("main", port,
          keepalive(Duration.ofSeconds(75), 1000, Duration.ofHours(1)), 2, routes)), List.of(upstream("app", 1)));
      try {
        one = deploy(snapshot);
        two = deploy(snapshot);
      } catch (PortInUseException taken) {
        for (String id : vertx.deploymentIDs()) {
          vertx.undeploy(id).await();
        }
      }
    }
    assertThat(two).isNotNull();

    try (RawClient a = RawClient.connect(port); RawClient b = RawClient.connect(port);
         RawClient c = RawClient.connect(port)) {
      int answered = 0;
      int refused = 0;
      for (RawClient client : List.of(a, b, c)) {
        try {
          client.exchange(get("/"));
          answered++;
        } catch (IOException closed) {
          refused++;
        }
      }
      assertThat(answered).isEqualTo(2);
      assertThat(refused).isEqualTo(1);
      long accepted = statsOf(one).listeners().get(0).accepted() + statsOf(two).listeners().get(0).accepted();
      assertThat(accepted).isEqualTo(3);
      // Vert.x spreads new connections over the instances sharing the port.
      assertThat(statsOf(one).listeners().get(0).accepted()).isPositive();
      assertThat(statsOf(two).listeners().get(0).accepted()).isPositive();
    }
  }

  @Test
  void appliedConfigChangesKeepaliveOfAnOpenConnectionAtItsNextRequest() throws Exception {
    List<RouteConfig> routes = List.of(new RouteConfig("/", "app", null));
    ListenerVerticle verticle = deploy(version(1, routes));
    CompletableFuture<ListenerBinding> applied = new CompletableFuture<>();
    vertx.eventBus().<ListenerBinding>consumer(Addresses.LISTENER_BINDING, m -> applied.complete(m.body()))
        .completion().await();
    try (RawClient client = RawClient.connect(verticle.boundPort("main"))) {
      client.exchange(get("/1"));
      client.exchange(get("/2"));

      ListenerConfig stricter = listener("main", 0, keepalive(Duration.ofSeconds(75), 3, Duration.ofHours(1)),
          100, routes);
      vertx.eventBus().publish(Addresses.CONFIG_APPLIED, snapshot(2, List.of(stricter), List.of(upstream("app", 1))));
      applied.get(5, TimeUnit.SECONDS);

      RawClient.Response third = client.exchange(get("/3"));
      assertThat(third.header("connection")).isEqualTo("close");
      assertThat(client.closedWithin(2000)).isTrue();
    }
  }

  @Test
  void forwarderFailingWithoutAnAnswerStillGetsTheClient502() throws Exception {
    ListenerVerticle verticle = deploy(version(1, List.of(new RouteConfig("/", "app", null))));
    try (RawClient client = RawClient.connect(verticle.boundPort("main"))) {
      assertThat(client.exchange(get("/broken")).status()).isEqualTo(502);
      assertThat(client.exchange(get("/fine")).status()).isEqualTo(200);
    }
  }
}
