package io.holdfast.proxy;

import io.holdfast.config.CompressionConfig;
import io.holdfast.config.ContentCoding;
import io.holdfast.proxy.compression.Decoding;
import io.holdfast.proxy.compression.ResponseCompression;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Response compression through the real relay: a real upstream, a JDK HttpClient that asks for a coding
 * and decodes the body itself (java.util.zip for gzip, brotli4j for br).
 */
class CompressionTest {

  private static final CompressionConfig ON = new CompressionConfig(true, CompressionConfig.DEFAULT_TYPES, 1024,
      List.of(ContentCoding.BR, ContentCoding.GZIP));

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final CompressingUpstream upstream = new CompressingUpstream();
  private ProxyFixture fixture;

  @BeforeEach
  void start() throws Exception {
    fixture = new ProxyFixture().httpUpstream(upstream);
    fixture.front(Upstreams.plan(fixture.upstreamPort, Upstreams.defaults()));
    fixture.front.compression(ResponseCompression.of(ON));
  }

  @AfterEach
  void stop() throws Exception {
    fixture.close();
  }

  private HttpResponse<byte[]> send(String method, String uri, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + fixture.front.port() + uri))
        .timeout(Duration.ofSeconds(10)).method(method, HttpRequest.BodyPublishers.noBody());
    if (headers.length > 0) {
      request.headers(headers);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private HttpResponse<byte[]> get(String uri, String acceptEncoding) throws Exception {
    return send("GET", uri, "Accept-Encoding", acceptEncoding);
  }

  private static String header(HttpResponse<?> response, String name) {
    return response.headers().firstValue(name).orElse(null);
  }

  @Test
  void gzipBodyDecodesToTheUpstreamBytesAndCarriesItsCompressedLength() throws Exception {
    HttpResponse<byte[]> response = get("/a?size=10000", "gzip");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(header(response, "content-encoding")).isEqualTo("gzip");
    assertThat(header(response, "vary")).isEqualTo("Accept-Encoding");
    assertThat(header(response, "content-length")).isEqualTo(String.valueOf(response.body().length));
    assertThat(header(response, "accept-ranges")).isNull();
    assertThat(response.body().length).isLessThan(10000 / 3);
    assertThat(Decoding.gunzip(response.body())).isEqualTo(CompressingUpstream.body(10000));
  }

  @Test
  void brBodyDecodesToTheUpstreamBytes() throws Exception {
    HttpResponse<byte[]> response = get("/a?size=10000", "br");

    assertThat(header(response, "content-encoding")).isEqualTo("br");
    assertThat(Decoding.unbrotli(response.body())).isEqualTo(CompressingUpstream.body(10000));
  }

  @Test
  void theConfiguredOrderBreaksTiesAndQValuesDecide() throws Exception {
    assertThat(header(get("/a?size=5000", "gzip, deflate, br"), "content-encoding")).isEqualTo("br");
    assertThat(header(get("/a?size=5000", "br;q=0, gzip"), "content-encoding")).isEqualTo("gzip");
    assertThat(header(get("/a?size=5000", "br;q=0.5, gzip;q=0.8"), "content-encoding")).isEqualTo("gzip");
    assertThat(header(get("/a?size=5000", "identity"), "content-encoding")).isNull();

    fixture.front.compression(ResponseCompression.of(new CompressionConfig(true, CompressionConfig.DEFAULT_TYPES, 1024,
        List.of(ContentCoding.GZIP, ContentCoding.BR))));
    HttpResponse<byte[]> gzipFirst = get("/a?size=5000", "gzip, deflate, br");
    assertThat(header(gzipFirst, "content-encoding")).isEqualTo("gzip");
    assertThat(Decoding.gunzip(gzipFirst.body())).isEqualTo(CompressingUpstream.body(5000));
  }

  @Test
  void aTypeNotListedIsNotCompressedNorVaried() throws Exception {
    HttpResponse<byte[]> response = get("/a?size=10000&type=image/png", "gzip, br");

    assertThat(header(response, "content-encoding")).isNull();
    assertThat(header(response, "vary")).isNull();
    assertThat(response.body()).isEqualTo(CompressingUpstream.body(10000));
  }

  @Test
  void aWildcardTypeMatchesWithParameters() throws Exception {
    HttpResponse<byte[]> response = get("/a?size=10000&type=Text/HTML;%20charset=utf-8", "gzip");

    assertThat(header(response, "content-encoding")).isEqualTo("gzip");
    assertThat(Decoding.gunzip(response.body())).isEqualTo(CompressingUpstream.body(10000));
  }

  @Test
  void belowMinLengthIsNotCompressedButVaried() throws Exception {
    HttpResponse<byte[]> response = get("/a?size=1023", "gzip, br");

    assertThat(header(response, "content-encoding")).isNull();
    assertThat(header(response, "vary")).isEqualTo("Accept-Encoding");
    assertThat(header(response, "content-length")).isEqualTo("1023");
    assertThat(response.body()).isEqualTo(CompressingUpstream.body(1023));
    assertThat(header(get("/a?size=1024", "gzip"), "content-encoding")).isEqualTo("gzip");
  }

  @Test
  void aBodyTheUpstreamCompressedPassesThroughUntouched() throws Exception {
    byte[] upstreamBytes = CompressingUpstream.gzip(CompressingUpstream.body(10000));

    HttpResponse<byte[]> response = get("/a?size=10000&gzip=1", "br, gzip");

    assertThat(header(response, "content-encoding")).isEqualTo("gzip");
    assertThat(header(response, "vary")).isNull();
    assertThat(header(response, "content-length")).isEqualTo(String.valueOf(upstreamBytes.length));
    assertThat(response.body()).isEqualTo(upstreamBytes);
  }

  @Test
  void aRangeRequestIsNeverCompressed() throws Exception {
    HttpResponse<byte[]> partial = send("GET", "/a?size=10000", "Accept-Encoding", "gzip", "Range", "bytes=0-9");

    assertThat(partial.statusCode()).isEqualTo(206);
    assertThat(header(partial, "content-encoding")).isNull();
    assertThat(partial.body()).isEqualTo(java.util.Arrays.copyOf(CompressingUpstream.body(10000), 10));

    HttpResponse<byte[]> whole = send("GET", "/a?size=10000&ignoreRange=1", "Accept-Encoding", "gzip", "Range", "bytes=0-9");
    assertThat(whole.statusCode()).isEqualTo(200);
    assertThat(header(whole, "content-encoding")).isNull();
    assertThat(header(whole, "accept-ranges")).isEqualTo("bytes");
    assertThat(whole.body()).isEqualTo(CompressingUpstream.body(10000));
  }

  @Test
  void headGetsTheUpstreamHeadersOnlyWithVary() throws Exception {
    HttpResponse<byte[]> response = send("HEAD", "/a?size=10000", "Accept-Encoding", "gzip, br");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(header(response, "content-encoding")).isNull();
    assertThat(header(response, "content-length")).isEqualTo("10000");
    assertThat(header(response, "vary")).isEqualTo("Accept-Encoding");
    assertThat(response.body()).isEmpty();
  }

  @Test
  void aChunkedUpstreamBodyIsCompressedAsItStreams() throws Exception {
    HttpResponse<byte[]> response = get("/a?size=100000&chunked=1", "gzip");

    assertThat(header(response, "content-encoding")).isEqualTo("gzip");
    assertThat(header(response, "content-length")).isNull();
    assertThat(header(response, "transfer-encoding")).isEqualTo("chunked");
    assertThat(Decoding.gunzip(response.body())).isEqualTo(CompressingUpstream.body(100000));
  }

  @Test
  void anAnnouncedBodyTooLargeForOneWriteIsCompressedAsItStreams() throws Exception {
    int size = ResponseRelay.ONE_WRITE_MAX_BODY * 4;
    HttpResponse<byte[]> response = get("/a?size=" + size, "br");

    assertThat(header(response, "content-encoding")).isEqualTo("br");
    assertThat(header(response, "content-length")).isNull();
    assertThat(Decoding.unbrotli(response.body())).isEqualTo(CompressingUpstream.body(size));
  }

  @Test
  void aStreamedBodyIsNotHeldBackByTheCompressor() throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + fixture.front.port() + "/e?stream=1"))
        .header("Accept-Encoding", "gzip").timeout(Duration.ofSeconds(5)).build();
    HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    assertThat(header(response, "content-encoding")).isEqualTo("gzip");
    try (InputStream body = response.body()) {
      // The first event must decode while the upstream still holds the response open.
      String first = CompletableFuture.supplyAsync(() -> inflateAtLeast(body, CompressingUpstream.EVENT.length()))
          .get(5, TimeUnit.SECONDS);
      assertThat(first).isEqualTo(CompressingUpstream.EVENT);
    } finally {
      upstream.endStream();
    }
  }

  /** Reads a gzip stream (Netty's: a 10-byte header without names) until {@code length} bytes inflate. */
  private static String inflateAtLeast(InputStream gzip, int length) {
    try {
      byte[] header = gzip.readNBytes(10);
      assertThat(header[0] & 0xff).isEqualTo(0x1f);
      Inflater inflater = new Inflater(true);
      ByteArrayOutputStream plain = new ByteArrayOutputStream();
      byte[] in = new byte[4096];
      byte[] out = new byte[8192];
      while (plain.size() < length) {
        int n = gzip.read(in);
        if (n < 0) {
          break;
        }
        inflater.setInput(in, 0, n);
        for (int k = inflater.inflate(out); k > 0; k = inflater.inflate(out)) {
          plain.write(out, 0, k);
        }
      }
      return plain.toString(StandardCharsets.US_ASCII);
    } catch (IOException | DataFormatException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void anHttp10ClientGetsTheBodyAsItIs() throws Exception {
    String reply = RawHttp.exchange(fixture.front.port(),
        "GET /a?size=5000 HTTP/1.0\r\nHost: test\r\nAccept-Encoding: gzip\r\n\r\n");

    assertThat(RawHttp.head(reply)).doesNotContain("content-encoding").contains("vary: accept-encoding");
    assertThat(reply).endsWith(new String(CompressingUpstream.body(5000), StandardCharsets.US_ASCII));
  }

  @Test
  void aStrongEtagTurnsWeakAndVaryIsMergedWithTheUpstreams() throws Exception {
    HttpResponse<byte[]> compressed = get("/a?size=5000&etag=%22v1%22&vary=Origin", "gzip");

    assertThat(header(compressed, "etag")).isEqualTo("W/\"v1\"");
    assertThat(compressed.headers().allValues("vary")).containsExactly("Origin, Accept-Encoding");

    HttpResponse<byte[]> plain = get("/a?size=5000&etag=%22v1%22&vary=accept-encoding", "identity");
    assertThat(header(plain, "etag")).isEqualTo("\"v1\"");
    assertThat(plain.headers().allValues("vary")).containsExactly("accept-encoding");
    assertThat(header(get("/a?size=5000&etag=W/%22v1%22", "gzip"), "etag")).isEqualTo("W/\"v1\"");
  }

  @Test
  void noTransformIsObeyed() throws Exception {
    HttpResponse<byte[]> response = get("/a?size=5000&cc=public,%20no-transform", "gzip");

    assertThat(header(response, "content-encoding")).isNull();
    assertThat(response.body()).isEqualTo(CompressingUpstream.body(5000));
  }

  @Test
  void withoutAcceptEncodingTheBodyGoesAsItIsWithVary() throws Exception {
    HttpResponse<byte[]> response = send("GET", "/a?size=5000");

    assertThat(header(response, "content-encoding")).isNull();
    assertThat(header(response, "vary")).isEqualTo("Accept-Encoding");
    assertThat(response.body()).isEqualTo(CompressingUpstream.body(5000));
  }

  @Test
  void errorStatusesWithBodiesAreCompressedButNot204Or304() throws Exception {
    HttpResponse<byte[]> notFound = get("/a?size=5000&status=404", "gzip");
    assertThat(notFound.statusCode()).isEqualTo(404);
    assertThat(Decoding.gunzip(notFound.body())).isEqualTo(CompressingUpstream.body(5000));

    HttpResponse<byte[]> notModified = get("/a?size=0&status=304&etag=%22v1%22", "gzip");
    assertThat(notModified.statusCode()).isEqualTo(304);
    assertThat(header(notModified, "content-encoding")).isNull();
    assertThat(header(notModified, "etag")).isEqualTo("\"v1\"");
  }

  @Test
  void turnedOffNothingChanges() throws Exception {
    fixture.front.compression(ResponseCompression.of(CompressionConfig.OFF));

    HttpResponse<byte[]> response = get("/a?size=10000&etag=%22v1%22", "gzip, br");

    assertThat(header(response, "content-encoding")).isNull();
    assertThat(header(response, "vary")).isNull();
    assertThat(header(response, "etag")).isEqualTo("\"v1\"");
    assertThat(response.body()).isEqualTo(CompressingUpstream.body(10000));
  }

  @Test
  void compressedResponsesKeepTheUpstreamConnectionPooled() throws Exception {
    for (int i = 0; i < 20; i++) {
      HttpResponse<byte[]> response = get("/a?size=" + (i % 2 == 0 ? 5000 : 50000) + (i % 3 == 0 ? "&chunked=1" : ""),
          i % 2 == 0 ? "gzip" : "br");
      assertThat(Decoding.decode(header(response, "content-encoding"), response.body()))
          .isEqualTo(CompressingUpstream.body(i % 2 == 0 ? 5000 : 50000));
    }
    assertThat(fixture.upstreamConnections.get()).isEqualTo(1);
  }
}
