package io.holdfast.listener.tunnel;

import io.holdfast.bus.TunnelStats;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Any HTTP/1.1 Upgrade, not only WebSocket, over raw sockets on both sides: what is on the wire is what is asserted. */
class RawUpgradeTest {

  private TunnelRig rig;

  @AfterEach
  void tearDown() {
    if (rig != null) {
      rig.close();
    }
  }

  @Test
  void customUpgradeIsPassedThroughWithItsHeadersAndBytesFlowBothWays() throws Exception {
    rig = TunnelRig.start(c -> c);
    try (TunnelSocket client = TunnelSocket.connect(rig.port)) {
      String head = client.send(TunnelSocket.upgrade("/raw/chat", "X-Trace: 7")).head();

      assertThat(head).startsWith("HTTP/1.1 101 ").containsIgnoringCase("\r\nconnection: upgrade")
          .containsIgnoringCase("\r\nupgrade: echo").contains("\r\nX-Echo: yes");
      assertThat(client.read(TunnelRig.WELCOME.length())).isEqualTo(TunnelRig.WELCOME);
      assertThat(client.echo("ping\n")).isEqualTo("ping\n");
      assertThat(client.echo("x".repeat(100_000))).hasSize(100_000);
    }
    String upstreamHead = rig.rawHeads.get(0).toLowerCase();
    assertThat(upstreamHead).startsWith("get /raw/chat http/1.1").contains("\r\nconnection: upgrade")
        .contains("\r\nupgrade: echo").contains("\r\nx-trace: 7").contains("\r\nx-forwarded-for: 127.0.0.1");
    await().untilAsserted(() -> {
      TunnelStats tunnels = rig.tunnels("raw");
      assertThat(tunnels.opened()).isEqualTo(1);
      assertThat(tunnels.open()).isZero();
      assertThat(tunnels.closedByClient()).isEqualTo(1);
      assertThat(tunnels.bytesToUpstream()).isEqualTo(5 + 100_000);
      assertThat(tunnels.bytesToClient()).isEqualTo(TunnelRig.WELCOME.length() + 5 + 100_000);
    });
  }

  @Test
  void bytesTheClientSendsBeforeThe101AreNotLost() throws Exception {
    rig = TunnelRig.start(c -> c);
    try (TunnelSocket client = TunnelSocket.connect(rig.port)) {
      // The request and the first bytes of the new protocol in one write, long before any answer.
      client.send(TunnelSocket.upgrade("/raw/early") + "EARLY\n");

      assertThat(client.head()).startsWith("HTTP/1.1 101 ");
      assertThat(client.read(TunnelRig.WELCOME.length() + 6)).isEqualTo(TunnelRig.WELCOME + "EARLY\n");
      assertThat(client.echo("then\n")).isEqualTo("then\n");
    }
  }

  @Test
  void aRefusedUpgradeIsRelayedAndTheClientConnectionGoesOn() throws Exception {
    rig = TunnelRig.start(c -> c);
    try (TunnelSocket client = TunnelSocket.connect(rig.port)) {
      String refused = client.send("GET /raw/plain HTTP/1.1\r\nHost: test\r\nConnection: Upgrade\r\n"
          + "Upgrade: other\r\n\r\n").head();
      assertThat(refused).startsWith("HTTP/1.1 200 ").doesNotContainIgnoringCase("connection: close");
      assertThat(client.read(5)).isEqualTo("plain");

      String next = client.send("GET /raw/next HTTP/1.1\r\nHost: test\r\n\r\n").head();
      assertThat(next).startsWith("HTTP/1.1 200 ");
      assertThat(client.read(5)).isEqualTo("plain");
    }
    // Not the upstream connection: Vert.x 5.0.10 leaves it mid-request after a refused connect() (docs/reliability.md).
    assertThat(rig.rawConnections.get()).isEqualTo(2);
    assertThat(rig.server("raw").failures()).isZero();
    assertThat(rig.tunnels("raw").opened()).isZero();
  }

