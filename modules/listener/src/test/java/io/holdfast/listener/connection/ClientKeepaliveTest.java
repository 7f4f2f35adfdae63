package io.holdfast.listener.connection;

import io.holdfast.bus.ListenerStats;
import io.holdfast.config.ListenerConfig;
import io.holdfast.listener.RawClient.Response;
import io.holdfast.listener.RawClient;
import io.holdfast.testkit.TestConfig;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.holdfast.listener.RawClient.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** nginx's client keepalive rules, checked byte-exact over real sockets. */
class ClientKeepaliveTest {

  private static final Duration LONG = Duration.ofSeconds(75);
  private static final Duration HOUR = Duration.ofHours(1);

  private Vertx vertx;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void tearDown() {
    vertx.close().await();
  }

  private static ListenerConfig limits(Duration timeout, int requests, Duration time) {
    return TestConfig.proxying(1).clientKeepalive(timeout, requests, time)
        .set("listeners.main.maxConnections", 100).listenerConfig("main");
  }

  private GovernedServer serve(Duration timeout, int requests, Duration time) {
    return GovernedServer.start(vertx, limits(timeout, requests, time));
  }

  @Test
  void nthResponseCarriesConnectionCloseAndSocketReadsEofAfterCompleteBody() throws Exception {
    GovernedServer server = serve(LONG, 3, HOUR);
    try (RawClient client = RawClient.connect(server.port())) {
      assertThat(client.exchange(get("/1")).header("connection")).isNull();
      assertThat(client.exchange(get("/2")).header("connection")).isNull();
      Response third = client.exchange(get("/3"));

      assertThat(third.header("connection")).isEqualTo("close");
      assertThat(third.body()).isEqualTo("/3");
      assertThat(client.closedWithin(2000)).isTrue();
    }
    await().until(() -> server.stats().closedByReason().get("requests-limit") == 1L);
  }

  @Test
  void pipelinedRequestsQueuedBehindTheLastResponseAreNotProcessed() throws Exception {
    GovernedServer server = serve(LONG, 2, HOUR);
    try (RawClient client = RawClient.connect(server.port())) {
      client.send(get("/1") + get("/2") + get("/3") + get("/4"));

      assertThat(client.read().body()).isEqualTo("/1");
      Response last = client.read();
      assertThat(last.body()).isEqualTo("/2");
      assertThat(last.header("connection")).isEqualTo("close");
      assertThat(client.closedWithin(2000)).isTrue();
    }
    assertThat(server.handled).containsExactly("/1", "/2");
  }

  @Test
  void pipelinedRequestsAreAnsweredInOrder() throws Exception {
    GovernedServer server = serve(LONG, 100, HOUR);
    try (RawClient client = RawClient.connect(server.port())) {
      client.send(get("/slow/150") + get("/fast") + get("/slow/10"));

      assertThat(client.read().body()).isEqualTo("/slow/150");
      assertThat(client.read().body()).isEqualTo("/fast");
      assertThat(client.read().body()).isEqualTo("/slow/10");
      assertThat(client.closedWithin(200)).isFalse();
    }
  }

  @Test
  void idleConnectionClosedWithinTimeoutPlusSweepPeriod() throws Exception {
    GovernedServer server = serve(Duration.ofMillis(500), 100, HOUR);
    try (RawClient client = RawClient.connect(server.port())) {
      client.exchange(get("/"));
      long idle = client.millisUntilClosed(3000);

      // The sweep runs every timeout/10 = 50 ms; allow scheduling noise on a shared machine.
      assertThat(idle).isBetween(450L, 900L);
    }
    await().until(() -> server.stats().closedByReason().get("idle-timeout") == 1L);
  }

  @Test
  void connectionBusyPastTheIdleTimeoutIsNotClosed() throws Exception {
    GovernedServer server = serve(Duration.ofMillis(200), 100, HOUR);
    try (RawClient client = RawClient.connect(server.port())) {
      Response slow = client.exchange(get("/slow/500"));

      assertThat(slow.body()).isEqualTo("/slow/500");
      assertThat(slow.header("connection")).isNull();
    }
  }

