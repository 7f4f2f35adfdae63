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
}
