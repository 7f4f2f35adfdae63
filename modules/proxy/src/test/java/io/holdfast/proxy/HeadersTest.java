package io.holdfast.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HeadersTest {

  private final ProxyFixture f = new ProxyFixture();
  private final AtomicReference<MultiMap> seen = new AtomicReference<>();
  private final AtomicReference<String> seenHost = new AtomicReference<>();

  @BeforeEach
  void start() throws Exception {
    f.httpUpstream(req -> {
      seen.set(MultiMap.caseInsensitiveMultiMap().addAll(req.headers()));
      seenHost.set(req.authority() == null ? null : req.authority().toString());
      req.response()
          .putHeader("Connection", "X-Hop-Out")
          .putHeader("X-Hop-Out", "secret")
          .putHeader("Keep-Alive", "timeout=50")
          .putHeader("Proxy-Connection", "keep-alive")
          .putHeader("Trailer", "X-Checksum")
          .putHeader("Upgrade", "h2c")
          .putHeader("X-End-To-End", "kept")
          .end("ok");
    }).front(Upstreams.plan(f.upstreamPort, Upstreams.defaults()));
  }

  @AfterEach
  void close() throws Exception {
    f.close();
  }

  @Test
  void hopByHopRequestHeadersAreNotForwarded() throws Exception {
    String reply = RawHttp.exchange(f.front.port(), "GET /h HTTP/1.1\r\nHost: example.test\r\n"
        + "Connection: close, X-Hop-In\r\nX-Hop-In: secret\r\nKeep-Alive: timeout=5\r\n"
        + "Proxy-Connection: keep-alive\r\nTE: trailers\r\nTrailer: X-Checksum\r\nUpgrade: websocket\r\n"
        + "X-End-To-End: kept\r\n\r\n");
    assertThat(reply).startsWith("HTTP/1.1 200").endsWith("ok");
    MultiMap headers = seen.get();
    for (String hop : new String[] {"X-Hop-In", "Keep-Alive", "Proxy-Connection", "TE", "Trailer", "Upgrade",
        "Transfer-Encoding"}) {
      assertThat(headers.contains(hop)).as(hop).isFalse();
    }
    assertThat(headers.get("Connection")).isNull();
    assertThat(headers.get("X-End-To-End")).isEqualTo("kept");
  }

  @Test
  void hopByHopResponseHeadersAreNotReturned() throws Exception {
    String head = RawHttp.head(RawHttp.exchange(f.front.port(),
        "GET / HTTP/1.1\r\nHost: example.test\r\nConnection: close\r\n\r\n"));
    assertThat(head).doesNotContain("x-hop-out", "keep-alive", "proxy-connection", "trailer", "upgrade");
    assertThat(head).contains("x-end-to-end: kept", "date: ");
  }

  @Test
  void forwardedHeadersAndViaAreAddedAndHostKept() throws Exception {
    RawHttp.exchange(f.front.port(), "GET / HTTP/1.1\r\nHost: example.test:8080\r\nConnection: close\r\n"
        + "X-Forwarded-For: 203.0.113.7\r\nVia: 1.0 edge\r\n\r\n");
    MultiMap headers = seen.get();
    assertThat(headers.get("X-Forwarded-For")).isEqualTo("203.0.113.7, 127.0.0.1");
    assertThat(headers.get("X-Forwarded-Proto")).isEqualTo("http");
    assertThat(headers.get("X-Forwarded-Host")).isEqualTo("example.test:8080");
    assertThat(headers.get("Via")).isEqualTo("1.0 edge, 1.1 holdfast");
    assertThat(seenHost.get()).isEqualTo("example.test:8080");
  }

  @Test
  void proxyAuthorizationIsForwardedLikeNginx() throws Exception {
    RawHttp.exchange(f.front.port(), "GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n"
        + "Proxy-Authorization: Basic dXNlcjpwdw==\r\n\r\n");
    assertThat(seen.get().get("Proxy-Authorization")).isEqualTo("Basic dXNlcjpwdw==");
  }

  @Test
  void expectContinueIsAnsweredByTheProxyAndNotForwarded() throws Exception {
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", f.front.port())) {
      socket.setSoTimeout(5000);
      socket.getOutputStream().write(("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n"
          + "Expect: 100-continue\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
      String interim = new String(socket.getInputStream().readNBytes(25), java.nio.charset.StandardCharsets.ISO_8859_1);
      assertThat(interim).isEqualTo("HTTP/1.1 100 Continue\r\n\r\n");
      socket.getOutputStream().write("hello".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
      assertThat(RawHttp.readReply(socket.getInputStream())).startsWith("HTTP/1.1 200").endsWith("ok");
    }
    assertThat(seen.get().contains("Expect")).isFalse();
  }

  @Test
  void hostOverrideReplacesHostButXForwardedHostKeepsTheClients() throws Exception {
    try (ProxyFixture other = new ProxyFixture()) {
      AtomicReference<String> host = new AtomicReference<>();
      AtomicReference<String> forwardedHost = new AtomicReference<>();
      other.httpUpstream(req -> {
        host.set(req.getHeader("Host"));
        forwardedHost.set(req.getHeader("X-Forwarded-Host"));
        req.response().end("ok");
      }).front(Upstreams.plan(other.upstreamPort, Upstreams.defaults()), "backend.internal:8443");
      RawHttp.exchange(other.front.port(), "GET / HTTP/1.1\r\nHost: public.test\r\nConnection: close\r\n\r\n");
      assertThat(host.get()).isEqualTo("backend.internal:8443");
      assertThat(forwardedHost.get()).isEqualTo("public.test");
    }
  }
}
