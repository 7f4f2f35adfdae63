package io.holdfast.listener.slow;

import io.holdfast.listener.RawClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import static io.holdfast.listener.RawClient.get;
import static io.holdfast.listener.slow.HeaderTimeoutTest.millisSince;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code bodyTimeout} (nginx's {@code client_body_timeout}): the longest gap between two reads of a
 * request body. A slow client is its own problem: the upstream connection it held is closed and the
 * upstream is never blamed; a wait Holdfast causes itself (back-pressure from a slow upstream) never counts.
 */
class BodyTimeoutTest {

  private static final long TIMEOUT = 500;

  private SlowClientRig rig;

  @AfterEach
  void tearDown() {
    if (rig != null) {
      rig.close();
    }
  }

  @Test
  void stalledBodiesGet408NearTheTimeoutAndNoServerIsBlamed() throws Exception {
    // responseTimeout shorter than bodyTimeout: were it running while the client dawdles, this would be a
    // 504 and a failure against the server; three of them would mark both servers down.
    rig = SlowClientRig.start(2, TIMEOUT, c -> c.set("upstreams.app.responseTimeout", "300ms"));
    List<RawClient> clients = new ArrayList<>();
    long start = System.nanoTime();
    for (int i = 0; i < 3; i++) {
      clients.add(RawClient.connect(rig.port).send(post("/upload", 100) + "0123456789"));
    }
    for (RawClient client : clients) {
      RawClient.Response response = client.read();
      assertThat(response.statusLine()).isEqualTo("HTTP/1.1 408 Request Timeout");
      assertThat(response.header("connection")).isEqualTo("close");
      assertThat(client.closedWithin(2000)).isTrue();
      client.close();
    }
    assertThat(millisSince(start)).isBetween(TIMEOUT - 20, TIMEOUT + 400);
    await().atMost(Duration.ofSeconds(2)).until(() -> rig.upstreamOpen() == 0);
    assertThat(rig.failures()).isZero();
    assertThat(rig.anyDown()).isFalse();
    assertThat(rig.closed("body-timeout")).isEqualTo(3);
    try (RawClient client = RawClient.connect(rig.port)) {
      assertThat(client.exchange(post("/after", 3) + "abc").body()).isEqualTo("got 3");
    }
  }

  @Test
  void bodyWithGapsShorterThanTheTimeoutIsServedHoweverLongItTakes() throws Exception {
    rig = SlowClientRig.start(1, TIMEOUT, UnaryOperator.identity());
    try (RawClient client = RawClient.connect(rig.port)) {
      client.send(post("/trickled", 30));
      for (int i = 0; i < 6; i++) {
        Thread.sleep(TIMEOUT * 6 / 10);
        client.send("abcde");
      }
      assertThat(client.read().body()).isEqualTo("got 30");
    }
    assertThat(rig.closed("body-timeout")).isZero();
  }

  @Test
  void aSlowUpstreamHoldingBackTheBodyDoesNotCountAgainstTheClient() throws Exception {
    rig = SlowClientRig.start(1, TIMEOUT, UnaryOperator.identity());
    int size = 16 << 20;
    try (RawClient client = RawClient.connect(rig.port)) {
      // The upstream takes nothing for 3 timeouts: the buffers fill, Holdfast stops reading the client.
      Thread writer = new Thread(() -> {
        try {
          client.send(post("/stall/" + 3 * TIMEOUT, size));
          String chunk = "x".repeat(1 << 16);
          for (int sent = 0; sent < size; sent += chunk.length()) {
            client.send(chunk);
          }
        } catch (Exception closed) {
          // The assertion below says what went wrong.
        }
      });
      writer.start();
      RawClient.Response response = client.read();
      assertThat(response.body()).isEqualTo("got " + size);
      writer.join(5000);
    }
    assertThat(rig.closed("body-timeout")).isZero();
  }

  @Test
  void bodyStalledAfterTheResponseWentOutClosesWithoutAnotherAnswer() throws Exception {
    rig = SlowClientRig.start(1, TIMEOUT, UnaryOperator.identity());
    try (RawClient client = RawClient.connect(rig.port)) {
      RawClient.Response early = client.exchange(post("/early", 100) + "0123456789");
      assertThat(early.body()).isEqualTo("early");
      long closedAfter = client.millisUntilClosed(3000);
      assertThat(closedAfter).isBetween(TIMEOUT - 100, TIMEOUT + 400);
    }
    await().until(() -> rig.closed("body-timeout") == 1);
    await().atMost(Duration.ofSeconds(2)).until(() -> rig.upstreamOpen() == 0);
    assertThat(rig.failures()).isZero();
  }

  @Test
  void clientThatClosesMidBodyFreesTheUpstreamConnectionAtOnceUnblamed() throws Exception {
    // responseTimeout far away: the upstream connection must go because the client went, not by a timer.
    rig = SlowClientRig.start(2, 5000, c -> c.set("upstreams.app.responseTimeout", "20s"));
    for (boolean reused : new boolean[] {false, true}) {
      if (reused) {
        try (RawClient warm = RawClient.connect(rig.port)) {
          assertThat(warm.exchange(get("/warm")).status()).isEqualTo(200);
          assertThat(warm.exchange(get("/warm")).status()).isEqualTo(200);
        }
      }
      int requestsBefore = rig.upstreams.stream().mapToInt(u -> u.requests.get()).sum();
      try (RawClient client = RawClient.connect(rig.port)) {
        client.send(post("/upload", 100) + "0123456789");
        await().atMost(Duration.ofSeconds(2))
            .until(() -> rig.upstreams.stream().mapToInt(u -> u.requests.get()).sum() == requestsBefore + 1);
      }
      await().atMost(Duration.ofSeconds(1)).until(() -> rig.servers().stream().allMatch(s -> s.active() == 0));
      assertThat(rig.failures()).as(reused ? "reused" : "fresh").isZero();
      assertThat(rig.anyDown()).isFalse();
    }
  }

  @Test
  void clientThatClosesBeforeItsUpstreamConnectionIsOpenLeavesNothingBehind() throws Exception {
    rig = SlowClientRig.start(1, 5000, c -> c.set("upstreams.app.responseTimeout", "20s")
        .set("upstreams.app.keepalive.connections", 0));
    for (int i = 0; i < 5; i++) {
      // Gone while Holdfast is still connecting upstream: no handler of the exchange is set up to see it.
      RawClient.connect(rig.port).send(post("/upload", 100) + "0123456789").close();
    }
    await().atMost(Duration.ofSeconds(1)).until(() -> rig.servers().get(0).active() == 0);
    await().atMost(Duration.ofSeconds(1)).until(() -> rig.upstreamOpen() == 0);
    assertThat(rig.failures()).isZero();
    try (RawClient client = RawClient.connect(rig.port)) {
      assertThat(client.exchange(get("/after")).status()).isEqualTo(200);
    }
  }

  static String post(String path, int contentLength) {
    return "POST " + path + " HTTP/1.1\r\nHost: t\r\nContent-Length: " + contentLength + "\r\n\r\n";
  }
}
