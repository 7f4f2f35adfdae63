package io.holdfast.listener.tunnel;

import io.holdfast.bus.TunnelStats;
import org.junit.jupiter.api.AfterEach;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Tunnels across config changes: reloads leave them alone, a removed listener drains them like its requests. */
class TunnelLifecycleTest {

  private TunnelRig rig;

  @AfterEach
  void tearDown() {
    if (rig != null) {
      rig.close();
    }
  }

  @Test
  void aReloadThatReplacesTheUpstreamPoolDoesNotCutItsTunnel() throws Exception {
    rig = TunnelRig.start(c -> c);
    try (TunnelSocket client = TunnelSocket.connect(rig.port)) {
      client.send(TunnelSocket.upgrade("/raw/long")).head();
      client.read(TunnelRig.WELCOME.length());

      rig.reload(c -> c.set("upstreams.raw.keepalive.connections", 7).set("upstreams.raw.tunnelTimeout", "2h"));

      assertThat(client.echo("after reload\n")).isEqualTo("after reload\n");
      TunnelStats tunnels = rig.tunnels("raw");
      assertThat(tunnels.open()).isEqualTo(1);
      assertThat(tunnels.opened()).isEqualTo(1);
      assertThat(rig.listener().tunnels()).isEqualTo(1);
    }
    await().untilAsserted(() -> assertThat(rig.tunnels("raw").closedByClient()).isEqualTo(1));
  }

  @Test
  void aRemovedListenerDrainsItsTunnelsThenClosesThem() throws Exception {
    rig = TunnelRig.start(c -> c.set("shutdownTimeout", "800ms")
        .listener("side", 0, "raw"));
    int side = rig.verticle.boundPort("side");
    try (TunnelSocket client = TunnelSocket.connect(side)) {
      client.send(TunnelSocket.upgrade("/raw/drained")).head();
      client.read(TunnelRig.WELCOME.length());

      long removedAt = System.nanoTime();
      rig.reload(c -> c.remove("listeners.side"));

      assertThat(client.echo("still draining\n")).isEqualTo("still draining\n");
      assertThat(client.closedWithin(3000)).isTrue();
      assertThat((System.nanoTime() - removedAt) / 1_000_000).isBetween(600L, 2500L);
    }
    await().untilAsserted(() -> assertThat(rig.tunnels("raw").closedShutdown()).isEqualTo(1));
    assertThat(rig.tunnels("raw").open()).isZero();
  }

  @Test
  void aTunnelTheUpstreamEndsClosesTheClientSideAfterWhatWasSent() throws Exception {
    rig = TunnelRig.start(c -> c);
    try (TunnelSocket client = TunnelSocket.connect(rig.port)) {
      client.send(TunnelSocket.upgrade("/raw/bye")).head();
      client.read(TunnelRig.WELCOME.length());
      assertThat(client.echo("x")).isEqualTo("x");

      // The raw upstream closes after echoing "QUIT": the echo arrives before the close.
      assertThat(client.echo("QUIT")).isEqualTo("QUIT");
      assertThat(client.closedWithin(3000)).isTrue();
    }
    await().untilAsserted(() -> assertThat(rig.tunnels("raw").closedByUpstream()).isEqualTo(1));
    assertThat(rig.listener().closedByReason().get("upstream")).isEqualTo(1);
    assertThat(rig.listener().active()).isZero();
  }

  @Test
  void aTunnelIsInTheAccessLogOnceItClosesWithStatus101AndItsWholeLifetime(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("access.log");
    rig = TunnelRig.start(c -> c.set("accessLog", new JsonObject().put("path", file.toString()).put("format", "json")));
    try (TunnelSocket client = TunnelSocket.connect(rig.port)) {
      client.send(TunnelSocket.upgrade("/raw/logged")).head();
      client.read(TunnelRig.WELCOME.length());
      Thread.sleep(300);
      assertThat(Files.exists(file) ? Files.readAllLines(file) : List.of()).as("nothing before the close").isEmpty();
      assertThat(client.echo("x")).isEqualTo("x");
    }
    await().until(() -> Files.exists(file) && !Files.readAllLines(file).isEmpty());
    JsonObject line = new JsonObject(Files.readAllLines(file).get(0));
    assertThat(line.getInteger("status")).as(line.encode()).isEqualTo(101);
    assertThat(line.getString("upstream_name")).as(line.encode()).isEqualTo("raw");
    assertThat(line.getDouble("request_time")).as(line.encode()).isGreaterThanOrEqualTo(0.3);
  }
}
