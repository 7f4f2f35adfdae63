package io.holdfast.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.net.NetSocket;
import java.time.Duration;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The framing cases of nginx's proxy_keepalive.t, against a byte-exact upstream. */
class FramingTest {

  private static final String OK = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";

  private final ProxyFixture f = new ProxyFixture();

  @AfterEach
  void close() throws Exception {
    f.close();
  }

  private void upstream(BiConsumer<String, NetSocket> script) throws Exception {
    f.rawUpstream(ScriptedUpstream.answering(script)).front(Upstreams.plan(f.upstreamPort, Upstreams.defaults()));
  }

  @Test
  void headAnd204And304ResponsesKeepTheConnection() throws Exception {
    upstream((head, socket) -> {
      String path = ScriptedUpstream.path(head);
      if (head.startsWith("HEAD")) {
        socket.write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n");
      } else if (path.equals("/204")) {
        socket.write("HTTP/1.1 204 No Content\r\n\r\n");
      } else if (path.equals("/304")) {
        socket.write("HTTP/1.1 304 Not Modified\r\nContent-Length: 100\r\n\r\n");
      } else {
        socket.write(OK);
      }
    });
    assertThat(ProxyFixture.await(Reply.send(f.client, HttpMethod.HEAD, "/")).headers().get("Content-Length"))
        .isEqualTo("100");
    assertThat(Reply.get(f.client, "/").body()).isEqualTo("ok");
    assertThat(Reply.get(f.client, "/204").status()).isEqualTo(204);
    assertThat(Reply.get(f.client, "/").body()).isEqualTo("ok");
    assertThat(Reply.get(f.client, "/304").status()).isEqualTo(304);
    assertThat(Reply.get(f.client, "/").body()).isEqualTo("ok");
    assertThat(f.upstreamConnections).hasValue(1);
  }

  @Test
  void chunkedBodyWithLateFinalCrlfIsReused() throws Exception {
    upstream((head, socket) -> {
      if (ScriptedUpstream.path(head).equals("/late")) {
        socket.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n");
        f.vertx.setTimer(100, t -> socket.write("\r\n"));
      } else {
        socket.write(OK);
      }
    });
    assertThat(Reply.get(f.client, "/late").body()).isEqualTo("hello");
    assertThat(Reply.get(f.client, "/").body()).isEqualTo("ok");
    assertThat(f.upstreamConnections).hasValue(1);
  }

