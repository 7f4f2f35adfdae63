package io.holdfast.e2e;

import io.holdfast.testkit.TestCertificates;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Holdfast in front of a real nginx HTTPS upstream: pooled and reused TLS connections, a resumed session, SNI. */
class UpstreamTlsE2ETest {

  @RegisterExtension
  final HoldfastJar holdfast = new HoldfastJar();
  @TempDir
  Path dir;

  @Test
  void requestsRideOnePooledTlsConnectionAndTheNextConnectionResumesTheSession() throws Exception {
    TestCertificates ca = TestCertificates.authority(dir.resolve("ca"), "e2e CA");
    try (NginxTlsPeer nginx = new NginxTlsPeer(dir.resolve("nginx"), ca.issue("api.internal"))) {
      TestConfig config = tlsConfig(nginx, ca.ca());
      holdfast.start(config);

      for (int i = 0; i < 20; i++) {
        HttpResponse<String> response = Http.get(config.listenerPort, "/");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("hello over tls\n");
      }
      // nginx logs a request after its response has gone out: the last line may trail the last response.
      await().atMost(Duration.ofSeconds(5)).until(() -> nginx.requests().size() >= 20);
      List<NginxTlsPeer.Request> requests = nginx.requests();
      assertThat(requests).hasSize(20);
      assertThat(requests).extracting(NginxTlsPeer.Request::connection).containsOnly(requests.get(0).connection());
      assertThat(requests.get(19).requestOnConnection()).isEqualTo(20);
      assertThat(requests).extracting(NginxTlsPeer.Request::serverName).containsOnly("api.internal");
      assertThat(requests).extracting(NginxTlsPeer.Request::sessionReused).containsOnly(false);
      JsonObject server = server(config, nginx);
      assertThat(server.getLong("opened")).isEqualTo(1);
      assertThat(server.getLong("reused")).isEqualTo(19);
      assertThat(server.getJsonObject("tlsHandshakes")).isEqualTo(new JsonObject().put("full", 1).put("resumed", 0));

      // keepalive.timeout (1s) retires the idle connection; the next request opens one that resumes.
      await().atMost(Duration.ofSeconds(5)).until(() -> server(config, nginx).getLong("closed") == 1);
      assertThat(Http.get(config.listenerPort, "/").statusCode()).isEqualTo(200);
      await().atMost(Duration.ofSeconds(5)).until(() -> nginx.requests().size() >= 21);
      NginxTlsPeer.Request resumed = nginx.requests().get(20);
      assertThat(resumed.connection()).isNotEqualTo(requests.get(0).connection());
      assertThat(resumed.requestOnConnection()).isEqualTo(1);
      assertThat(resumed.sessionReused()).isTrue();
      assertThat(server(config, nginx).getJsonObject("tlsHandshakes"))
          .isEqualTo(new JsonObject().put("full", 1).put("resumed", 1));
      String metrics = Http.get(config.adminPort, "/metrics").body();
      String labels = "server=\"127.0.0.1:" + nginx.port + "\"";
      assertThat(StatusSupport.metric(metrics, "holdfast_upstream_tls_handshakes_total", "kind=\"full\"", labels))
          .isEqualTo(1);
      assertThat(StatusSupport.metric(metrics, "holdfast_upstream_tls_handshakes_total", "kind=\"resumed\"", labels))
          .isEqualTo(1);
    }
  }

  @Test
  void aCertificateFromAnUnknownCaGets502AndALogLineThatSaysWhy() throws Exception {
    TestCertificates ca = TestCertificates.authority(dir.resolve("ca"), "e2e CA");
    TestCertificates stranger = TestCertificates.authority(dir.resolve("stranger"), "not trusted");
    try (NginxTlsPeer nginx = new NginxTlsPeer(dir.resolve("nginx"), stranger.issue("api.internal"))) {
      TestConfig config = tlsConfig(nginx, ca.ca());
      HoldfastProcess process = holdfast.start(config);

      assertThat(Http.get(config.listenerPort, "/").statusCode()).isEqualTo(502);
      await().atMost(Duration.ofSeconds(5)).until(() -> process.output().contains(
          "TLS handshake with 127.0.0.1:" + nginx.port + " (name api.internal) failed: PKIX path building failed"));
      assertThat(nginx.requests()).isEmpty();
      assertThat(server(config, nginx).getLong("failures")).isEqualTo(1);
    }
  }

  @Test
  void checkRefusesAMissingCaFileWithItsKeyPath() throws Exception {
    TestConfig config = new TestConfig(8443);
    config.json().getJsonObject("upstreams").getJsonObject("app")
        .put("tls", new JsonObject().put("enabled", true).put("ca", dir.resolve("missing.pem").toString()));
    HoldfastProcess.Result check = HoldfastProcess.run("--check", "--config", config.write(dir).toString());
    assertThat(check.exitCode()).isEqualTo(1);
    assertThat(check.output()).contains("upstreams.app.tls.ca: \"" + dir.resolve("missing.pem") + "\" does not exist");
  }

  /** Upstream app = the nginx peer over TLS (SNI api.internal, trusting {@code ca}); idle connections retire after 1 s. */
  private static TestConfig tlsConfig(NginxTlsPeer nginx, Path ca) {
    TestConfig config = new TestConfig(nginx.port);
    config.json().getJsonObject("upstreams").getJsonObject("app")
        .put("tls", new JsonObject().put("enabled", true).put("sni", "api.internal").put("ca", ca.toString()))
        .put("keepalive", new JsonObject().put("timeout", "1s"));
    return config;
  }

  private static JsonObject server(TestConfig config, NginxTlsPeer nginx) throws Exception {
    return new JsonObject(Http.get(config.adminPort, "/status.json").body()).getJsonObject("upstreams")
        .getJsonObject("app").getJsonObject("servers").getJsonObject("127.0.0.1:" + nginx.port);
  }
}
