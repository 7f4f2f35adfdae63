package io.holdfast.listener.connection;

import io.holdfast.config.ListenerConfig;
import io.holdfast.listener.RawClient;
import io.holdfast.testkit.TestConfig;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.holdfast.listener.RawClient.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Changed client timeouts reach a connection at its next request: a body already arriving keeps the
 * timeout its request started with, the next request gets the new one.
 */
class ClientTimeoutsReloadTest {

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void tearDown() {
    vertx.close().await();
  }

  private static ListenerConfig timeouts(String body) {
    return TestConfig.proxying(1).set("listeners.main.bodyTimeout", body).set("listeners.main.headerTimeout", "5s")
        .listenerConfig("main");
  }

  @Test
  void aShortenedBodyTimeoutReachesTheNextRequestNotTheOneInFlight() throws Exception {
    GovernedServer server = GovernedServer.start(vertx, timeouts("5s"));
    try (RawClient client = RawClient.connect(server.port())) {
      // The app answers at once; the body goes on arriving under the limits its request started with.
      assertThat(client.exchange("POST /first HTTP/1.1\r\nHost: t\r\nContent-Length: 4\r\n\r\nab").body())
          .isEqualTo("/first");
      server.update(timeouts("300ms"));
      Thread.sleep(800);
      client.send("cd");
      assertThat(client.exchange(get("/second")).body()).isEqualTo("/second");

      client.exchange("POST /third HTTP/1.1\r\nHost: t\r\nContent-Length: 4\r\n\r\nab");
      assertThat(client.millisUntilClosed(3000)).isLessThan(800);
    }
    await().until(() -> server.stats().closedByReason().get("body-timeout") == 1L);
  }
}
