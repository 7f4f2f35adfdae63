package io.holdfast.e2e;

import io.holdfast.testkit.FreePorts;
import io.holdfast.testkit.TestCertificates;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The jar at the edge, with curl as the client: HTTP/2 over TLS and an upload without a length, a plain
 * listener redirecting to it, a renewed certificate picked up by the file watch without a restart, and
 * {@code --check} refusing a key that is not the certificate's.
 */
class EdgeE2ETest {

  @RegisterExtension
  final HoldfastJar holdfast = new HoldfastJar();
  @TempDir
  Path dir;
  private Vertx vertx;
  private TestUpstream upstream;
  private TestCertificates ca;

  @BeforeEach
  void setUp() throws Exception {
    vertx = Vertx.vertx();
    upstream = TestUpstream.start(vertx, "app");
    ca = TestCertificates.authority(dir.resolve("ca"), "edge e2e CA");
  }

  @AfterEach
  void tearDown() throws Exception {
    upstream.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** Listener "main" with TLS from {@code cert}/{@code key}, and "plain" redirecting to it. */
  private TestConfig edge(Path cert, Path key) {
    TestConfig config = new TestConfig(upstream.port());
    JsonObject listeners = config.json().getJsonObject("listeners");
    listeners.getJsonObject("main").put("tls", new JsonObject()
        .put("certificates", new JsonArray().add(new JsonObject().put("cert", cert.toString()).put("key", key.toString())))
        .put("hsts", "max-age=600"));
    listeners.put("plain", new JsonObject().put("host", "127.0.0.1").put("port", FreePorts.next())
        .put("redirectHttps", config.listenerPort));
    return config;
  }

  private Curl curl(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("curl", "-sS", "-v", "--max-time", "20", "--cacert", ca.ca().toString()));
    command.addAll(List.of(args));
    return Curl.run(command, null);
  }

  @Test
  void http2OverTlsUploadsWithoutALengthAndAPlainListenerRedirectsToIt() throws Exception {
    TestCertificates.Issued site = ca.issue("localhost");
    TestConfig config = edge(site.chain(), site.key());
    holdfast.start(config);
    String https = "https://localhost:" + config.listenerPort;

    Curl get = curl("--http2", https + "/hello");
    assertThat(get.trace()).contains("ALPN: server accepted h2").contains("< HTTP/2 200")
        .contains("< strict-transport-security: max-age=600");
    assertThat(get.out()).isEqualTo("app /hello");

    byte[] upload = new byte[300_000];
    new java.util.Random(11).nextBytes(upload);
    Curl put = Curl.run(List.of("curl", "-sS", "-v", "--max-time", "20", "--cacert", ca.ca().toString(), "--http2",
        "-X", "POST", "-T", "-", https + "/echo"), upload);
    assertThat(put.trace()).contains("< HTTP/2 200");
    assertThat(put.bytes()).isEqualTo(upload);

    int plainPort = config.json().getJsonObject("listeners").getJsonObject("plain").getInteger("port");
    Curl followed = curl("-L", "--http2", "http://localhost:" + plainPort + "/r?x=1");
    assertThat(followed.trace()).contains("< HTTP/1.1 301").containsIgnoringCase("< location: " + https + "/r?x=1")
        .contains("< HTTP/2 200");
    assertThat(followed.out()).isEqualTo("app /r");
  }

  @Test
  void aRenewedCertificateIsPickedUpByTheFileWatchWithoutARestart() throws Exception {
    Path cert = dir.resolve("site.pem");
    Path key = dir.resolve("site.key");
    install(ca.issue("old.test", "localhost"), cert, key);
    TestConfig config = edge(cert, key);
    config.json().put("reload", new JsonObject().put("watch", true).put("scan", "200ms"));
    HoldfastProcess process = holdfast.start(config);
    String https = "https://localhost:" + config.listenerPort + "/";
    assertThat(curl("--http2", https).trace()).contains("subject: CN=old.test");

    install(ca.issue("new.test", "localhost"), cert, key);

    await().atMost(Duration.ofSeconds(10)).until(() -> curl("--http2", https).trace().contains("subject: CN=new.test"));
    assertThat(process.output()).contains("config version 2 applied (file)");
  }

  @Test
  void checkRefusesAKeyThatIsNotTheCertificatesWithItsKeyPath() throws Exception {
    TestCertificates.Issued site = ca.issue("localhost");
    TestCertificates.Issued other = ca.issue("other.test");
    TestConfig config = edge(site.chain(), other.key());
    Path file = config.write(dir);

    HoldfastProcess.Result check = HoldfastProcess.run("--check", "--config", file.toString());

    assertThat(check.exitCode()).as(check.output()).isEqualTo(1);
    assertThat(check.output()).contains("listeners.main.tls.certificates[0].key: \"" + other.key()
        + "\" is not the key of the certificate in \"" + site.chain() + "\"");
  }

  private static void install(TestCertificates.Issued issued, Path cert, Path key) throws Exception {
    // Written aside and moved in, as certbot and friends do: the watch never reads half a file.
    Path certNew = cert.resolveSibling(cert.getFileName() + ".new");
    Path keyNew = key.resolveSibling(key.getFileName() + ".new");
    Files.copy(issued.chain(), certNew, StandardCopyOption.REPLACE_EXISTING);
    Files.copy(issued.key(), keyNew, StandardCopyOption.REPLACE_EXISTING);
    Files.move(keyNew, key, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    Files.move(certNew, cert, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** curl's output (bytes and text) and its verbose trace. */
  record Curl(byte[] bytes, String trace) {
    String out() {
      return new String(bytes, StandardCharsets.UTF_8);
    }

    static Curl run(List<String> command, byte[] stdin) throws Exception {
      Process process = new ProcessBuilder(command).start();
      if (stdin != null) {
        process.getOutputStream().write(stdin);
      }
      process.getOutputStream().close();
      byte[] out = process.getInputStream().readAllBytes();
      String trace = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      process.waitFor(30, TimeUnit.SECONDS);
      return new Curl(out, trace);
    }
  }
}
