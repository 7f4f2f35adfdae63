package io.holdfast.listener.edge;

import io.holdfast.bus.ListenerStats;
import io.holdfast.testkit.TestConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Client keepalive limits on HTTP/2, as nginx maps them: {@code keepalive.requests} counts streams and the N-th
 * ends the connection with a GOAWAY once it is served; {@code keepalive.timeout} closes a connection with no
 * stream open (GOAWAY first); {@code keepalive.time} ends an old connection after its current streams. Streams
 * go upstream over the keepalive pool; stub_status counts the connection once and each stream as a request.
 */
class Http2KeepaliveTest {

  private static final Duration HOUR = Duration.ofHours(1);

  @RegisterExtension
  final EdgeRig rig = new EdgeRig();

  private TestConfig h2c(Duration timeout, int requests, Duration time) {
    return rig.config().set("listeners.main.http2", true).clientKeepalive(timeout, requests, time);
  }

  private static RawH2.Frame get(RawH2 client, int stream, String path) throws Exception {
    client.headers(stream, RawH2.request("GET", path), true);
    RawH2.Frame head = client.next();
    assertThat(head.type()).as("response to stream " + stream).isEqualTo(RawH2.HEADERS);
    assertThat(head.stream()).isEqualTo(stream);
    return head;
  }

  @Test
  void theNthStreamIsServedThenAGoawayEndsTheConnection() throws Exception {
    rig.start(h2c(Duration.ofSeconds(75), 3, HOUR));
    try (RawH2 client = RawH2.connect(rig.port())) {
      get(client, 1, "/1");
      assertThat(client.next(RawH2.DATA).text()).isEqualTo("got 0");
      get(client, 3, "/2");
      client.next(RawH2.DATA);

      client.headers(5, RawH2.request("GET", "/3"), true);
      RawH2.Frame goAway = client.next(RawH2.GOAWAY);
      assertThat(goAway.lastStreamId()).isEqualTo(5);
      assertThat(goAway.errorCode()).isZero();
      client.headers(7, RawH2.request("GET", "/after-goaway"), true);
      RawH2.Frame third = client.next();
      assertThat(third.type()).isEqualTo(RawH2.HEADERS);
      assertThat(third.stream()).isEqualTo(5);
      assertThat(client.next(RawH2.DATA).text()).isEqualTo("got 0");
      assertThat(client.closes()).isTrue();
    }
    assertThat(rig.seen).extracting(EdgeRig.Seen::uri).containsExactly("/1", "/2", "/3");
    await().until(() -> rig.stats().closedByReason().get("requests-limit") == 1L);
    ListenerStats stats = rig.stats();
    assertThat(stats.accepted()).isEqualTo(1);
    assertThat(stats.requests()).isEqualTo(3);
  }

  @Test
  void anIdleConnectionGetsAGoawayAfterKeepaliveTimeoutWhateverPingsItSends() throws Exception {
    rig.start(h2c(Duration.ofMillis(400), 100, HOUR));
    try (RawH2 client = RawH2.connect(rig.port())) {
      get(client, 1, "/1");
      client.next(RawH2.DATA);
      long idleFrom = System.nanoTime();
      // Frames that are not requests keep no connection open, as in nginx.
      for (int i = 0; i < 3; i++) {
        Thread.sleep(100);
        client.frame(RawH2.PING, 0, 0, new byte[8]);
      }
      RawH2.Frame goAway = client.next(RawH2.GOAWAY);
      long idleMillis = (System.nanoTime() - idleFrom) / 1_000_000;

      assertThat(goAway).isNotNull();
      assertThat(goAway.errorCode()).isZero();
      assertThat(goAway.lastStreamId()).isEqualTo(1);
      assertThat(idleMillis).isBetween(400L, 1500L);
      assertThat(client.closes()).isTrue();
    }
    await().until(() -> rig.stats().closedByReason().get("idle-timeout") == 1L);
  }

  @Test
  void aConnectionOlderThanKeepaliveTimeEndsAfterItsStreamInProgress() throws Exception {
    rig.start(h2c(Duration.ofSeconds(75), 100, Duration.ofMillis(300)));
    try (RawH2 client = RawH2.connect(rig.port())) {
      get(client, 1, "/young");
      client.next(RawH2.DATA);
      Thread.sleep(400);
      client.headers(3, RawH2.request("GET", "/slow/200"), true);
      RawH2.Frame goAway = client.next(RawH2.GOAWAY);
      assertThat(goAway.lastStreamId()).isEqualTo(3);
      RawH2.Frame head = client.next();
      assertThat(head.stream()).isEqualTo(3);
      assertThat(head.status()).isEqualTo("200");
      assertThat(client.next(RawH2.DATA).text()).isEqualTo("slow 0");
      assertThat(client.closes()).isTrue();
    }
    await().until(() -> rig.stats().closedByReason().get("lifetime") == 1L);
  }

  @Test
  void streamsOfOneConnectionAreServedConcurrentlyAndReuseIdleUpstreamConnections() throws Exception {
    rig.start(h2c(Duration.ofSeconds(75), 1000, HOUR));
    try (RawH2 client = RawH2.connect(rig.port())) {
      // Ten streams at once, each held 150 ms upstream: served side by side, not one after another.
      long start = System.nanoTime();
      for (int stream = 1; stream <= 19; stream += 2) {
        client.headers(stream, RawH2.request("GET", "/slow/150"), true);
      }
      int ended = 0;
      while (ended < 10) {
        RawH2.Frame frame = client.next();
        if (frame.type() == RawH2.DATA && frame.endStream()) {
          ended++;
        }
      }
      assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(1200);
      await().until(() -> rig.stats().writing() == 0);
      int afterBurst = rig.upstreamConnections.get();

      for (int stream = 21; stream < 21 + 2 * 20; stream += 2) {
        get(client, stream, "/seq");
        client.next(RawH2.DATA);
      }
      // Twenty streams one after another ride the connections the burst left idle: none opened.
      assertThat(rig.upstreamConnections.get()).isEqualTo(afterBurst);
      ListenerStats stats = rig.stats();
      assertThat(stats.active()).isEqualTo(1);
      assertThat(stats.waiting()).isEqualTo(1);
      assertThat(stats.requests()).isEqualTo(30);
      assertThat(stats.edge().http2Connections()).isEqualTo(1);
      assertThat(stats.edge().http2Streams()).isEqualTo(30);
      assertThat(stats.edge().tlsConnections()).isZero();
    }
    assertThat(rig.pool().reused()).isGreaterThanOrEqualTo(20);
  }
}