  @Test
  void aRefusedUpgradeAfterWhichTheClientAlreadySentMoreClosesTheClientConnection() throws Exception {
    rig = TunnelRig.start(c -> c);
    try (TunnelSocket client = TunnelSocket.connect(rig.port)) {
      client.send("GET /raw/plain HTTP/1.1\r\nHost: test\r\nConnection: Upgrade\r\nUpgrade: other\r\n\r\n"
          + "GET /raw/smuggled HTTP/1.1\r\nHost: test\r\n\r\n");

      assertThat(client.head()).startsWith("HTTP/1.1 200 ");
      assertThat(client.read(5)).isEqualTo("plain");
      assertThat(client.closedWithin(2000)).isTrue();
    }
    assertThat(rig.rawHeads).noneMatch(head -> head.contains("smuggled"));
  }

  @Test
  void a101ToARequestThatAskedForNoUpgradeIsA502() throws Exception {
    rig = TunnelRig.start(c -> c);
    try (TunnelSocket client = TunnelSocket.connect(rig.port)) {
      assertThat(client.send("GET /raw/101 HTTP/1.1\r\nHost: test\r\n\r\n").head()).startsWith("HTTP/1.1 502 ");
    }
    assertThat(rig.server("raw").failures()).isEqualTo(1);
    assertThat(rig.tunnels("raw").opened()).isZero();
  }

  @Test
  void anUpgradeOnTheLastRequestAKeepaliveLimitAllowsStillSwitches() throws Exception {
    rig = TunnelRig.start(c -> c.set("listeners.main.keepalive.requests", 1));
    try (TunnelSocket client = TunnelSocket.connect(rig.port)) {
      String head = client.send(TunnelSocket.upgrade("/raw/last")).head();

      assertThat(head).startsWith("HTTP/1.1 101 ").doesNotContainIgnoringCase("close");
      assertThat(client.read(TunnelRig.WELCOME.length())).isEqualTo(TunnelRig.WELCOME);
      assertThat(client.echo("still here\n")).isEqualTo("still here\n");
    }
  }

  @Test
  void anUpgradeRequestBodyIsFramedByItsLengthBeforeAnyTunnelByte() throws Exception {
    rig = TunnelRig.start(c -> c);
    try (TunnelSocket client = TunnelSocket.connect(rig.port)) {
      client.send(TunnelSocket.upgrade("/raw/body", "Content-Length: 5") + "HELLO" + "EARLY\n");

      assertThat(client.head()).startsWith("HTTP/1.1 101 ");
      assertThat(client.read(TunnelRig.WELCOME.length() + 6)).isEqualTo(TunnelRig.WELCOME + "EARLY\n");
    }
    assertThat(rig.rawHeads.get(0)).containsIgnoringCase("content-length: 5");
    assertThat(rig.rawBodies.get(0).toString()).isEqualTo("HELLO");
  }

  @Test
  void aChunkedUpgradeRequestGoesUpstreamAsAnOrdinaryRequest() throws Exception {
    rig = TunnelRig.start(c -> c);
    try (TunnelSocket client = TunnelSocket.connect(rig.port)) {
      client.send(TunnelSocket.upgrade("/raw/chunked", "Transfer-Encoding: chunked") + "5\r\nHELLO\r\n0\r\n\r\n");

      assertThat(client.head()).startsWith("HTTP/1.1 200 ");
      assertThat(client.read(5)).isEqualTo("plain");
    }
    assertThat(rig.rawHeads.get(0).toLowerCase()).doesNotContain("upgrade").contains("transfer-encoding: chunked");
  }

  @Test
  void tunnelTimeoutClosesATunnelIdleBothWaysAndTrafficEitherWayKeepsItOpen() throws Exception {
    rig = TunnelRig.start(c -> c.set("upstreams.raw.tunnelTimeout", "600ms"));
    try (TunnelSocket client = TunnelSocket.connect(rig.port)) {
      client.send(TunnelSocket.upgrade("/raw/idle")).head();
      client.read(TunnelRig.WELCOME.length());
      for (int i = 0; i < 6; i++) {
        Thread.sleep(250);
        assertThat(client.echo("tick")).isEqualTo("tick");
      }

      long idleFrom = System.nanoTime();
      assertThat(client.closedWithin(3000)).isTrue();
      assertThat((System.nanoTime() - idleFrom) / 1_000_000).isBetween(400L, 2500L);
    }
    await().untilAsserted(() -> assertThat(rig.tunnels("raw").closedIdle()).isEqualTo(1));
    assertThat(rig.listener().closedByReason().get("idle-timeout")).isEqualTo(1);
  }
}
