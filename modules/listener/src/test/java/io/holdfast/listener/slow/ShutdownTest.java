package io.holdfast.listener.slow;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static io.holdfast.listener.RawClient.get;
import static io.holdfast.listener.slow.HeaderTimeoutTest.millisSince;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A stop gives requests in flight {@code shutdownTimeout}, then ends whatever is left: a client that reads
 * nothing must not hold the process until {@code sendTimeout} (Vert.x's own close waits for the flush).
 */
class ShutdownTest {

  private SlowClientRig rig;

  @AfterEach
  void tearDown() {
    rig.close();
  }

  @Test
  void stopEndsAClientThatReadsNothingAtShutdownTimeoutNotAtSendTimeout() throws Exception {
    rig = SlowClientRig.start(1, 60_000, config -> config.set("shutdownTimeout", "500ms"));
    try (Socket client = new Socket()) {
      client.setReceiveBufferSize(4096);
      client.connect(new InetSocketAddress("127.0.0.1", rig.port));
      client.getOutputStream().write(get("/big/" + (16 << 20)).getBytes(StandardCharsets.ISO_8859_1));
      InputStream in = client.getInputStream();
      assertThat(in.read()).as("the response started").isNotNegative();
      await().atMost(Duration.ofSeconds(5)).until(() -> rig.upstreamOpen() == 1);

      long start = System.nanoTime();
      rig.vertx.undeploy(rig.vertx.deploymentIDs().iterator().next())
          .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

      assertThat(millisSince(start)).isBetween(400L, 3000L);
      await().atMost(Duration.ofSeconds(2)).until(() -> rig.upstreamOpen() == 0);
    }
  }
}
