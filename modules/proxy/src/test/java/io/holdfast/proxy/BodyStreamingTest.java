package io.holdfast.proxy;

import static io.holdfast.proxy.ProxyFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BodyStreamingTest {

  private static final int SIZE = 8 * 1024 * 1024;
  private final ProxyFixture f = new ProxyFixture();
  private final AtomicReference<String> upstreamFraming = new AtomicReference<>();
  private Buffer payload;

  @BeforeEach
  void start() throws Exception {
    byte[] bytes = new byte[SIZE];
    new Random(42).nextBytes(bytes);
    payload = Buffer.buffer(bytes);
    // Echoes the body back with the framing it came with.
    f.httpUpstream(req -> {
      String length = req.getHeader("Content-Length");
      upstreamFraming.set(length != null ? "length " + length : "te " + req.getHeader("Transfer-Encoding"));
      if (length != null) {
        req.response().putHeader("Content-Length", length);
      } else {
        req.response().setChunked(true);
      }
      req.pipeTo(req.response());
    }).front(Upstreams.plan(f.upstreamPort, Upstreams.defaults()));
  }

  @AfterEach
  void close() throws Exception {
    f.close();
  }

  @Test
  void eightMebibyteBodiesStreamIntactBothWays() throws Exception {
    Reply reply = await(Reply.send(f.client, new RequestOptions().setMethod(HttpMethod.POST).setURI("/echo"),
        payload));
    assertThat(upstreamFraming.get()).isEqualTo("length " + SIZE);
    assertThat(reply.headers().get("Content-Length")).isEqualTo(String.valueOf(SIZE));
    assertThat(sha(reply.raw()))
        .isEqualTo(sha(payload));
  }

  @Test
  void chunkedRequestBodyStaysChunked() throws Exception {
    Buffer echoed = f.onClient(() -> f.client.request(HttpMethod.PUT, "/echo").compose(request -> {
      request.setChunked(true);
      for (int offset = 0; offset < SIZE; offset += 64 * 1024) {
        request.write(payload.getBuffer(offset, offset + 64 * 1024));
      }
      request.end();
      return request.response().compose(HttpClientResponse::body);
    }));
    assertThat(upstreamFraming.get()).isEqualTo("te chunked");
    assertThat(sha(echoed)).isEqualTo(sha(payload));
  }

  private static String sha(Buffer buffer) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(buffer.getBytes()));
  }

  @Test
  void chunkedWinsOverContentLengthSoFramingCannotDesync() throws Exception {
    String reply = RawHttp.exchange(f.front.port(), "POST /echo HTTP/1.1\r\nHost: a\r\nConnection: close\r\n"
        + "Content-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n");
    // Netty drops the Content-Length of a chunked request (RFC 9112 §6.3), so upstream framing matches.
    assertThat(upstreamFraming.get()).isEqualTo("te chunked");
    assertThat(reply).startsWith("HTTP/1.1 200").endsWith("5\r\nhello\r\n0\r\n\r\n");
  }
}
