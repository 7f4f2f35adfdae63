package io.holdfast.config;

import io.holdfast.config.tls.Openssl;
import io.holdfast.config.tls.ServerCertificate;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code listeners.<name>.tls}, {@code http2} and {@code redirectHttps}: certificates and keys read and checked
 * at parse time with the key path of whatever is wrong, defaults, the JSON round trip, secrets redacted, and
 * a renewed file making a different config.
 */
class ListenerTlsConfigTest {

  @TempDir
  Path dir;
  private Openssl openssl;

  @BeforeEach
  void setUp() {
    openssl = new Openssl(dir);
  }

  private static JsonObject config(JsonObject listener) {
    return new JsonObject()
        .put("upstreams", new JsonObject().put("app", new JsonObject().put("servers",
            new JsonArray().add(new JsonObject().put("address", "127.0.0.1:9000")))))
        .put("listeners", new JsonObject().put("edge", listener.put("port", 8443)));
  }

  private static JsonObject tls(JsonObject... certificates) {
    return new JsonObject().put("tls", new JsonObject().put("certificates", new JsonArray(List.of((Object[]) certificates))));
  }

  private static JsonObject pem(Path cert, Path key) {
    return new JsonObject().put("cert", cert.toString()).put("key", key.toString());
  }

  private static List<String> errors(JsonObject json) {
    return ConfigParser.parse(json).errors().stream().map(e -> e.path() + ": " + e.message()).toList();
  }

  private static ListenerConfig edge(JsonObject json) {
    ConfigResult result = ConfigParser.parse(json);
    assertThat(result.errors()).isEmpty();
    return result.config().listeners().get("edge");
  }

  @Test
  void aPemPairIsReadAtParseTimeWithItsNamesAndTheDefaults() {
    Path[] site = openssl.selfSigned("www.example.com", "*.example.com");
    ListenerConfig edge = edge(config(tls(pem(site[0], site[1]))));

    assertThat(edge.tls().certificates()).hasSize(1);
    ServerCertificate certificate = edge.tls().certificates().get(0);
    assertThat(certificate.names()).containsExactly("www.example.com", "*.example.com");
    assertThat(certificate.matches("a.example.com", true)).isTrue();
    assertThat(certificate.matches("a.b.example.com", true)).isFalse();
    assertThat(certificate.matches("example.com", true)).isFalse();
    assertThat(edge.tls().protocols()).containsExactly("TLSv1.2", "TLSv1.3");
    assertThat(edge.tls().hsts()).isNull();
    assertThat(edge.tls().engine()).isEqualTo("auto");
    assertThat(edge.http2()).isTrue();
    assertThat(edge.redirectHttps()).isZero();
    assertThat(edge(config(new JsonObject())).http2()).isFalse();
  }

  @Test
  void theWrittenOutConfigParsesToTheSameConfig() {
    Path[] site = openssl.selfSigned("site.test");
    Path[] other = openssl.selfSigned("other.test");
    Path bundle = openssl.pkcs12(other[0], other[1], "pw");
    JsonObject json = config(tls(pem(site[0], site[1]), new JsonObject().put("pkcs12", bundle.toString()).put("password", "pw"))
        .put("http2", false));
    json.getJsonObject("listeners").getJsonObject("edge").getJsonObject("tls").put("hsts", "max-age=60")
        .put("protocols", new JsonArray().add("TLSv1.3")).put("engine", "jdk");
    HoldfastConfig config = ConfigParser.parse(json).config();
    assertThat(config.listeners().get("edge").tls().engine()).isEqualTo("jdk");

    JsonObject written = ConfigJson.toJson(config);
    assertThat(ConfigParser.parse(written).config()).isEqualTo(config);
    JsonObject shown = ConfigJson.toRedactedJson(config).getJsonObject("listeners").getJsonObject("edge");
    assertThat(shown.getJsonObject("tls").getJsonArray("certificates").getJsonObject(1).getString("password"))
        .isEqualTo(ConfigJson.REDACTED);
    assertThat(shown.getBoolean("http2")).isFalse();
    assertThat(shown.getValue("redirectHttps")).isNull();
  }

