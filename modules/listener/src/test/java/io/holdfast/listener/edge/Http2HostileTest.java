package io.holdfast.listener.edge;

import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.Http2Headers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The h2→h1 downgrade rules desync scanners probe (RFC 9113 §8.1.1, §8.2, §8.3): each hostile request on
 * stream 1 is refused — RST_STREAM(PROTOCOL_ERROR) from Netty/Vert.x or an answer from Holdfast — nothing of
 * it reaches the upstream, and the connection goes on serving stream 3. Rows are documented in
 * docs/hostile-input.md.
 */
class Http2HostileTest {

  @RegisterExtension
  static final EdgeRig rig = new EdgeRig();

  @BeforeAll
  static void start() {
    rig.start(rig.config().set("listeners.main.http2", true).set("listeners.main.maxHeaderSize", 4096)
        .set("listeners.main.maxUriLength", 1024));
  }

  /** What the client got for stream 1: {@code RST:<code>} or {@code <status>}. */
  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("content-length above the DATA sent", get("POST").add("content-length", "5"), bytes(10), "RST:1"),
        // The request reached the exchange before its END_STREAM showed the shortfall: the stream error fails
        // the exchange, whose reset (CANCEL) goes out first. Either way the upstream never gets a whole request.
        Arguments.of("content-length below the DATA sent", get("POST").add("content-length", "10"), bytes(5), "RST:8"),
        Arguments.of("content-length on a request that ends with its HEADERS", get("POST").add("content-length", "10"), null, "RST:1"),
        Arguments.of("connection", get("GET").add("connection", "keep-alive"), null, "RST:1"),
        Arguments.of("transfer-encoding", get("POST").add("transfer-encoding", "chunked"), bytes(5), "RST:1"),
        Arguments.of("keep-alive", get("GET").add("keep-alive", "timeout=5"), null, "RST:1"),
        Arguments.of("proxy-connection", get("GET").add("proxy-connection", "keep-alive"), null, "RST:1"),
        Arguments.of("upgrade", get("GET").add("upgrade", "websocket"), null, "RST:1"),
        Arguments.of("te other than trailers", get("GET").add("te", "gzip"), null, "RST:1"),
        Arguments.of("CR LF in a header value", get("GET").add("x-a", "1\r\nGET /smuggled HTTP/1.1"), null, "RST:1"),
        Arguments.of("LF in a header value", get("GET").add("x-a", "1\nx-b: 2"), null, "RST:1"),
        Arguments.of("NUL in a header value", get("GET").add("x-a", "1\u00002"), null, "RST:1"),
        Arguments.of("leading space in a header value", get("GET").add("x-a", " 1"), null, "RST:1"),
        Arguments.of("uppercase header name", get("GET").add("X-Upper", "1"), null, "RST:1"),
        Arguments.of("space in a header name", get("GET").add("x a", "1"), null, "RST:1"),
        Arguments.of("colon in a header name", get("GET").add("x:a", "1"), null, "RST:1"),
        Arguments.of("CR LF in :path", path("/a HTTP/1.1\r\nHost: x\r\n\r\nGET /smuggled"), null, "RST:1"),
        Arguments.of("space in :path", path("/a b"), null, "RST:1"),
        Arguments.of("space in :method", new DefaultHttp2Headers(false).method("GET /smuggled HTTP/1.1\r\nX:")
            .path("/").scheme("http").authority("localhost"), null, "RST:1"),
        Arguments.of("no :path", new DefaultHttp2Headers(false).method("GET").scheme("http").authority("localhost"), null, "RST:1"),
        Arguments.of("no :scheme", new DefaultHttp2Headers(false).method("GET").path("/").authority("localhost"), null, "RST:1"),
        Arguments.of(":authority and host differ", get("GET").add("host", "elsewhere"), null, "RST:1"),
        // DefaultHttp2Headers always lists pseudo-headers first: the out-of-order :path is appended to the block.
        Arguments.of("pseudo-header after a regular one", new DefaultHttp2Headers(false).method("GET").scheme("http")
            .authority("localhost").add("x-a", "1"), null, "RST:1"),
        Arguments.of("unknown pseudo-header", get("GET").add(":foo", "1"), null, "RST:1"),
        Arguments.of("two :path", get("GET").add(":path", "/smuggled"), null, "RST:1"),
        Arguments.of("header list over maxHeaderSize", get("GET").add("x-big", "a".repeat(5000)), null, "431"),
        Arguments.of(":path over maxUriLength", path("/" + "a".repeat(2000)), null, "414"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void aHostileRequestIsRefusedOnItsStreamAndNeverReachesTheUpstream(String name, Http2Headers headers, byte[] body,
                                                                      String expected) throws Exception {
    int before = rig.seen.size();
    try (RawH2 client = RawH2.connect(rig.port())) {
      byte[] block = client.block(1, headers);
      if (name.startsWith("pseudo-header after")) {
        block = java.util.Arrays.copyOf(block, block.length + 1);
        block[block.length - 1] = (byte) 0x84; // :path "/", static table index 4
      }
      client.frame(RawH2.HEADERS, RawH2.END_HEADERS | (body == null ? RawH2.END_STREAM : 0), 1, block);
      boolean framing = name.startsWith("content-length");
      if (framing && body != null) {
        client.data(1, body, true);
      }
      RawH2.Frame answer = client.next();
      assertThat(answer).as("an answer to stream 1").isNotNull();
      String got = answer.type() == RawH2.RST_STREAM ? "RST:" + answer.errorCode() : answer.status();
      assertThat(answer.stream()).isEqualTo(1);
      assertThat(got).isEqualTo(expected);
      if (body != null && !framing) {
        // Refused before Netty opened the stream: DATA for it is a connection error (GOAWAY PROTOCOL_ERROR).
        client.data(1, body, true);
        assertThat(client.next(RawH2.GOAWAY).errorCode()).isEqualTo(1);
        assertThat(rig.seen.subList(before, rig.seen.size())).isEmpty();
        return;
      }

      client.headers(3, RawH2.request("GET", "/after"), true);
      RawH2.Frame next = client.next(RawH2.HEADERS);
      assertThat(next).as("the connection serves stream 3").isNotNull();
      assertThat(next.stream()).isEqualTo(3);
      assertThat(next.status()).isEqualTo("200");
    }
    assertThat(rig.seen.subList(before, rig.seen.size())).extracting(EdgeRig.Seen::uri).containsExactly("/after");
  }

  private static Http2Headers get(String method) {
    return RawH2.request(method, "/hostile");
  }

  private static Http2Headers path(String path) {
    return new DefaultHttp2Headers(false).method("GET").path(path).scheme("http").authority("localhost");
  }

  private static byte[] bytes(int n) {
    return new byte[n];
  }
}
