package io.holdfast.listener;

import io.holdfast.bus.Addresses;
import io.holdfast.bus.InstanceAnnouncement;
import io.holdfast.bus.InstanceStats;
import io.holdfast.bus.ListenerBinding;
import io.holdfast.bus.PortInUseException;
import io.holdfast.config.ConfigSnapshot;
import io.holdfast.routing.RouteTables;
import io.holdfast.testkit.TestConfig;
import io.holdfast.upstream.UpstreamPlan;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static io.holdfast.listener.RawClient.get;
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

  /** Listener main on a free port without routes yet; upstreams app and api (served by stubs). */
  private static TestConfig config() {
    return TestConfig.create().upstream("app", 1).upstream("api", 2).listener("main", 0)
        .set("listeners.main.maxConnections", 100);
  }

  /** {@link #config()} with {@code /} routed to app. */
  private static ConfigSnapshot version(long version) {
    return config().route("main", "/", "app").snapshot(version);
  }

  private ListenerVerticle deploy(ConfigSnapshot snapshot) {
    ListenerVerticle verticle = new ListenerVerticle(snapshot, StubUpstreams::echoForwarder, StubUpstreams::pools);
    vertx.deployVerticle(verticle).await();
    return verticle;
  }

  @Test
  void requestsGoToTheLongestMatchingPrefixAndUnroutedOnesGet404() throws Exception {
    ListenerVerticle verticle = deploy(config().route("main", "/", "app")
        .route("main", new JsonObject().put("path", "/api/").put("upstream", "api").put("host", "api.internal"))
        .snapshot(1));
    try (RawClient client = RawClient.connect(verticle.boundPort("main"))) {
      assertThat(client.exchange(get("/api/users")).body()).isEqualTo("api api.internal /api/users");
      assertThat(client.exchange(get("/apix")).body()).isEqualTo("app null /apix");
    }
    vertx.undeploy(vertx.deploymentIDs().iterator().next()).await();

    ListenerVerticle noRoot = deploy(config().route("main", "/api/", "api").snapshot(1));
    try (RawClient client = RawClient.connect(noRoot.boundPort("main"))) {
      RawClient.Response miss = client.exchange(get("/web"));
      assertThat(miss.status()).isEqualTo(404);
      assertThat(client.exchange(get("/api/x")).status()).isEqualTo(200);
    }
  }

  @Test
  void publishedRoutesAndPlanOfTheSameVersionRerouteNewRequests() throws Exception {
    ConfigSnapshot v1 = version(1);
    ListenerVerticle verticle = deploy(v1);
    ConfigSnapshot v2 = config().route("main", "/", "api").snapshot(2);
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
    ConfigSnapshot snapshot = config().set("listeners.main.port", squatter.actualPort()).snapshot(1);

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
    ListenerVerticle verticle = deploy(version(1));
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
    ListenerVerticle verticle = deploy(version(1));
    int mainPort = verticle.boundPort("main");

    vertx.eventBus().publish(Addresses.CONFIG_APPLIED,
        config().route("main", "/", "app").listener("second", 0, "app").snapshot(2));
    await().until(() -> bindings.stream().anyMatch(b -> b.configVersion() == 2));
    assertThat(bindings).filteredOn(b -> b.configVersion() == 2).singleElement()
        .satisfies(b -> assertThat(b.allBound()).isTrue());
    int secondPort = verticle.boundPort("second");
    assertThat(secondPort).isPositive();
    assertThat(verticle.boundPort("main")).isEqualTo(mainPort);

    vertx.eventBus().publish(Addresses.CONFIG_APPLIED,
        TestConfig.create().upstream("app", 1).listener("second", 0, "app").snapshot(3));
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
    ListenerVerticle verticle = deploy(version(1));
    int before = verticle.boundPort("main");
    BlockingQueue<ListenerBinding> bindings = new LinkedBlockingQueue<>();
    vertx.eventBus().<ListenerBinding>consumer(Addresses.LISTENER_BINDING, m -> bindings.add(m.body()))
        .completion().await();

    // A probed free port can be taken by another process before we bind it: try a few.
    int port = -1;
    for (long version = 2; version <= 4 && port < 0; version++) {
      int free = freePort();
      vertx.eventBus().publish(Addresses.CONFIG_APPLIED,
          config().route("main", "/", "app").set("listeners.main.port", free).snapshot(version));
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
    ListenerVerticle verticle = deploy(version(1));
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
    ListenerVerticle one = null;
    ListenerVerticle two = null;
    int port = -1;
    // A probed free port can be taken by another process before we bind it: try a few.
    for (int attempt = 0; attempt < 3 && two == null; attempt++) {
      port = freePort();
      ConfigSnapshot snapshot = config().route("main", "/", "app").set("listeners.main.port", port)
          .set("listeners.main.maxConnections", 2).snapshot(1);
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
    ListenerVerticle verticle = deploy(version(1));
    CompletableFuture<ListenerBinding> applied = new CompletableFuture<>();
    vertx.eventBus().<ListenerBinding>consumer(Addresses.LISTENER_BINDING, m -> applied.complete(m.body()))
        .completion().await();
    try (RawClient client = RawClient.connect(verticle.boundPort("main"))) {
      client.exchange(get("/1"));
      client.exchange(get("/2"));

      vertx.eventBus().publish(Addresses.CONFIG_APPLIED,
          config().route("main", "/", "app").set("listeners.main.keepalive.requests", 3).snapshot(2));
      applied.get(5, TimeUnit.SECONDS);

      RawClient.Response third = client.exchange(get("/3"));
      assertThat(third.header("connection")).isEqualTo("close");
      assertThat(client.closedWithin(2000)).isTrue();
    }
  }

  @Test
  void forwarderFailingWithoutAnAnswerStillGetsTheClient502() throws Exception {
    ListenerVerticle verticle = deploy(version(1));
    try (RawClient client = RawClient.connect(verticle.boundPort("main"))) {
      assertThat(client.exchange(get("/broken")).status()).isEqualTo(502);
      assertThat(client.exchange(get("/fine")).status()).isEqualTo(200);
    }
  }
}
