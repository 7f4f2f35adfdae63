package io.holdfast.listener.slow;

import io.holdfast.bus.ServerStats;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.UnaryOperator;

import io.holdfast.listener.RawClient;

import static io.holdfast.listener.RawClient.get;
import static io.holdfast.listener.slow.HeaderTimeoutTest.millisSince;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code sendTimeout} (nginx's {@code send_timeout}): a client that takes none of its response for that
 * long is closed. The upstream connection goes back to the pool when its response was read to the end,
 * else it is closed; the upstream is never blamed.
 */
class SendTimeoutTest {

  private static final long TIMEOUT = 500;
  private static final int BIG = 16 << 20;

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
  void clientThatReadsNothingIsClosedNearTheTimeoutAndItsUpstreamConnectionWithIt() throws Exception {
    try (Socket client = smallWindowClient()) {
      long start = System.nanoTime();
      client.getOutputStream().write(get("/big/" + BIG).getBytes(StandardCharsets.ISO_8859_1));
      await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10))
          .until(() -> rig.closed("send-timeout") == 1);
      // The stall starts once the buffers are full, a little after the request.
      assertThat(millisSince(start)).isBetween(TIMEOUT, TIMEOUT + 800);
    }
    await().atMost(Duration.ofSeconds(2)).until(() -> rig.upstreamOpen() == 0);
    assertThat(rig.failures()).isZero();
    assertThat(rig.anyDown()).isFalse();
  }

  @Test
  void upstreamResponsesReadToTheirEndGoBackToThePool() throws Exception {
    try (Socket client = smallWindowClient()) {
      // Small responses, each read whole from the upstream before it goes out, pipelined until the
      // client's unread bytes stop the connection.
      StringBuilder pipelined = new StringBuilder();
      for (int i = 0; i < 300; i++) {
        pipelined.append(get("/big/30000"));
      }
      client.getOutputStream().write(pipelined.toString().getBytes(StandardCharsets.ISO_8859_1));
      await().atMost(Duration.ofSeconds(5)).until(() -> rig.closed("send-timeout") == 1);
    }
    ServerStats server = rig.servers().get(0);
    assertThat(server.failures()).isZero();
    assertThat(server.idle()).isEqualTo(1);
    assertThat(rig.upstreamOpen()).isEqualTo(1);
  }

  @Test
  void clientThatPausesShorterThanTheTimeoutIsNotCut() throws Exception {
    try (RawClient client = RawClient.connect(rig.port)) {
      client.send(get("/big/" + BIG));
      InputStream in = client.input();
      long total = 0;
      long start = System.nanoTime();
      // Pauses of 0.3 timeouts between reads of 4 MiB (enough to move the kernel's buffers), more than a
      // whole timeout in all.
      for (int n = 1; n > 0 && total < BIG; total += n) {
        Thread.sleep(TIMEOUT * 3 / 10);
        n = in.readNBytes(4 << 20).length;
      }
      assertThat(millisSince(start)).isGreaterThan(TIMEOUT);
      assertThat(total).as("bytes read before the end or a close").isEqualTo(BIG);
    }
    assertThat(rig.closed("send-timeout")).isZero();
  }

  /** A client whose receive window is small, so the proxy's writes back up quickly. */
  private Socket smallWindowClient() throws Exception {
    Socket socket = new Socket();
    socket.setReceiveBufferSize(4096);
    socket.setSoTimeout(5000);
    socket.connect(new InetSocketAddress("127.0.0.1", rig.port));
    return socket;
  }
}
