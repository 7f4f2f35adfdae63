package io.holdfast.proxy;

import io.holdfast.bus.ServerStats;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Passive health counts only what an upstream did (contract §5): its silence is timed from the moment
 * the request was sent whole, never while a client is still sending; an upstream that takes none of a
 * request body for {@code responseTimeout} is at fault too (nginx's {@code proxy_send_timeout}).
 */
class BlameTest {

  private static final Duration RESPONSE_TIMEOUT = Duration.ofMillis(300);

  private final ProxyFixture f = new ProxyFixture();

  @AfterEach
  void close() throws Exception {
    f.close();
  }

  @Test
  void responseTimeoutRunsFromTheRequestSentWhole() throws Exception {
    // Reads everything, answers nothing.
    f.rawUpstream(socket -> socket.handler(bytes -> { }))
        .front(Upstreams.plan(f.upstreamPort, Upstreams.defaults(), RESPONSE_TIMEOUT));
    try (Socket client = new Socket("127.0.0.1", f.front.port())) {
      client.setSoTimeout(10_000);
      OutputStream out = client.getOutputStream();
      long start = System.nanoTime();
      out.write("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\n\r\nab".getBytes(StandardCharsets.ISO_8859_1));
      // The client takes longer than responseTimeout over its body: that is not the upstream's silence.
      Thread.sleep(2 * RESPONSE_TIMEOUT.toMillis());
      out.write("cd".getBytes(StandardCharsets.ISO_8859_1));
      String reply = RawHttp.readReply(client.getInputStream());
      long elapsed = (System.nanoTime() - start) / 1_000_000;

      assertThat(reply).startsWith("HTTP/1.1 504");
      // Silent after the whole request: that one is the upstream's.
      assertThat(f.front.server().failures()).isEqualTo(1);
      assertThat(elapsed).isGreaterThanOrEqualTo(3 * RESPONSE_TIMEOUT.toMillis() - 50);
    }
  }

  @Test
  void upstreamThatTakesNoneOfTheBodyGets504AndIsBlamed() throws Exception {
    f.rawUpstream(socket -> socket.pause())
        .front(Upstreams.plan(f.upstreamPort, Upstreams.defaults(), RESPONSE_TIMEOUT));
    int size = 64 << 20;
    try (Socket client = new Socket("127.0.0.1", f.front.port())) {
      client.setSoTimeout(10_000);
      Thread writer = new Thread(() -> {
        try {
          OutputStream out = client.getOutputStream();
          out.write(("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: " + size + "\r\n\r\n")
              .getBytes(StandardCharsets.ISO_8859_1));
          byte[] chunk = new byte[1 << 16];
          for (int sent = 0; sent < size; sent += chunk.length) {
            out.write(chunk);
          }
        } catch (Exception closed) {
          // The reply below says what happened.
        }
      });
      writer.setDaemon(true);
      writer.start();
      assertThat(RawHttp.readReply(client.getInputStream())).startsWith("HTTP/1.1 504");
    }
    ServerStats server = f.front.server();
    assertThat(server.failures()).isEqualTo(1);
    // Closed on Holdfast's side (the paused upstream cannot see the close before it reads again).
    await().atMost(Duration.ofSeconds(2)).until(() -> f.front.server().open() == 0);
  }
}