  @Test
  void zeroTimeoutSendsConnectionCloseOnEveryResponse() throws Exception {
    GovernedServer server = serve(Duration.ZERO, 100, HOUR);
    for (int i = 0; i < 2; i++) {
      try (RawClient client = RawClient.connect(server.port())) {
        Response response = client.exchange(get("/" + i));
        assertThat(response.header("connection")).isEqualTo("close");
        assertThat(response.body()).isEqualTo("/" + i);
        assertThat(client.closedWithin(2000)).isTrue();
      }
    }
  }

  @Test
  void connectionOlderThanKeepaliveTimeClosesAfterItsNextResponse() throws Exception {
    GovernedServer server = serve(LONG, 100, Duration.ofMillis(300));
    try (RawClient client = RawClient.connect(server.port())) {
      assertThat(client.exchange(get("/young")).header("connection")).isNull();
      // Let the connection age past keepalive.time while idle.
      assertThat(client.closedWithin(400)).isFalse();

      Response old = client.exchange(get("/old"));
      assertThat(old.header("connection")).isEqualTo("close");
      assertThat(old.body()).isEqualTo("/old");
      assertThat(client.closedWithin(2000)).isTrue();
    }
    await().until(() -> server.stats().closedByReason().get("lifetime") == 1L);
  }

  @Test
  void connectionAgingPastKeepaliveTimeDuringAResponseClosesAfterIt() throws Exception {
    GovernedServer server = serve(LONG, 100, Duration.ofMillis(200));
    try (RawClient client = RawClient.connect(server.port())) {
      Response slow = client.exchange(get("/slow/400"));

      assertThat(slow.header("connection")).isEqualTo("close");
      assertThat(slow.body()).isEqualTo("/slow/400");
      assertThat(client.closedWithin(2000)).isTrue();
    }
  }

  @Test
  void http10WithoutKeepAliveIsClosedAfterTheResponse() throws Exception {
    GovernedServer server = serve(LONG, 100, HOUR);
    try (RawClient client = RawClient.connect(server.port())) {
      Response response = client.exchange("GET /old HTTP/1.0\r\n\r\n");

      assertThat(response.statusLine()).startsWith("HTTP/1.0 200");
      assertThat(response.body()).isEqualTo("/old");
      assertThat(client.closedWithin(2000)).isTrue();
    }
    await().until(() -> server.stats().closedByReason().get("client") == 1L);
  }

