package io.holdfast.listener.connection;

import io.holdfast.bus.ListenerStats;
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

class MaxConnectionsTest {

  private Vertx vertx;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void tearDown() {
    vertx.close().await();
  }

  @Test
  void connectionPastMaxIsRefusedQuicklyWhileExistingOnesKeepWorking() throws Exception {
    GovernedServer server = GovernedServer.start(vertx,
        TestConfig.proxying(1).clientKeepalive(Duration.ofSeconds(75), 100, Duration.ofHours(1))
            .set("listeners.main.maxConnections", 2).listenerConfig("main"));
    try (RawClient first = RawClient.connect(server.port());
         RawClient second = RawClient.connect(server.port())) {
      first.exchange(get("/1"));
      second.exchange(get("/2"));

      try (RawClient excess = RawClient.connect(server.port())) {
        excess.send(get("/3"));
        assertThat(excess.closedWithin(1000)).isTrue();
      }

      assertThat(first.exchange(get("/1b")).body()).isEqualTo("/1b");
      assertThat(second.exchange(get("/2b")).body()).isEqualTo("/2b");
      ListenerStats stats = server.stats();
      assertThat(stats.accepted()).isEqualTo(3);
      assertThat(stats.handled()).isEqualTo(2);
      assertThat(stats.closedByReason()).containsEntry("refused", 1L);
    }
    assertThat(server.handled).doesNotContain("/3");
  }

  @Test
  void slotFreedByAClosedConnectionIsAvailableAgain() throws Exception {
    GovernedServer server = GovernedServer.start(vertx,
        TestConfig.proxying(1).clientKeepalive(Duration.ofSeconds(75), 100, Duration.ofHours(1))
            .set("listeners.main.maxConnections", 1).listenerConfig("main"));
    try (RawClient first = RawClient.connect(server.port())) {
      first.exchange(get("/1"));
    }
    await().until(() -> server.stats().active() == 0);

    try (RawClient next = RawClient.connect(server.port())) {
      assertThat(next.exchange(get("/2")).body()).isEqualTo("/2");
    }
  }
}
