package io.holdfast.listener.edge;

import io.holdfast.testkit.TestConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The client timeouts on HTTP/2: a header block (HEADERS + CONTINUATION) must complete within
 * {@code headerTimeout}, the preface and first frames count for the first; {@code bodyTimeout} bounds the gap
 * between DATA frames of a stream while Holdfast reads it (408 on that stream, the connection goes on);
 * {@code sendTimeout} bounds a response stuck behind the client's window (the stream is reset). The upstream
 * is never blamed.
 */
class Http2TimeoutsTest {

  @RegisterExtension
  final EdgeRig rig = new EdgeRig();

  private TestConfig h2c() {
    return rig.config().set("listeners.main.http2", true)
        .set("listeners.main.headerTimeout", "500ms").set("listeners.main.bodyTimeout", "500ms")
        .set("listeners.main.sendTimeout", "500ms");
  }

  @Test
  void aHeaderBlockThatNeverCompletesEndsTheConnectionAtHeaderTimeout() throws Exception {
    rig.start(h2c());
    try (RawH2 client = RawH2.connect(rig.port())) {
      RawH2.Frame first = getOk(client, 1);
      assertThat(first).isNotNull();
      byte[] block = client.block(3, RawH2.request("GET", "/never").add("x-pad", "a".repeat(200)));
      long start = System.nanoTime();
      client.frame(RawH2.HEADERS, 0, 3, java.util.Arrays.copyOf(block, 20));
      Thread.sleep(200);
      client.frame(RawH2.CONTINUATION, 0, 3, java.util.Arrays.copyOfRange(block, 20, 40));
      assertThat(client.closes()).isTrue();
      assertThat((System.nanoTime() - start) / 1_000_000).isBetween(450L, 1500L);
    }
    await().until(() -> rig.stats().closedByReason().get("header-timeout") == 1L);
    assertThat(rig.seen).extracting(EdgeRig.Seen::uri).containsExactly("/ok");
  }

  @Test
  void aConnectionThatSendsNoRequestAfterItsPrefaceIsClosedAtHeaderTimeout() throws Exception {
    rig.start(h2c().set("listeners.main.keepalive.timeout", "75s"));
    try (RawH2 client = RawH2.connect(rig.port())) {
      long start = System.nanoTime();
      assertThat(client.next(RawH2.GOAWAY)).isNotNull();
      assertThat((System.nanoTime() - start) / 1_000_000).isBetween(400L, 1500L);
    }
  }

  @Test
  void aStalledBodyGets408OnItsStreamAndTheConnectionServesTheNextStream() throws Exception {
    rig.start(h2c());
    try (RawH2 client = RawH2.connect(rig.port())) {
      client.headers(1, RawH2.request("POST", "/stalled").add("content-length", "100"), false);
      client.data(1, new byte[10], false);
      long start = System.nanoTime();
      RawH2.Frame head = client.next(RawH2.HEADERS);
      assertThat(head.status()).isEqualTo("408");
      assertThat((System.nanoTime() - start) / 1_000_000).isBetween(450L, 1500L);
      RawH2.Frame reset = client.next(RawH2.RST_STREAM);
      assertThat(reset.stream()).isEqualTo(1);
      assertThat(reset.errorCode()).isZero();

      assertThat(getOk(client, 3)).isNotNull();
    }
    assertThat(rig.pool().failures()).isZero();
    assertThat(rig.stats().edge().streamsCutBodyTimeout()).isEqualTo(1);
  }

  @Test
  void aResponseStuckBehindAClosedWindowIsResetAtSendTimeout() throws Exception {
    rig.start(h2c());
    // INITIAL_WINDOW_SIZE 0: the client takes the head, never a byte of the body.
    try (RawH2 client = RawH2.connect(rig.port(), RawH2.setting(4, 0))) {
      long start = System.nanoTime();
      client.headers(1, RawH2.request("GET", "/big/200000"), true);
      RawH2.Frame reset = client.next(RawH2.RST_STREAM);
      assertThat(reset.stream()).isEqualTo(1);
      assertThat(reset.errorCode()).isEqualTo(0x8);
      assertThat((System.nanoTime() - start) / 1_000_000).isBetween(450L, 1500L);
      // Only the stream: the connection serves the next one.
      client.frame(RawH2.SETTINGS, 0, 0, RawH2.setting(4, 65535));
      assertThat(getOk(client, 3)).isNotNull();
    }
    assertThat(rig.pool().failures()).isZero();
    assertThat(rig.stats().edge().streamsCutSendTimeout()).isEqualTo(1);
  }

  @Test
  void aClientResettingItsStreamOrClosingItsConnectionLeavesTheUpstreamUnblamed() throws Exception {
    rig.start(h2c());
    try (RawH2 client = RawH2.connect(rig.port())) {
      client.headers(1, RawH2.request("GET", "/slow/300"), true);
      Thread.sleep(100);
      client.frame(RawH2.RST_STREAM, 0, 1, new byte[] {0, 0, 0, 8});
      assertThat(getOk(client, 3)).isNotNull();
    }
    try (RawH2 client = RawH2.connect(rig.port())) {
      for (int stream = 1; stream <= 5; stream += 2) {
        client.headers(stream, RawH2.request("GET", "/slow/300"), true);
      }
      Thread.sleep(100);
    }
    // The three responses come back to a closed connection: the upstream did nothing wrong.
    Thread.sleep(500);
    assertThat(rig.pool().failures()).isZero();
  }

  private static RawH2.Frame getOk(RawH2 client, int stream) throws Exception {
    client.headers(stream, RawH2.request("GET", "/ok"), true);
    RawH2.Frame head = client.next(RawH2.HEADERS);
    assertThat(head.stream()).isEqualTo(stream);
    assertThat(head.status()).isEqualTo("200");
    RawH2.Frame data = client.next(RawH2.DATA);
    assertThat(data.text()).isEqualTo("got 0");
    return head;
  }
}
