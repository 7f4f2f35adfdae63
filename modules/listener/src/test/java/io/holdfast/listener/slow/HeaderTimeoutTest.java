package io.holdfast.listener.slow;

import io.holdfast.listener.RawClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.function.UnaryOperator;

import static io.holdfast.listener.RawClient.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code headerTimeout} (nginx's {@code client_header_timeout}): every request head must arrive whole
 * within it, counted from its first byte, or from the connect for a connection's first request.
 */
class HeaderTimeoutTest {

  private static final long TIMEOUT = 400;

  private SlowClientRig rig;

  @BeforeEach
  void setUp() {
    rig = SlowClientRig.start(1, TIMEOUT, UnaryOperator.identity());
  }

  @AfterEach
  void tearDown() {
    rig.close();
  }

  @Test
  void headTrickledOnTheSecondRequestOfAKeptAliveConnectionGets408NearTheTimeout() throws Exception {
    try (RawClient client = RawClient.connect(rig.port)) {
      assertThat(client.exchange(get("/first")).status()).isEqualTo(200);
      long start = System.nanoTime();
      String head = get("/second");
      Thread trickler = trickle(client, head, 50);
      RawClient.Response response = client.read();
      long elapsed = millisSince(start);

      assertThat(response.statusLine()).isEqualTo("HTTP/1.1 408 Request Timeout");
      assertThat(response.header("connection")).isEqualTo("close");
      assertThat(response.body()).isEqualTo("408 Request Timeout\n");
      assertThat(elapsed).isBetween(TIMEOUT - 20, TIMEOUT + 300);
      assertThat(client.closedWithin(2000)).isTrue();
      trickler.interrupt();
    }
    await().until(() -> rig.closed("header-timeout") == 1);
    assertThat(rig.upstreams.get(0).requests).hasValue(1);
  }

  @Test
  void firstHeadIsTimedFromTheConnect() throws Exception {
    try (RawClient client = RawClient.connect(rig.port)) {
      long start = System.nanoTime();
      Thread.sleep(TIMEOUT / 2);
      Thread trickler = trickle(client, get("/late"), 50);
      RawClient.Response response = client.read();

      assertThat(response.status()).isEqualTo(408);
      assertThat(millisSince(start)).isBetween(TIMEOUT - 20, TIMEOUT + 300);
      assertThat(client.closedWithin(2000)).isTrue();
      trickler.interrupt();
    }
    assertThat(rig.upstreams.get(0).requests).hasValue(0);
  }

  @Test
  void slowHeadThatCompletesWithinTheTimeoutIsServed() throws Exception {
    try (RawClient client = RawClient.connect(rig.port)) {
      assertThat(client.exchange(get("/first")).status()).isEqualTo(200);
      String head = get("/slow-but-whole", "X-A: 1", "X-B: 2");
      // Each line a while apart, the whole head well inside the timeout.
      for (String line : head.split("(?<=\r\n)")) {
        client.send(line);
        Thread.sleep(TIMEOUT / 8);
      }
      assertThat(client.read().status()).isEqualTo(200);
      assertThat(client.closedWithin(100)).isFalse();
    }
  }

  @Test
  void theClockStartsAtTheFirstByteNotAtThePreviousResponse() throws Exception {
    try (RawClient client = RawClient.connect(rig.port)) {
      assertThat(client.exchange(get("/first")).status()).isEqualTo(200);
      // Idle longer than headerTimeout (keepalive.timeout governs this gap), then a head in two parts
      // whose whole took more than headerTimeout counted from the previous response: as nginx, served.
      Thread.sleep(TIMEOUT + 200);
      client.send("GET /second HTTP/1.1\r\n");
      Thread.sleep(TIMEOUT / 2);
      assertThat(client.exchange("Host: t\r\n\r\n").status()).isEqualTo(200);
    }
    assertThat(rig.closed("header-timeout")).isZero();
  }

  @Test
  void aNewConnectionThatSendsNothingIsClosedSilentlyAtTheTimeout() throws Exception {
    try (RawClient client = RawClient.connect(rig.port)) {
      // Like nginx: no 408 for a connection that never started a request (a browser's pre-connect).
      long closedAfter = client.millisUntilClosed(3000);
      assertThat(closedAfter).isBetween(TIMEOUT - 50, TIMEOUT + 300);
    }
    await().until(() -> rig.closed("idle-timeout") == 1);
    assertThat(rig.closed("header-timeout")).isZero();
  }

  @Test
  void aPartialHeadCountsAsReading() throws Exception {
    try (RawClient client = RawClient.connect(rig.port)) {
      assertThat(client.exchange(get("/first")).status()).isEqualTo(200);
      await().until(() -> rig.listener().waiting() == 1);
      client.send("GET /second HTTP/1.1\r\n");
      await().until(() -> rig.listener().reading() == 1);
    }
  }

  /** Sends {@code text} a byte at a time, {@code gapMillis} apart, on a thread of its own. */
  static Thread trickle(RawClient client, String text, long gapMillis) {
    Thread thread = new Thread(() -> {
      try {
        for (char c : text.toCharArray()) {
          client.send(String.valueOf(c));
          Thread.sleep(gapMillis);
        }
      } catch (Exception stopped) {
        // Interrupted, or the server closed: either way the trickle is over.
      }
    }, "trickle");
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  static long millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }
}
