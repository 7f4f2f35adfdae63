package io.holdfast.listener.tunnel;

import io.holdfast.bus.TunnelStats;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.http.UpgradeRejectedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/** Vert.x's WebSocket client through Holdfast to a Vert.x WebSocket echo server: what a browser app does. */
class WebSocketPassthroughTest {

  private static final int FOUR_MIB = 4 * 1024 * 1024;

  private TunnelRig rig;
  private WebSocketClient client;

  @BeforeEach
  void setUp() {
    rig = TunnelRig.start(c -> c);
    client = rig.vertx.createWebSocketClient(new WebSocketClientOptions().setMaxMessageSize(8 * 1024 * 1024)
        .setDefaultHost("127.0.0.1").setDefaultPort(rig.port));
  }

  @AfterEach
  void tearDown() {
    rig.close();
  }

  @Test
  void textBinaryAFourMibMessagePingAndCloseHandshakeGoThrough() throws Exception {
    WebSocket ws = client.connect(new WebSocketConnectOptions().setURI("/chat")).await();
    Messages received = new Messages(ws);

    ws.writeTextMessage("hello").await();
    assertThat(received.text()).isEqualTo("hello");

    Buffer small = Buffer.buffer(new byte[] {0, 1, 2, (byte) 0xff});
    ws.writeBinaryMessage(small).await();
    assertThat(received.binary()).isEqualTo(small);

    byte[] big = new byte[FOUR_MIB];
    new Random(1).nextBytes(big);
    ws.writeBinaryMessage(Buffer.buffer(big)).await();
    assertThat(received.binary().getBytes()).isEqualTo(big);

    Promise<Buffer> pong = Promise.promise();
    ws.pongHandler(pong::tryComplete);
    ws.writePing(Buffer.buffer("are you there")).await();
    assertThat(pong.future().await(5, TimeUnit.SECONDS).toString()).isEqualTo("are you there");

    Promise<Short> closedWith = Promise.promise();
    ws.closeHandler(v -> closedWith.tryComplete(ws.closeStatusCode()));
    ws.close((short) 1000, "bye").await();
    assertThat(closedWith.future().await(5, TimeUnit.SECONDS)).isEqualTo((short) 1000);

    await().untilAsserted(() -> {
      TunnelStats tunnels = rig.tunnels("app");
      assertThat(tunnels.opened()).isEqualTo(1);
      assertThat(tunnels.open()).isZero();
      assertThat(tunnels.closedByClient() + tunnels.closedByUpstream()).isEqualTo(1);
      assertThat(tunnels.bytesToUpstream()).isGreaterThan(FOUR_MIB);
      assertThat(tunnels.bytesToClient()).isGreaterThan(FOUR_MIB);
    });
    assertThat(rig.listener().active()).isZero();
  }

  @Test
  void openTunnelsAreCountedOnTheListenerAndTheServerButNotAsPooledConnections() throws Exception {
    WebSocket first = client.connect(new WebSocketConnectOptions().setURI("/a")).await();
    WebSocket second = client.connect(new WebSocketConnectOptions().setURI("/b")).await();

    await().untilAsserted(() -> {
      assertThat(rig.listener().tunnels()).isEqualTo(2);
      assertThat(rig.listener().writing()).isEqualTo(2);
      assertThat(rig.tunnels("app").open()).isEqualTo(2);
      assertThat(rig.server("app").open()).isZero();
      assertThat(rig.server("app").idle()).isZero();
    });
    first.close().await();
    second.close().await();
    await().untilAsserted(() -> assertThat(rig.tunnels("app").open()).isZero());
    assertThat(rig.listener().tunnels()).isZero();
  }

  @Test
  void aRefusedUpgradeIsRelayedAsAnOrdinaryResponse() {
    Throwable refused = catchThrowable(() -> client.connect(new WebSocketConnectOptions().setURI("/refuse")).await());

    assertThat(refused).isInstanceOf(UpgradeRejectedException.class);
    assertThat(((UpgradeRejectedException) refused).getStatus()).isEqualTo(403);
    assertThat(rig.tunnels("app").opened()).isZero();
  }

  /** Messages as they arrive, one at a time. */
  private static final class Messages {
    private final java.util.concurrent.BlockingQueue<Object> queue = new java.util.concurrent.LinkedBlockingQueue<>();

    Messages(WebSocket ws) {
      ws.textMessageHandler(queue::add);
      ws.binaryMessageHandler(queue::add);
    }

    String text() throws InterruptedException {
      return (String) next();
    }

    Buffer binary() throws InterruptedException {
      return (Buffer) next();
    }

    private Object next() throws InterruptedException {
      Object message = queue.poll(10, TimeUnit.SECONDS);
      assertThat(message).as("a message within 10 s").isNotNull();
      return message;
    }
  }
}