  @Test
  void http10WithKeepAliveStaysOpenAndSaysKeepAlive() throws Exception {
    GovernedServer server = serve(LONG, 100, HOUR);
    try (RawClient client = RawClient.connect(server.port())) {
      Response first = client.exchange("GET /a HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
      Response second = client.exchange("GET /b HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");

      assertThat(first.header("connection")).isEqualToIgnoringCase("keep-alive");
      assertThat(second.header("connection")).isEqualToIgnoringCase("keep-alive");
      assertThat(second.body()).isEqualTo("/b");
      assertThat(client.closedWithin(200)).isFalse();
    }
  }

  @Test
  void http10KeepAliveResponseWithoutLengthIsClosedToDelimitTheBody() throws Exception {
    GovernedServer server = serve(LONG, 100, HOUR);
    try (RawClient client = RawClient.connect(server.port())) {
      Response response = client.exchange("GET /stream HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");

      assertThat(response.header("connection")).isEqualTo("close");
      assertThat(response.body()).isEqualTo("part1-part2");
    }
  }

  @Test
  void http10KeepAliveRequestThatIsTheLastGetsConnectionClose() throws Exception {
    GovernedServer server = serve(LONG, 1, HOUR);
    try (RawClient client = RawClient.connect(server.port())) {
      Response response = client.exchange("GET /a HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");

      assertThat(response.header("connection")).isEqualTo("close");
      assertThat(client.closedWithin(2000)).isTrue();
    }
  }

  @Test
  void clientConnectionCloseIsHonoured() throws Exception {
    GovernedServer server = serve(LONG, 100, HOUR);
    try (RawClient client = RawClient.connect(server.port())) {
      client.send(get("/bye", "Connection: close") + get("/never"));
      Response response = client.read();

      assertThat(response.header("connection")).isEqualTo("close");
      assertThat(response.body()).isEqualTo("/bye");
      assertThat(client.closedWithin(2000)).isTrue();
    }
    assertThat(server.handled).containsExactly("/bye");
    await().until(() -> server.stats().closedByReason().get("client") == 1L);
  }

  @Test
  void changedRequestsLimitAppliesToAnExistingConnectionAtItsNextRequest() throws Exception {
    GovernedServer server = serve(LONG, 100, HOUR);
    try (RawClient client = RawClient.connect(server.port())) {
      client.exchange(get("/1"));
      client.exchange(get("/2"));

      server.update(limits(LONG, 3, HOUR));

      Response third = client.exchange(get("/3"));
      assertThat(third.header("connection")).isEqualTo("close");
      assertThat(client.closedWithin(2000)).isTrue();
    }
  }

  @Test
  void shortenedIdleTimeoutReachesConnectionsAlreadyIdle() throws Exception {
    GovernedServer server = serve(LONG, 100, HOUR);
    try (RawClient client = RawClient.connect(server.port())) {
      client.exchange(get("/"));

      server.update(limits(Duration.ofMillis(200), 100, HOUR));

      assertThat(client.closedWithin(2000)).isTrue();
    }
  }

  @Test
  void oversizedHeaderIsAnsweredByVertxAndCountedAsBadRequest() throws Exception {
    GovernedServer server = GovernedServer.start(vertx, TestConfig.proxying(1)
        .clientKeepalive(LONG, 100, HOUR).set("listeners.main.maxHeaderSize", 1024)
        .set("listeners.main.maxUriLength", 1024).listenerConfig("main"));
    try (RawClient client = RawClient.connect(server.port())) {
      Response response = client.exchange(get("/", "X-Big: " + "x".repeat(2000)));

      assertThat(response.status()).isEqualTo(431);
      assertThat(client.closedWithin(2000)).isTrue();
    }
    await().until(() -> server.stats().closedByReason().get("bad-request") == 1L);
    assertThat(server.handled).isEmpty();
  }

  @Test
  void countersFollowAKnownSequence() throws Exception {
    GovernedServer server = serve(Duration.ofMillis(300), 2, HOUR);
    try (RawClient limited = RawClient.connect(server.port());
         RawClient quitting = RawClient.connect(server.port());
         RawClient idle = RawClient.connect(server.port());
         RawClient waiting = RawClient.connect(server.port())) {
      limited.exchange(get("/a"));
      limited.exchange(get("/b"));
      assertThat(limited.closedWithin(2000)).isTrue();
      quitting.exchange(get("/c"));
      quitting.close();
      idle.exchange(get("/d"));
      assertThat(idle.closedWithin(2000)).isTrue();
      waiting.send(get("/slow/1000"));

      await().untilAsserted(() -> {
        ListenerStats stats = server.stats();
        assertThat(stats.accepted()).isEqualTo(4);
        assertThat(stats.handled()).isEqualTo(4);
        assertThat(stats.requests()).isEqualTo(5);
        assertThat(stats.active()).isEqualTo(1);
        assertThat(stats.writing()).isEqualTo(1);
        assertThat(stats.closedByReason()).containsEntry("requests-limit", 1L).containsEntry("client", 1L)
            .containsEntry("idle-timeout", 1L).containsEntry("error", 0L).containsEntry("lifetime", 0L);
      });
      waiting.read();
      await().untilAsserted(() -> {
        ListenerStats stats = server.stats();
        assertThat(stats.writing()).isZero();
        assertThat(stats.waiting()).isEqualTo(1);
      });
    }
  }

  @Test
  void freshConnectionCountsAsReadingUntilItsFirstRequestThenAsWaiting() throws Exception {
    GovernedServer server = serve(LONG, 100, HOUR);
    try (RawClient client = RawClient.connect(server.port())) {
      await().until(() -> server.stats().reading() == 1);
      assertThat(server.stats().waiting()).isZero();

      client.exchange(get("/"));

      await().untilAsserted(() -> {
        ListenerStats stats = server.stats();
        assertThat(stats.reading()).isZero();
        assertThat(stats.waiting()).isEqualTo(1);
        assertThat(stats.active()).isEqualTo(1);
      });
    }
  }
}
