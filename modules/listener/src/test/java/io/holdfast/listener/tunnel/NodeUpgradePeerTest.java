package io.holdfast.listener.tunnel;

import io.holdfast.bus.LocalCodec;
import io.holdfast.config.ConfigSnapshot;
import io.holdfast.listener.ListenerVerticle;
import io.holdfast.testkit.TestConfig;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A Node.js server's own {@code 'upgrade'} event as the upstream ({@code src/test-peers/node-upgrade.js}):
 * another HTTP parser than Netty's must accept the upgrade request Holdfast forwards, and its answers must
 * come back unchanged.
 */
class NodeUpgradePeerTest {

  private static final Path NODE_UPGRADE = Path.of("../../src/test-peers/node-upgrade.js");

  private Process node;
  private Vertx vertx;
  private int port;

  @BeforeEach
  void setUp() throws Exception {
    assumeTrue(Files.exists(NODE_UPGRADE), "node-upgrade.js not found");
    assumeTrue(onPath("node"), "node is not installed");
    node = new ProcessBuilder("node", NODE_UPGRADE.toString(), "0").redirectErrorStream(true).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
    int nodePort = Integer.parseInt(out.readLine().trim());
    vertx = Vertx.vertx();
    LocalCodec.register(vertx.eventBus(), ConfigSnapshot.class);
    ListenerVerticle verticle = new ListenerVerticle(TestConfig.proxying(nodePort).snapshot(1));
    vertx.deployVerticle(verticle).await();
    port = verticle.boundPort(TestConfig.LISTENER);
  }

  @AfterEach
  void tearDown() throws Exception {
    if (vertx != null) {
      vertx.close().await();
    }
    if (node != null) {
      node.destroy();
      node.waitFor(5, TimeUnit.SECONDS);
      // Closed now rather than when collected: a later test counts this JVM's descriptors (FdExhaustionTest).
      node.getOutputStream().close();
      node.getInputStream().close();
    }
  }

  @Test
  void nodeAcceptsTheForwardedUpgradeAndItsBytesComeBackInOrder() throws Exception {
    try (TunnelSocket client = TunnelSocket.connect(port)) {
      client.send(TunnelSocket.upgrade("/node") + "EARLY\n");

      String head = client.head();
      assertThat(head).startsWith("HTTP/1.1 101 ").containsIgnoringCase("upgrade: echo")
          .contains("X-Forwarded-For-Seen: 127.0.0.1");
      // Holdfast holds the client's early bytes until the 101 and sends them after it: Node reads none with the head.
      assertThat(head).contains("X-Early-Bytes: 0");
      assertThat(client.read(5 + 6)).isEqualTo("node:EARLY\n");
      assertThat(client.echo("x".repeat(65_536))).hasSize(65_536);
      assertThat(client.echo("QUIT")).isEqualTo("QUIT");
      assertThat(client.closedWithin(3000)).isTrue();
    }
  }

  @Test
  void nodesRefusalIsRelayedToTheClient() throws Exception {
    try (TunnelSocket client = TunnelSocket.connect(port)) {
      String head = client.send("GET /node HTTP/1.1\r\nHost: test\r\nConnection: Upgrade\r\nUpgrade: other\r\n\r\n")
          .head();

      assertThat(head).startsWith("HTTP/1.1 426 ").containsIgnoringCase("content-length: 4");
      assertThat(client.read(4)).isEqualTo("nope");
      assertThat(client.send("GET /after HTTP/1.1\r\nHost: test\r\n\r\n").head()).startsWith("HTTP/1.1 200 ");
    }
  }

  private static boolean onPath(String command) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, command))) {
        return true;
      }
    }
    return false;
  }
}
