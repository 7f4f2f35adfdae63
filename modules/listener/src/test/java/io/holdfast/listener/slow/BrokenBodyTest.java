package io.holdfast.listener.slow;

import io.holdfast.listener.RawClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static io.holdfast.listener.RawClient.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Broken chunked framing in a request body: {@code 400} and close while no response byte went out (as
 * nginx and HAProxy answer), and the upstream connection that request held is let go at once, whether it
 * was opened for the request or reused. With {@code maxConnections: 1} a leaked connection would turn
 * every later request into a 503.
 */
class BrokenBodyTest {

  private static final String CHUNKED = "POST /upload HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n";

  private SlowClientRig rig;

  @BeforeEach
  void setUp() {
    rig = SlowClientRig.start(1, 5000, c -> SlowClientRig.maxConnectionsPerServer(
        c.set("upstreams.app.responseTimeout", "20s"), 1));
  }

  @AfterEach
  void tearDown() {
    rig.close();
  }

  @ParameterizedTest(name = "{0} on a {1} upstream connection")
  @CsvSource({
      "bad chunk size, fresh", "bad chunk size, reused",
      "16 KB chunk extension, fresh", "16 KB chunk extension, reused",
      "bare LF in chunked framing, fresh", "bare LF in chunked framing, reused"})
  void brokenBodyInTheFirstPacketGets400AndFreesTheUpstreamConnectionAtOnce(String kind, String connection)
      throws Exception {
    if (connection.equals("reused")) {
      try (RawClient warm = RawClient.connect(rig.port)) {
        assertThat(warm.exchange(get("/warm")).status()).isEqualTo(200);
      }
      await().until(() -> rig.servers().get(0).idle() == 1);
    }
    try (RawClient client = RawClient.connect(rig.port)) {
      RawClient.Response response = client.exchange(CHUNKED + broken(kind));
      assertThat(response.statusLine()).isEqualTo("HTTP/1.1 400 Bad Request");
      assertThat(response.header("connection")).isEqualTo("close");
      assertThat(response.body()).isEqualTo("400 Bad Request\n");
      assertThat(client.closedWithin(2000)).isTrue();
    }
    // At once, not at responseTimeout: the only upstream connection allowed is free for the next request.
    await().atMost(Duration.ofSeconds(1)).until(() -> rig.servers().get(0).active() == 0);
    long start = System.nanoTime();
    try (RawClient next = RawClient.connect(rig.port)) {
      assertThat(next.exchange(get("/next")).status()).isEqualTo(200);
    }
    assertThat(HeaderTimeoutTest.millisSince(start)).isLessThan(1000);
    assertThat(rig.failures()).isZero();
    assertThat(rig.closed("bad-request")).isEqualTo(1);
  }

  static String broken(String kind) {
    return switch (kind) {
      case "bad chunk size" -> "zz\r\nhello\r\n0\r\n\r\n";
      case "16 KB chunk extension" -> "5;" + "x=y;".repeat(4000) + "\r\nhello\r\n0\r\n\r\n";
      case "bare LF in chunked framing" -> "5\nhello\n0\n\n";
      default -> throw new IllegalArgumentException(kind);
    };
  }
}
