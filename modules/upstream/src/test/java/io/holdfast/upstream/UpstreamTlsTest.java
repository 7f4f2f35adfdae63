package io.holdfast.upstream;

import io.holdfast.bus.ServerStats;
import io.holdfast.testkit.TestCertificates;
import io.holdfast.testkit.TestConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Pooled TLS connections to real Vert.x HTTPS servers: reuse, resumption, SNI and verification. */
class UpstreamTlsTest {

  @TempDir
  static Path certs;
  private static TestCertificates ca;
  private static TestCertificates.Issued apiInternal;

  private Vertx vertx;

  @BeforeAll
  static void authority() {
    ca = TestCertificates.authority(certs.resolve("ca"), "holdfast test CA");
    apiInternal = ca.issue("api.internal");
  }

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  @Test
  void requestsGoOverTlsAndShareOneConnection() throws Exception {
    try (TlsUpstreamServer server = new TlsUpstreamServer(vertx, apiInternal, "TLSv1.3")) {
      PoolsHost host = deploy(tls(server.port).set("upstreams.app.tls.sni", "api.internal"));
      for (int i = 0; i < 5; i++) {
        exchange(host);
      }
      assertThat(server.requestsOverTls).hasSize(5).containsOnly(true);
      assertThat(server.connections).hasValue(1);
      assertThat(host.single()).extracting(ServerStats::opened, ServerStats::requests, ServerStats::reused,
          ServerStats::tlsHandshakesFull, ServerStats::tlsHandshakesResumed).containsExactly(1L, 5L, 4L, 1L, 0L);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
  void aConnectionOpenedAfterIdleRetirementResumesTheSession(String protocol) throws Exception {
    try (TlsUpstreamServer server = new TlsUpstreamServer(vertx, apiInternal, protocol)) {
      PoolsHost host = deploy(tls(server.port).set("upstreams.app.tls.sni", "api.internal")
          .set("upstreams.app.keepalive.timeout", "200ms"));
      exchange(host);
      await().atMost(Duration.ofSeconds(3)).until(() -> host.single().closed() == 1);
      exchange(host);
      await().atMost(Duration.ofSeconds(3)).until(() -> host.single().closed() == 2);
      exchange(host);
      assertThat(server.connections).hasValue(3);
      assertThat(host.single()).extracting(ServerStats::opened, ServerStats::tlsHandshakesFull,
          ServerStats::tlsHandshakesResumed).containsExactly(3L, 1L, 2L);
    }
  }

  @Test
  void eachServerBehindOneNameResumesItsOwnSession() throws Exception {
    try (TlsUpstreamServer a = new TlsUpstreamServer(vertx, apiInternal, "TLSv1.3");
         TlsUpstreamServer b = new TlsUpstreamServer(vertx, apiInternal, "TLSv1.3")) {
      // keepalive 0: a new connection per request, alternating a, b, a, b…
      PoolsHost host = deploy(tls(a.port, b.port).set("upstreams.app.tls.sni", "api.internal")
          .set("upstreams.app.keepalive.connections", 0));
      for (int i = 0; i < 6; i++) {
        exchange(host);
      }
      List<ServerStats> stats = host.on(pools -> Future.succeededFuture(pools.stats()));
      for (ServerStats s : stats) {
        assertThat(s).extracting(ServerStats::opened, ServerStats::tlsHandshakesFull, ServerStats::tlsHandshakesResumed)
            .as(s.server()).containsExactly(3L, 1L, 2L);
      }
    }
  }

  @Test
  void sniCarriesTheConfiguredName() throws Exception {
    try (TlsUpstreamServer server = new TlsUpstreamServer(vertx, apiInternal, "TLSv1.3")) {
      PoolsHost host = deploy(tls(server.port).set("upstreams.app.tls.sni", "api.internal"));
      exchange(host);
      assertThat(server.sniNames).containsExactly("api.internal");
    }
  }

  @Test
  void aServerGivenByNameSendsThatNameAsSni() throws Exception {
    try (TlsUpstreamServer server = new TlsUpstreamServer(vertx, ca.issue("localhost"), "TLSv1.3")) {
      PoolsHost host = deploy(tls(server.port).set("upstreams.app.servers",
          new JsonArray().add(new JsonObject().put("address", "localhost:" + server.port))));
      exchange(host);
      assertThat(server.sniNames).containsExactly("localhost");
    }
  }

  @Test
  void anIpAddressWithoutSniSendsNoSniAndIsCheckedAgainstTheCertificatesIpEntries() throws Exception {
    try (TlsUpstreamServer named = new TlsUpstreamServer(vertx, ca.issue("127.0.0.1"), "TLSv1.3");
         TlsUpstreamServer unnamed = new TlsUpstreamServer(vertx, apiInternal, "TLSv1.3")) {
      PoolsHost host = deploy(tls(named.port));
      exchange(host);
      assertThat(named.sniNames).containsExactly("");

      PoolsHost refused = deploy(tls(unnamed.port));
      assertThat(failure(refused)).hasMessageContaining("TLS handshake with 127.0.0.1:" + unnamed.port)
          .hasMessageContaining("IP address 127.0.0.1");
    }
  }

  @Test
  void aCertificateFromAnUnknownCaFailsWithA502ThatSaysWhy() throws Exception {
    TestCertificates other = TestCertificates.authority(certs.resolve("other"), "someone else");
    try (TlsUpstreamServer server = new TlsUpstreamServer(vertx, other.issue("api.internal"), "TLSv1.3")) {
      PoolsHost host = deploy(tls(server.port).set("upstreams.app.tls.sni", "api.internal"));
      Throwable failure = failure(host);
      assertThat(failure).isInstanceOf(UpstreamFailure.class)
          .hasMessageContaining("TLS handshake with 127.0.0.1:" + server.port + " (name api.internal) failed")
          .hasMessageContaining("PKIX path building failed");
      assertThat(((UpstreamFailure) failure).status()).isEqualTo(502);
      assertThat(server.requestsOverTls).isEmpty();
      assertThat(host.single()).extracting(ServerStats::failures, ServerStats::tlsHandshakesFull).containsExactly(1L, 0L);
    }
  }

  @Test
  void aCertificateForAnotherNameFails() throws Exception {
    try (TlsUpstreamServer server = new TlsUpstreamServer(vertx, apiInternal, "TLSv1.3")) {
      PoolsHost host = deploy(tls(server.port).set("upstreams.app.tls.sni", "other.internal"));
      assertThat(failure(host)).hasMessageContaining("(name other.internal) failed")
          .hasMessageContaining("other.internal");
    }
  }

  @Test
  void verifyFalseAcceptsAnyCertificate() throws Exception {
    TestCertificates other = TestCertificates.authority(certs.resolve("unknown"), "unknown CA");
    try (TlsUpstreamServer server = new TlsUpstreamServer(vertx, other.issue("elsewhere"), "TLSv1.3")) {
      PoolsHost host = deploy(tls(server.port).set("upstreams.app.tls.verify", false));
      exchange(host);
      assertThat(host.single().tlsHandshakesFull()).isEqualTo(1);
    }
  }

  @Test
  void aReloadThatKeepsTheTlsConfigKeepsTheSessionsToResume() throws Exception {
    try (TlsUpstreamServer server = new TlsUpstreamServer(vertx, apiInternal, "TLSv1.3")) {
      PoolsHost host = deploy(tls(server.port).set("upstreams.app.tls.sni", "api.internal"));
      exchange(host);
      // A changed keepalive replaces the pool (its idle connection closes) but not the server's TLS client.
      host.pools = host.on(pools -> pools.update(UpstreamPlan.compile(tls(server.port)
          .set("upstreams.app.tls.sni", "api.internal").set("upstreams.app.keepalive.requests", 50).snapshot(2))));
      exchange(host);
      assertThat(server.connections).hasValue(2);
      assertThat(host.single()).extracting(ServerStats::tlsHandshakesFull, ServerStats::tlsHandshakesResumed)
          .containsExactly(1L, 1L);
    }
  }

  @Test
  void aChangedCaFileStartsAFreshTlsClient() throws Exception {
    Path caCopy = certs.resolve("ca-copy.pem");
    Files.copy(ca.ca(), caCopy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    try (TlsUpstreamServer server = new TlsUpstreamServer(vertx, apiInternal, "TLSv1.3")) {
      TestConfig config = tls(server.port).set("upstreams.app.tls.sni", "api.internal")
          .set("upstreams.app.tls.ca", caCopy.toString());
      PoolsHost host = deploy(config);
      exchange(host);
      // Same JSON, new content (the other CA appended): a different config, so sessions verified under the
      // old trust are not resumed.
      TestCertificates other = TestCertificates.authority(certs.resolve("appended"), "appended CA");
      Files.writeString(caCopy, Files.readString(ca.ca()) + Files.readString(other.ca()));
      host.pools = host.on(pools -> pools.update(UpstreamPlan.compile(config.snapshot(2))));
      exchange(host);
      assertThat(host.single()).extracting(ServerStats::tlsHandshakesFull, ServerStats::tlsHandshakesResumed)
          .containsExactly(2L, 0L);
    }
  }

  /** The engine these cases run on: the default ({@code auto}, OpenSSL here); {@link UpstreamTlsOnJdkEngineTest} runs them on the JDK's. */
  String engine() {
    return "auto";
  }

  /** Upstream app over TLS to 127.0.0.1 at {@code ports}, trusting the test CA; keepalive 8 idle, no linger. */
  private TestConfig tls(int... ports) {
    return TestConfig.create().upstream("app", ports)
        .set("upstreams.app.keepalive", new JsonObject().put("connections", 8).put("linger", "0"))
        .set("upstreams.app.tls", new JsonObject().put("enabled", true).put("ca", ca.ca().toString())
            .put("engine", engine()));
  }

  private PoolsHost deploy(TestConfig config) throws Exception {
    return PoolsHost.deploy(vertx, UpstreamPlan.compile(config.snapshot(1)));
  }

  private static Throwable failure(PoolsHost host) throws Exception {
    return host.on(pools -> pools.group("app").acquire().map(l -> (Throwable) null).otherwise(err -> err));
  }

  private static void exchange(PoolsHost host) throws Exception {
    assertThat(host.get()).isEqualTo("ok");
  }
}
