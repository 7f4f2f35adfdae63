package io.holdfast.proxy;

import static io.holdfast.proxy.ProxyFixture.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.holdfast.testkit.TestConfig;
import io.holdfast.upstream.UpstreamPlan;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.NetSocket;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FailureTest {

  private final ProxyFixture f = new ProxyFixture();

  @AfterEach
  void close() throws Exception {
    f.close();
  }

  @Test
  void refusedConnectGives502() throws Exception {
    int closedPort;
    try (ServerSocket probe = new ServerSocket(0)) {
      closedPort = probe.getLocalPort();
    }
    f.front(Upstreams.plan(closedPort, Upstreams.defaults()));
    Reply reply = Reply.get(f.client, "/");
    assertThat(reply.status()).isEqualTo(502);
    assertThat(reply.headers().get("Content-Length")).isEqualTo(String.valueOf(reply.body().length()));
    assertThat(f.front.server().failures()).isEqualTo(1);
  }

  @Test
  void silentUpstreamGives504AfterResponseTimeout() throws Exception {
    f.rawUpstream(socket -> { }).front(Upstreams.plan(f.upstreamPort, Upstreams.defaults(), Duration.ofMillis(300)));
    long start = System.nanoTime();
    Reply reply = Reply.get(f.client, "/");
    assertThat(reply.status()).isEqualTo(504);
    assertThat((System.nanoTime() - start) / 1_000_000).isBetween(250L, 2000L);
    await().atMost(Duration.ofSeconds(2)).until(() -> f.upstreamOpen.get() == 0);
  }

  @Test
  void everyServerAtMaxConnectionsGives503() throws Exception {
    f.httpUpstream(req -> f.vertx.setTimer(300, t -> req.response().end("slow")))
        .front(Upstreams.plan(f.upstreamPort, Upstreams.defaults(), Duration.ofSeconds(5), 1));
    HttpClient wide = f.client(new PoolOptions().setHttp1MaxSize(4));
    Future<Reply> first = Reply.send(wide, HttpMethod.GET, "/");
    await().atMost(Duration.ofSeconds(2)).until(() -> f.upstreamConnections.get() == 1);
    assertThat(await(Reply.send(wide, HttpMethod.GET, "/")).status()).isEqualTo(503);
    assertThat(await(first).body()).isEqualTo("slow");
  }

  @Test
  void idempotentRequestOnStaleReusedConnectionIsRetriedOnce() throws Exception {
    closingOnSecondRequest();
    assertThat(Reply.get(f.client, "/").body()).isEqualTo("ok");
    Reply retried = Reply.get(f.client, "/");
    assertThat(retried.status()).isEqualTo(200);
    assertThat(retried.body()).isEqualTo("ok");
    assertThat(f.upstreamConnections).hasValue(2);
    assertThat(f.front.server().retried()).isEqualTo(1);
  }

  @Test
  void aServerThatAlsoRefusesTheRetrysFreshConnectionLeavesTheRetryToAnotherServer() throws Exception {
    // Both servers take one connection and stop listening: the one hash picks answers the first request, then
    // closes that connection at the second (the stale-connection race) and refuses the retry's fresh one.
    int a = oneConnectionServer("a");
    int b = oneConnectionServer("b");
    f.front(UpstreamPlan.compile(TestConfig.proxying(a, b)
        .set("upstreams.app.balance", "hash").set("upstreams.app.hashKey", "$uri")
        .set("upstreams.app.keepalive", Upstreams.defaults()).snapshot(1)));
    String first = Reply.get(f.client, "/same").body();

    Reply retried = Reply.get(f.client, "/same");

    assertThat(retried.status()).isEqualTo(200);
    assertThat(retried.body()).isIn("a", "b").isNotEqualTo(first);
  }

  @Test
  void requestWithBodyOnStaleReusedConnectionGets502() throws Exception {
    closingOnSecondRequest();
    assertThat(Reply.get(f.client, "/").body()).isEqualTo("ok");
    Reply post = await(Reply.send(f.client, new RequestOptions().setMethod(HttpMethod.POST).setURI("/"),
        Buffer.buffer("payload")));
    assertThat(post.status()).isEqualTo(502);
    assertThat(f.front.server().retried()).isZero();
  }

  @Test
  void clientGoneMidRequestResetsTheUpstreamExchange() throws Exception {
    AtomicInteger arrived = new AtomicInteger();
    f.httpUpstream(req -> arrived.incrementAndGet()).front(Upstreams.plan(f.upstreamPort, Upstreams.defaults()));
    try (Socket socket = new Socket("127.0.0.1", f.front.port())) {
      socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      await().atMost(Duration.ofSeconds(2)).until(() -> arrived.get() == 1);
    }
    await().atMost(Duration.ofSeconds(2)).until(() -> f.upstreamOpen.get() == 0);
    await().atMost(Duration.ofSeconds(2)).until(() -> f.front.server().open() == 0);
    assertThat(f.front.server().failures()).isZero();
  }

  /** Each upstream connection answers its first request and closes, unanswered, at its second. */
  private void closingOnSecondRequest() throws Exception {
    Map<NetSocket, Integer> seen = new ConcurrentHashMap<>();
    f.rawUpstream(ScriptedUpstream.answering((head, socket) -> {
      if (seen.merge(socket, 1, Integer::sum) == 1) {
        socket.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
      } else {
        socket.close();
      }
    })).front(Upstreams.plan(f.upstreamPort, Upstreams.defaults()));
  }

  /**
   * A server on its own thread that accepts one connection and closes its listening socket: it answers the
   * first request with {@code name} and closes the connection, unanswered, at the second.
   */
  private static int oneConnectionServer(String name) throws Exception {
    ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    Thread thread = new Thread(() -> {
      try (Socket socket = listener.accept()) {
        listener.close();
        InputStream in = socket.getInputStream();
        readHead(in);
        socket.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Length: " + name.length() + "\r\n\r\n" + name)
            .getBytes(StandardCharsets.ISO_8859_1));
        readHead(in);
      } catch (IOException e) {
        // The proxy or the test went away: nothing left to serve.
      }
    }, "one-connection-" + name);
    thread.setDaemon(true);
    thread.start();
    return listener.getLocalPort();
  }

  private static void readHead(InputStream in) throws IOException {
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("closed before a whole head");
      }
      matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : (b == '\r' ? 1 : 0);
    }
  }
}