  @Test
  void emptyChunkedBodyIsReused() throws Exception {
    upstream((head, socket) -> socket.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"));
    assertThat(Reply.get(f.client, "/").body()).isEmpty();
    assertThat(Reply.get(f.client, "/").body()).isEmpty();
    assertThat(f.upstreamConnections).hasValue(1);
  }

  @Test
  void upstreamConnectionCloseMeansNextRequestOnFreshConnection() throws Exception {
    upstream((head, socket) -> socket.write("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok"));
    Reply first = Reply.get(f.client, "/");
    assertThat(first.body()).isEqualTo("ok");
    assertThat(first.headers().get("Connection")).isNull();
    assertThat(Reply.get(f.client, "/").body()).isEqualTo("ok");
    assertThat(f.upstreamConnections).hasValue(2);
    assertThat(f.front.server().failures()).isZero();
  }

  @Test
  void bytesPastContentLengthNeverReachTheClient() throws Exception {
    upstream((head, socket) -> {
      if (ScriptedUpstream.path(head).equals("/extra")) {
        socket.write(OK + "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nevil");
      } else {
        socket.write(OK);
      }
    });
    assertThat(Reply.get(f.client, "/extra").body()).isEqualTo("ok");
    for (int i = 0; i < 3; i++) {
      assertThat(Reply.get(f.client, "/").body()).isEqualTo("ok");
    }
    assertThat(f.upstreamConnections).hasValue(2);
    assertThat(f.front.server().retried()).isZero();
  }

  @Test
  void bytesPastContentLengthArrivingLaterCloseTheIdleConnection() throws Exception {
    upstream((head, socket) -> {
      socket.write(OK);
      if (ScriptedUpstream.path(head).equals("/extra")) {
        f.vertx.setTimer(50, t -> socket.write("HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nevil"));
      }
    });
    assertThat(Reply.get(f.client, "/extra").body()).isEqualTo("ok");
    await().atMost(Duration.ofSeconds(2)).until(() -> f.upstreamOpen.get() == 0);
    assertThat(Reply.get(f.client, "/").body()).isEqualTo("ok");
    assertThat(f.upstreamConnections).hasValue(2);
  }

  @Test
  void bodyReadUntilCloseIsNotReused() throws Exception {
    upstream((head, socket) -> {
      if (ScriptedUpstream.path(head).equals("/eof")) {
        socket.write("HTTP/1.1 200 OK\r\n\r\nuntil-close");
        socket.end();
      } else {
        socket.write(OK);
      }
    });
    assertThat(Reply.get(f.client, "/eof").body()).isEqualTo("until-close");
    assertThat(Reply.get(f.client, "/").body()).isEqualTo("ok");
    assertThat(f.upstreamConnections).hasValue(2);
  }

  @Test
  void upstreamDyingMidLargeBodyClosesTheClientConnection() throws Exception {
    int promised = ResponseRelay.ONE_WRITE_MAX_BODY + 1;
    upstream((head, socket) -> {
      socket.write("HTTP/1.1 200 OK\r\nContent-Length: " + promised + "\r\n\r\nonly-ten!!");
      f.vertx.setTimer(50, t -> socket.close());
    });
    String reply = RawHttp.exchange(f.front.port(), "GET / HTTP/1.1\r\nHost: a\r\n\r\n");
    // RawHttp read to EOF without getting the promised bytes: the proxy closed the connection.
    assertThat(reply).startsWith("HTTP/1.1 200").endsWith("only-ten!!");
    assertThat(f.front.server().idle()).isZero();
  }

  @Test
  void upstreamDyingMidSmallBodyGives502BeforeAnythingWasSent() throws Exception {
    upstream((head, socket) -> {
      socket.write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly-ten!!");
      f.vertx.setTimer(50, t -> socket.close());
    });
    // A small body is read whole before the head goes out, so the client gets a clean answer.
    Reply reply = Reply.get(f.client, "/");
    assertThat(reply.status()).isEqualTo(502);
    assertThat(reply.body()).doesNotContain("only-ten");
  }

  @Test
  void truncatedChunkedBodyIsNeverTerminated() throws Exception {
    upstream((head, socket) -> {
      socket.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n");
      f.vertx.setTimer(50, t -> socket.close());
    });
    String reply = RawHttp.exchange(f.front.port(), "GET / HTTP/1.1\r\nHost: a\r\n\r\n");
    assertThat(reply).startsWith("HTTP/1.1 200").contains("hello").doesNotEndWith("0\r\n\r\n");
  }

  @Test
  void chunkedUpstreamBodyReachesHttp10ClientUntilClose() throws Exception {
    upstream((head, socket) -> socket.write(
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"));
    String reply = RawHttp.exchange(f.front.port(), "GET / HTTP/1.0\r\nHost: a\r\n\r\n");
    assertThat(RawHttp.head(reply)).startsWith("http/1.0 200").doesNotContain("transfer-encoding");
    assertThat(reply).endsWith("\r\n\r\nhello");
  }

  @Test
  void http10ResponseWithoutKeepAliveIsNotReused() throws Exception {
    upstream((head, socket) -> socket.write("HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok"));
    assertThat(Reply.get(f.client, "/").body()).isEqualTo("ok");
    assertThat(Reply.get(f.client, "/").body()).isEqualTo("ok");
    assertThat(f.upstreamConnections).hasValue(2);
  }

  @Test
  void responseBeforeRequestBodyWasSentIsNotReused() throws Exception {
    upstream((head, socket) -> socket.write(OK));
    try (java.net.Socket client = new java.net.Socket("127.0.0.1", f.front.port())) {
      client.setSoTimeout(5000);
      client.getOutputStream().write("PUT /early HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\nhalf-"
          .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
      assertThat(RawHttp.readReply(client.getInputStream())).endsWith("ok");
      client.getOutputStream().write("body!".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    }
    assertThat(Reply.get(f.client, "/").body()).isEqualTo("ok");
    assertThat(f.upstreamConnections).hasValue(2);
  }
}
