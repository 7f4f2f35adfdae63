package io.holdfast.listener.edge;

import io.holdfast.listener.RawClient;
import io.holdfast.testkit.TestCertificates;
import io.holdfast.testkit.TestConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.util.List;

import static io.holdfast.listener.RawClient.get;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which certificate a handshake gets (SNI by the certificates' names, the first as the default) and how a
 * renewed one is picked up: new handshakes get it at the next reload, open connections keep going on theirs.
 */
class CertificatesTest {

  @TempDir
  Path dir;
  @RegisterExtension
  final EdgeRig rig = new EdgeRig().engine(engine());

  /** The engine these cases run on: the default ({@code auto}, OpenSSL here); {@link CertificatesOnJdkEngineTest} runs them on the JDK's. */
  String engine() {
    return "auto";
  }

  /** A TLS connection to the listener with {@code sni} (null: none), trusting the rig's CA. */
  private SSLSocket connect(String sni) throws Exception {
    SSLSocket socket = (SSLSocket) rig.trusting().getSocketFactory().createSocket("127.0.0.1", rig.port());
    SSLParameters parameters = socket.getSSLParameters();
    parameters.setServerNames(sni == null ? List.of() : List.of(new SNIHostName(sni)));
    socket.setSSLParameters(parameters);
    socket.startHandshake();
    return socket;
  }

  private String presented(String sni) throws Exception {
    try (SSLSocket socket = connect(sni)) {
      return leafName(socket);
    }
  }

  private static String leafName(SSLSocket socket) throws Exception {
    X509Certificate leaf = (X509Certificate) socket.getSession().getPeerCertificates()[0];
    return leaf.getSubjectX500Principal().getName();
  }

  @Test
  void sniPicksTheCertificateByItsNamesAndTheFirstIsTheDefault() throws Exception {
    TestCertificates.Issued first = rig.ca.issue("default.test");
    TestCertificates.Issued api = rig.ca.issue("api.example.com", "www.example.com");
    TestCertificates.Issued wild = rig.ca.issue("*.wild.test");
    TestCertificates.Issued exact = rig.ca.issue("exact.wild.test");
    rig.start(EdgeRig.tls(rig.config(), first, api, wild, exact));

    assertThat(presented("api.example.com")).isEqualTo("CN=api.example.com");
    assertThat(presented("WWW.Example.COM")).isEqualTo("CN=api.example.com");
    assertThat(presented("a.wild.test")).isEqualTo("CN=*.wild.test");
    // An exact name wins over an earlier wildcard; a wildcard covers one label only.
    assertThat(presented("exact.wild.test")).isEqualTo("CN=exact.wild.test");
    assertThat(presented("a.b.wild.test")).isEqualTo("CN=default.test");
    assertThat(presented("unknown.test")).isEqualTo("CN=default.test");
    assertThat(presented(null)).isEqualTo("CN=default.test");

    // curl verifies the name it asked for against what it got.
    Curl.Result byName = Curl.run(null, "--http2", "--cacert", rig.ca.ca().toString(), "--resolve",
        "api.example.com:" + rig.port() + ":127.0.0.1", "https://api.example.com:" + rig.port() + "/x");
    assertThat(byName.saidHttp2()).as(byName.trace()).isTrue();
    assertThat(byName.out()).isEqualTo("got 0");
    assertThat(byName.trace()).contains("subject: CN=api.example.com");
  }

  @Test
  void aRenewedCertificateServesNewHandshakesWhileOpenConnectionsKeepWorking() throws Exception {
    Path cert = dir.resolve("site.pem");
    Path key = dir.resolve("site.key");
    install(rig.ca.issue("localhost", "old.test"), cert, key);
    TestConfig config = rig.config().set("listeners.main.tls", new JsonObject().put("certificates",
        new JsonArray().add(new JsonObject().put("cert", cert.toString()).put("key", key.toString()))));
    rig.start(config);

    try (SSLSocket open = connect(null); RawClient http1 = RawClient.over(open)) {
      assertThat(http1.exchange(get("/before")).status()).isEqualTo(200);
      HttpClient h2 = rig.client(HttpClient.Version.HTTP_2, null);
      assertThat(h2.send(HttpRequest.newBuilder(rig.https("/h2-before")).build(), HttpResponse.BodyHandlers.ofString())
          .version()).isEqualTo(HttpClient.Version.HTTP_2);

      install(rig.ca.issue("localhost", "new.test"), cert, key);
      rig.apply(config);

      assertThat(presented(null)).isEqualTo("CN=localhost");
      try (SSLSocket fresh = connect(null)) {
        assertThat(sanNames((X509Certificate) fresh.getSession().getPeerCertificates()[0])).contains("new.test");
      }
      // The open connections were not dropped: same socket, old session, still served.
      assertThat(http1.exchange(get("/after")).status()).isEqualTo(200);
      assertThat(sanNames((X509Certificate) open.getSession().getPeerCertificates()[0])).contains("old.test");
      assertThat(h2.send(HttpRequest.newBuilder(rig.https("/h2-after")).build(), HttpResponse.BodyHandlers.ofString())
          .statusCode()).isEqualTo(200);
    }
    // Two connections kept, two new ones: a reload closed none of them.
    assertThat(rig.stats().accepted()).isEqualTo(4);
    assertThat(rig.stats().closedByReason().get("shutdown")).isZero();
  }

  @Test
  void withSeveralInstancesEveryNewHandshakeGetsTheRenewedCertificate() throws Exception {
    Path cert = dir.resolve("site.pem");
    Path key = dir.resolve("site.key");
    install(rig.ca.issue("localhost", "old.test"), cert, key);
    TestConfig config = rig.config().set("instances", 2).set("listeners.main.tls", new JsonObject().put("certificates",
        new JsonArray().add(new JsonObject().put("cert", cert.toString()).put("key", key.toString()))));
    rig.start(config, 2);

    install(rig.ca.issue("localhost", "new.test"), cert, key);
    rig.apply(config);

    // New connections are spread over both instances' event loops: each must present the new certificate.
    for (int i = 0; i < 6; i++) {
      try (SSLSocket fresh = connect(null)) {
        assertThat(sanNames((X509Certificate) fresh.getSession().getPeerCertificates()[0])).contains("new.test");
      }
    }
  }

  @Test
  void aPkcs12BundleServesLikeAPemPair() throws Exception {
    TestCertificates.Issued issued = rig.ca.issue("localhost");
    Path bundle = dir.resolve("site.p12");
    Process openssl = new ProcessBuilder("openssl", "pkcs12", "-export", "-in", issued.cert().toString(),
        "-inkey", issued.key().toString(), "-certfile", rig.ca.ca().toString(), "-out", bundle.toString(),
        "-passout", "pass:s3cret").redirectErrorStream(true).start();
    assertThat(openssl.waitFor()).isZero();
    rig.start(rig.config().set("listeners.main.tls", new JsonObject().put("certificates",
        new JsonArray().add(new JsonObject().put("pkcs12", bundle.toString()).put("password", "s3cret")))));

    HttpResponse<String> response = rig.client(HttpClient.Version.HTTP_2, null)
        .send(HttpRequest.newBuilder(rig.https("/p12")).build(), HttpResponse.BodyHandlers.ofString());

    assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
    assertThat(response.body()).isEqualTo("got 0");
  }

  @Test
  void protocolsLimitTheVersionsAHandshakeMayUse() throws Exception {
    rig.start(EdgeRig.tls(rig.config(), rig.ca.issue("localhost"))
        .set("listeners.main.tls.protocols", new JsonArray().add("TLSv1.3")));
    try (SSLSocket socket = connect(null)) {
      assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.3");
    }
    SSLSocket old = (SSLSocket) rig.trusting().getSocketFactory().createSocket("127.0.0.1", rig.port());
    old.setEnabledProtocols(new String[] {"TLSv1.2"});
    org.assertj.core.api.Assertions.assertThatThrownBy(old::startHandshake).isInstanceOf(javax.net.ssl.SSLException.class);
    old.close();
  }

  private static List<String> sanNames(X509Certificate certificate) throws Exception {
    return certificate.getSubjectAlternativeNames().stream().map(entry -> String.valueOf(entry.get(1))).toList();
  }

  private static void install(TestCertificates.Issued issued, Path cert, Path key) throws Exception {
    Files.copy(issued.chain(), cert, StandardCopyOption.REPLACE_EXISTING);
    Files.copy(issued.key(), key, StandardCopyOption.REPLACE_EXISTING);
  }
}
