package io.holdfast.proxy;

import static io.holdfast.proxy.ProxyFixture.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.holdfast.bus.ServerStats;
import io.vertx.core.Future;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PoolReuseTest {

  private final ProxyFixture f = new ProxyFixture();

  @AfterEach
  void close() throws Exception {
    f.close();
  }

  @Test
  void hundredSequentialRequestsOpenOneUpstreamConnection() throws Exception {
    f.httpUpstream(req -> req.response().end("ok")).front(Upstreams.plan(f.upstreamPort, Upstreams.defaults()));
    for (int i = 0; i < 100; i++) {
      assertThat(Reply.get(f.client, "/" + i).body()).isEqualTo("ok");
    }
    assertThat(f.upstreamConnections).hasValue(1);
    ServerStats stats = f.front.server();
    assertThat(stats.opened()).isEqualTo(1);
    assertThat(stats.requests()).isEqualTo(100);
    assertThat(stats.reused()).isEqualTo(99);
    assertThat(stats.idle()).isEqualTo(1);
  }

  @Test
  void idleCapLimitsIdleConnectionsNotConcurrentOnes() throws Exception {
    slowUpstream().front(Upstreams.plan(f.upstreamPort,
        Upstreams.keepalive(2, Duration.ofSeconds(60), 1000, Duration.ZERO)));
    tenConcurrentRequests();
    assertThat(f.upstreamConnections).hasValue(10);
    await().atMost(Duration.ofSeconds(2)).until(() -> f.upstreamOpen.get() == 2);
    ServerStats stats = f.front.server();
    assertThat(stats.idle()).isEqualTo(2);
    assertThat(stats.open()).isEqualTo(2);
    assertThat(stats.closed()).isEqualTo(8);
  }

  @Test
  void surplusIdleConnectionsCloseAfterLinger() throws Exception {
    slowUpstream().front(Upstreams.plan(f.upstreamPort,
        Upstreams.keepalive(2, Duration.ofSeconds(60), 1000, Duration.ofSeconds(1))));
    long done = tenConcurrentRequests();
    assertThat(f.front.server().lingering()).isEqualTo(8);
    await().pollDelay(Duration.ofMillis(500)).atMost(Duration.ofMillis(600))
        .untilAsserted(() -> assertThat(f.upstreamOpen).hasValue(10));
    await().atMost(Duration.ofSeconds(3)).until(() -> f.upstreamOpen.get() == 2);
    long lingered = (System.nanoTime() - done) / 1_000_000;
    assertThat(lingered).isBetween(900L, 2500L);
    assertThat(f.front.server().idle()).isEqualTo(2);
  }

  @Test
  void zeroConnectionsMeansOneConnectionPerRequestWithConnectionClose() throws Exception {
    List<String> connectionHeaders = new CopyOnWriteArrayList<>();
    f.httpUpstream(req -> {
      connectionHeaders.add(String.valueOf(req.getHeader("Connection")));
      req.response().end("ok");
    }).front(Upstreams.plan(f.upstreamPort, Upstreams.keepalive(0, Duration.ofSeconds(60), 1000, Duration.ZERO)));
    for (int i = 0; i < 5; i++) {
      assertThat(Reply.get(f.client, "/").body()).isEqualTo("ok");
    }
    assertThat(f.upstreamConnections).hasValue(5);
    assertThat(connectionHeaders).containsOnly("close").hasSize(5);
    await().atMost(Duration.ofSeconds(2)).until(() -> f.upstreamOpen.get() == 0);
    assertThat(f.front.server().idle()).isZero();
  }

  @Test
  void connectionRetiredAfterKeepaliveRequests() throws Exception {
    List<String> connectionHeaders = new CopyOnWriteArrayList<>();
    f.httpUpstream(req -> {
      connectionHeaders.add(String.valueOf(req.getHeader("Connection")));
      req.response().end("ok");
    }).front(Upstreams.plan(f.upstreamPort, Upstreams.keepalive(8, Duration.ofSeconds(60), 3, Duration.ZERO)));
    for (int i = 0; i < 9; i++) {
      Reply.get(f.client, "/");
    }
    assertThat(f.upstreamConnections).hasValue(3);
    assertThat(connectionHeaders).containsExactly("null", "null", "close", "null", "null", "close",
        "null", "null", "close");
  }

  @Test
  void idleConnectionClosedAfterKeepaliveTimeout() throws Exception {
    f.httpUpstream(req -> req.response().end("ok"))
        .front(Upstreams.plan(f.upstreamPort, Upstreams.keepalive(8, Duration.ofMillis(300), 1000, Duration.ZERO)));
    Reply.get(f.client, "/");
    assertThat(f.upstreamOpen).hasValue(1);
    await().atMost(Duration.ofMillis(1500)).until(() -> f.upstreamOpen.get() == 0);
    Reply.get(f.client, "/");
    assertThat(f.upstreamConnections).hasValue(2);
  }

  @Test
  void upstreamKeepAliveTimeoutRetiresConnectionBeforeItExpires() throws Exception {
    f.httpUpstream(req -> req.response().putHeader("Keep-Alive", "timeout=1").end("ok"))
        .front(Upstreams.plan(f.upstreamPort, Upstreams.defaults()));
    Reply reply = Reply.get(f.client, "/");
    long released = System.nanoTime();
    assertThat(reply.headers().contains("Keep-Alive")).isFalse();
    await().atMost(Duration.ofSeconds(2)).until(() -> f.upstreamOpen.get() == 0);
    assertThat((System.nanoTime() - released) / 1_000_000).isLessThan(1000);
  }

  @Test
  void changedUpstreamClosesItsConnectionWhenTheInFlightRequestEnds() throws Exception {
    slowUpstream().front(Upstreams.plan(f.upstreamPort, Upstreams.defaults()));
    Future<Reply> inFlight = Reply.send(f.client, HttpMethod.GET, "/");
    await().atMost(Duration.ofSeconds(2)).until(() -> f.upstreamConnections.get() == 1);
    f.front.update(Upstreams.plan(f.upstreamPort, Upstreams.keepalive(4, Duration.ofSeconds(30), 1000, Duration.ZERO)));
    assertThat(await(inFlight).body()).isEqualTo("slow");
    await().atMost(Duration.ofSeconds(2)).until(() -> f.upstreamOpen.get() == 0);
    await().atMost(Duration.ofSeconds(2)).until(() -> f.front.stats().size() == 1);
    assertThat(Reply.get(f.client, "/").body()).isEqualTo("slow");
    assertThat(f.upstreamConnections).hasValue(2);
  }

  private ProxyFixture slowUpstream() throws Exception {
    return f.httpUpstream(req -> f.vertx.setTimer(300, t -> req.response().end("slow")));
  }

  /** Returns System.nanoTime() when all ten responses were in. */
  private long tenConcurrentRequests() throws Exception {
    HttpClient wide = f.client(new PoolOptions().setHttp1MaxSize(20));
    List<Future<Reply>> replies = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      replies.add(Reply.send(wide, HttpMethod.GET, "/"));
    }
    await(Future.all(replies));
    long done = System.nanoTime();
    for (Future<Reply> reply : replies) {
      assertThat(reply.result().body()).isEqualTo("slow");
    }
    return done;
  }
}
