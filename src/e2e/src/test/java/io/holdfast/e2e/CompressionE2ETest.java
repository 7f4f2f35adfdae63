package io.holdfast.e2e;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.aayushatharva.brotli4j.decoder.Decoder;
import com.aayushatharva.brotli4j.decoder.DecoderJNI;
import com.aayushatharva.brotli4j.decoder.DirectDecompress;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The jar with {@code listeners.main.compression} on, in front of a real upstream: curl {@code --compressed}
 * and a JDK HttpClient (decoding gzip with java.util.zip and br with brotli4j) get the upstream's bytes.
 */
class CompressionE2ETest {

  @RegisterExtension
  static final HoldfastJar HOLDFAST = new HoldfastJar();
  private static final byte[] JSON = json(10 * 1024);
  private static Vertx vertx;
  private static TestConfig config;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    HttpServer upstream = vertx.createHttpServer()
        .requestHandler(request -> request.response()
            .putHeader("content-type", request.path().endsWith(".png") ? "image/png" : "application/json; charset=utf-8")
            .putHeader("etag", "\"v1\"")
            .end(Buffer.buffer(JSON)))
        .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    config = new TestConfig(upstream.actualPort());
    config.json().getJsonObject("listeners").getJsonObject("main").put("compression", new JsonObject());
    HOLDFAST.start(config);
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  private static byte[] json(int size) {
    StringBuilder sb = new StringBuilder("{\"orders\":[");
    for (int i = 0; sb.length() < size; i++) {
      sb.append("{\"id\":").append(i).append(",\"customer\":\"c-").append(i * 31 % 977).append("\",\"status\":\"")
          .append(i % 3 == 0 ? "shipped" : "pending").append("\"},");
    }
    return java.util.Arrays.copyOf(sb.toString().getBytes(StandardCharsets.US_ASCII), size);
  }

  /** curl's decoded body, and its response head lower-cased. */
  private record Curl(byte[] body, String head) {
  }

  private static Curl curl(String... args) throws Exception {
    Path dir = Files.createTempDirectory("holdfast-curl");
    Path body = dir.resolve("body");
    Path head = dir.resolve("head");
    List<String> command = new java.util.ArrayList<>(List.of("curl", "-sS", "--max-time", "10", "-D", head.toString(),
        "-o", body.toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(15, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as("curl: " + output).isZero();
    return new Curl(Files.readAllBytes(body), Files.readString(head).toLowerCase(Locale.ROOT));
  }

  private static String url(String path) {
    return "http://127.0.0.1:" + config.listenerPort + path;
  }

  @Test
  void curlCompressedGetsBrotliAndGzipThatDecodeToTheUpstreamBytes() throws Exception {
    Curl br = curl("--compressed", url("/orders"));
    assertThat(br.head()).contains("content-encoding: br").contains("vary: accept-encoding").contains("etag: w/\"v1\"");
    assertThat(br.body()).isEqualTo(JSON);

    Curl gzip = curl("--compressed", "-H", "Accept-Encoding: gzip", url("/orders"));
    assertThat(gzip.head()).contains("content-encoding: gzip");
    assertThat(gzip.body()).isEqualTo(JSON);

    Curl png = curl("--compressed", url("/logo.png"));
    assertThat(png.head()).doesNotContain("content-encoding").doesNotContain("vary");
    assertThat(png.body()).isEqualTo(JSON);

    Curl head = curl("--compressed", "-I", url("/orders"));
    assertThat(head.head()).startsWith("http/1.1 200").doesNotContain("content-encoding")
        .contains("vary: accept-encoding").contains("etag: \"v1\"");
  }

  @Test
  void jdkClientDecodesGzipWithJavaUtilZipAndBrWithBrotli4j() throws Exception {
    HttpResponse<byte[]> gzip = Http.client().send(Http.request(config.listenerPort, "/orders")
        .header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(gzip.headers().firstValue("content-encoding")).hasValue("gzip");
    assertThat(gzip.body().length).isLessThan(JSON.length / 3);
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip.body()))) {
      assertThat(in.readAllBytes()).isEqualTo(JSON);
    }

    HttpResponse<byte[]> br = Http.client().send(Http.request(config.listenerPort, "/orders")
        .header("Accept-Encoding", "br;q=1, gzip;q=0.5").build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(br.headers().firstValue("content-encoding")).hasValue("br");
    assertThat(unbrotli(br.body())).isEqualTo(JSON);
  }

  private static byte[] unbrotli(byte[] body) throws IOException {
    Brotli4jLoader.ensureAvailability();
    DirectDecompress result = Decoder.decompress(body);
    assertThat(result.getResultStatus()).isEqualTo(DecoderJNI.Status.DONE);
    return result.getDecompressedData();
  }
}