  @Test
  void aBadFileIsRefusedAtTheKeyPathOfWhatIsWrong() throws Exception {
    Path[] site = openssl.selfSigned("site.test");
    Path[] other = openssl.selfSigned("other.test");
    Path empty = Files.writeString(dir.resolve("empty.pem"), "not a pem\n");

    assertThat(errors(config(tls(pem(dir.resolve("missing.pem"), site[1])))))
        .singleElement().asString().startsWith("listeners.edge.tls.certificates[0].cert: \"" + dir.resolve("missing.pem") + "\" does not exist");
    assertThat(errors(config(tls(pem(empty, site[1])))))
        .containsExactly("listeners.edge.tls.certificates[0].cert: \"" + empty + "\" holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
    assertThat(errors(config(tls(pem(site[0], site[0])))))
        .singleElement().asString().startsWith("listeners.edge.tls.certificates[0].key: \"" + site[0] + "\" holds no PEM private key");
    assertThat(errors(config(tls(pem(site[0], other[1])))))
        .singleElement().asString().startsWith("listeners.edge.tls.certificates[0].key: \"" + other[1]
            + "\" is not the key of the certificate in \"" + site[0] + "\"");
    assertThat(errors(config(tls(pem(site[0], openssl.encrypted(site[1]))))))
        .singleElement().asString().contains("certificates[0].key").contains("encrypted key");
    assertThat(errors(config(tls(new JsonObject().put("cert", site[0].toString())))))
        .singleElement().asString().startsWith("listeners.edge.tls.certificates[0].key: is required");
    assertThat(errors(config(new JsonObject().put("tls", new JsonObject()))))
        .singleElement().asString().startsWith("listeners.edge.tls.certificates: at least one certificate is required");
  }

  @Test
  void aPkcs12BundleOpensWithItsPasswordOnly() {
    Path[] site = openssl.selfSigned("site.test");
    Path bundle = openssl.pkcs12(site[0], site[1], "right");

    assertThat(edge(config(tls(new JsonObject().put("pkcs12", bundle.toString()).put("password", "right"))))
        .tls().certificates().get(0).names()).containsExactly("site.test");
    assertThat(errors(config(tls(new JsonObject().put("pkcs12", bundle.toString()).put("password", "wrong")))))
        .containsExactly("listeners.edge.tls.certificates[0].password: does not open \"" + bundle + "\" (wrong password)");
    assertThat(errors(config(tls(new JsonObject().put("pkcs12", bundle.toString()).put("password", ConfigJson.REDACTED)))))
        .singleElement().asString().startsWith("listeners.edge.tls.certificates[0].password: \"<redacted>\" is how GET /config shows it");
  }

  @Test
  void traditionalKeyFormatsAndACombinedFileAreRead() throws Exception {
    Path[] rsa = openssl.keyed("rsa", "rsa.test");
    Path[] ec = openssl.keyed("ec", "ec.test");

    Path pkcs1 = openssl.traditional(rsa[1], "rsa");
    Path sec1 = openssl.traditional(ec[1], "ec");
    assertThat(Files.readString(pkcs1)).startsWith("-----BEGIN RSA PRIVATE KEY-----");
    assertThat(Files.readString(sec1)).startsWith("-----BEGIN EC PRIVATE KEY-----");
    assertThat(errors(config(tls(pem(rsa[0], pkcs1))))).isEmpty();
    assertThat(errors(config(tls(pem(ec[0], sec1))))).isEmpty();
    Path both = openssl.combined(ec[0], ec[1]);
    assertThat(errors(config(tls(pem(both, both))))).isEmpty();
  }

  @Test
  void protocolsHstsRedirectAndHttp2AreChecked() {
    Path[] site = openssl.selfSigned("site.test");
    JsonObject tls = tls(pem(site[0], site[1]));
    tls.getJsonObject("tls").put("protocols", new JsonArray().add("TLSv1.1")).put("hsts", "includeSubDomains");

    assertThat(errors(config(tls.put("redirectHttps", 443)))).containsExactly(
        "listeners.edge.tls.protocols: may hold TLSv1.2 and TLSv1.3, got \"TLSv1.1\" (TLS 1.0 and 1.1 are retired, RFC 8996, and off in the JDK)",
        "listeners.edge.tls.hsts: must be a Strict-Transport-Security value with max-age, such as \"max-age=31536000\" or"
            + " \"max-age=31536000; includeSubDomains\" (RFC 6797)",
        "listeners.edge.redirectHttps: only on a plain listener: this one already speaks TLS");
    assertThat(errors(config(new JsonObject().put("redirectHttps", 70000))))
        .containsExactly("listeners.edge.redirectHttps: must be ≤ 65535");
  }

  @Test
  void theEngineIsOneOfAutoJdkOpensslAndOpensslMustLoad() {
    Path[] site = openssl.selfSigned("site.test");
    JsonObject json = config(tls(pem(site[0], site[1])));
    json.getJsonObject("listeners").getJsonObject("edge").getJsonObject("tls").put("engine", "boringssl");

    assertThat(errors(json)).containsExactly("listeners.edge.tls.engine: must be one of auto, jdk, openssl, got \"boringssl\"");
    for (String engine : List.of("auto", "jdk", "openssl")) {
      json.getJsonObject("listeners").getJsonObject("edge").getJsonObject("tls").put("engine", engine);
      // netty-tcnative ships for Linux x86_64 and aarch64, so "openssl" loads where this build runs.
      assertThat(edge(json).tls().engine()).isEqualTo(engine);
    }
  }

  @Test
  void aRedirectingListenerNeedsNoRoutes() {
    JsonObject json = config(new JsonObject().put("redirectHttps", 443));
    json.getJsonObject("upstreams").put("other", new JsonObject().put("servers",
        new JsonArray().add(new JsonObject().put("address", "127.0.0.1:9001"))));
    json.getJsonObject("listeners").put("app", new JsonObject().put("port", 8080)
        .put("routes", new JsonArray().add(new JsonObject().put("path", "/").put("upstream", "app"))));

    assertThat(errors(json)).isEmpty();
  }

  @Test
  void aRenewedFileIsANewConfigAndTheDiffNamesIt() throws Exception {
    Path[] first = openssl.selfSigned("site.test");
    Path cert = dir.resolve("site.pem");
    Path key = dir.resolve("site.key");
    Files.copy(first[0], cert);
    Files.copy(first[1], key);
    JsonObject json = config(tls(pem(cert, key)));
    HoldfastConfig before = ConfigParser.parse(json).config();
    assertThat(before.tlsFiles()).containsKeys("listeners.edge.tls.certificates[0].cert",
        "listeners.edge.tls.certificates[0].key");

    Path[] renewed = openssl.selfSigned("site.test");
    Files.copy(renewed[0], cert, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Files.copy(renewed[1], key, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    HoldfastConfig after = ConfigParser.parse(json).config();

    assertThat(after).isNotEqualTo(before);
    assertThat(ConfigDiff.between(before, after)).extracting(ConfigDiff.Change::path)
        .containsExactly("listeners.edge.tls.certificates[0].cert", "listeners.edge.tls.certificates[0].key");
  }

  @Test
  void anExpiredCertificateIsAWarningNotAnError() {
    Path[] site = openssl.selfSigned("site.test");
    HoldfastConfig config = ConfigParser.parse(config(tls(pem(site[0], site[1])))).config();

    assertThat(config.warnings(Instant.now())).isEmpty();
    assertThat(config.warnings(Instant.now().plus(3, ChronoUnit.DAYS))).singleElement()
        .satisfies(w -> {
          assertThat(w.path()).isEqualTo("listeners.edge.tls.certificates[0]");
          assertThat(w.message()).startsWith("certificate for [site.test] expired on ");
        });
  }

  @Test
  void aPasswordChangeIsShownRedactedInTheDiff() {
    Path[] site = openssl.selfSigned("site.test");
    Path one = openssl.pkcs12(site[0], site[1], "one");
    JsonObject first = config(tls(new JsonObject().put("pkcs12", one.toString()).put("password", "one")));
    HoldfastConfig before = ConfigParser.parse(first).config();
    Path two = dir.resolve("two.p12");
    HoldfastConfig after = ConfigParser.parse(config(tls(new JsonObject().put("pkcs12",
        copy(openssl.pkcs12(site[0], site[1], "two"), two).toString()).put("password", "two")))).config();

    assertThat(ConfigDiff.between(before, after)).filteredOn(c -> c.path().endsWith("password"))
        .singleElement().satisfies(c -> {
          assertThat(c.oldValue()).isEqualTo(ConfigJson.REDACTED);
          assertThat(c.newValue()).isEqualTo(ConfigJson.REDACTED);
        });
  }

  private static Path copy(Path from, Path to) {
    try {
      return Files.copy(from, to);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
