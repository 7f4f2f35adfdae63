package io.holdfast.config;

import io.holdfast.config.tls.TrustedCertificates;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code upstreams.<name>.tls}: defaults, the CA file checked at parse time, and what makes a config differ. */
class UpstreamTlsConfigTest {

  static final Path CA_A = resource("ca-a.pem");
  static final Path CA_B = resource("ca-b.pem");

  @TempDir
  Path dir;

  static Path resource(String name) {
    try {
      return Path.of(UpstreamTlsConfigTest.class.getResource("/tls/" + name).toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ConfigResult parse(JsonObject tls) {
    return ConfigParser.parse(new JsonObject().put("upstreams", new JsonObject().put("app", new JsonObject()
        .put("servers", new io.vertx.core.json.JsonArray().add(new JsonObject().put("address", "10.0.0.5:443")))
        .put("tls", tls))));
  }

  private static JsonObject on(String ca) {
    return new JsonObject().put("enabled", true).put("ca", ca);
  }

  private static List<String> errors(ConfigResult result) {
    return result.errors().stream().map(e -> e.path() + ": " + e.message()).toList();
  }

  @Test
  void anUpstreamWithoutTlsIsPlainAndVerifyDefaultsToOn() {
    ConfigResult plain = ConfigParser.parse(ConfigParserTest.minimal());
    assertThat(plain.config().upstreams().get("app").tls()).isEqualTo(UpstreamTls.DISABLED);
    UpstreamTls tls = parse(new JsonObject().put("enabled", true)).config().upstreams().get("app").tls();
    assertThat(tls).isEqualTo(new UpstreamTls(true, null, true, null, null));
  }

  @Test
  void theCaFileIsReadAndParsedAtParseTime() {
    ConfigResult result = parse(on(CA_A.toString()).put("sni", "api.internal"));
    assertThat(result.errors()).isEmpty();
    UpstreamTls tls = result.config().upstreams().get("app").tls();
    assertThat(tls.sni()).isEqualTo("api.internal");
    assertThat(tls.trusted().certificates()).hasSize(1);
    assertThat(tls.trusted().certificates().get(0).getSubjectX500Principal().getName()).contains("holdfast test CA a");
    assertThat(result.config().tlsFiles()).containsOnlyKeys("upstreams.app.tls.ca");
  }

  @Test
  void aMissingCaFileIsRefusedAtItsKeyPath() {
    assertThat(errors(parse(on(dir.resolve("nope.pem").toString()))))
        .singleElement().asString().startsWith("upstreams.app.tls.ca: \"" + dir.resolve("nope.pem") + "\" does not exist");
  }

  @Test
  void aCaFileThatIsNotPemIsRefused() throws Exception {
    Path text = Files.writeString(dir.resolve("ca.pem"), "not a certificate\n");
    assertThat(errors(parse(on(text.toString())))).singleElement().asString()
        .isEqualTo("upstreams.app.tls.ca: \"" + text + "\" holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
  }

  @Test
  void aPrivateKeyGivenAsCaIsRefused() throws Exception {
    Path key = Files.writeString(dir.resolve("key.pem"),
        "-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg\n-----END PRIVATE KEY-----\n");
    assertThat(errors(parse(on(key.toString())))).singleElement().asString()
        .contains("holds a PRIVATE KEY block: a CA file holds certificates only");
  }

  @Test
  void aBrokenCertificateIsRefused() throws Exception {
    Path broken = Files.writeString(dir.resolve("broken.pem"),
        "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
    assertThat(errors(parse(on(broken.toString())))).singleElement().asString()
        .contains("certificate 1 cannot be parsed");
    Path open = Files.writeString(dir.resolve("open.pem"), "-----BEGIN CERTIFICATE-----\nAAAA\n");
    assertThat(errors(parse(on(open.toString())))).singleElement().asString()
        .contains("PEM block CERTIFICATE is not closed");
  }

  @Test
  void aDirectoryOrAnEmptyFileIsRefused() throws Exception {
    assertThat(errors(parse(on(dir.toString())))).singleElement().asString().contains("is a directory");
    Path empty = Files.createFile(dir.resolve("empty.pem"));
    assertThat(errors(parse(on(empty.toString())))).singleElement().asString().contains("is empty");
  }

  @Test
  void aDisabledSectionDoesNotReadItsCaFile() {
    ConfigResult result = parse(new JsonObject().put("enabled", false).put("ca", dir.resolve("nope.pem").toString()));
    assertThat(result.errors()).isEmpty();
    assertThat(result.config().tlsFiles()).isEmpty();
  }

  @Test
  void sniMustBeAHostName() {
    assertThat(errors(parse(new JsonObject().put("enabled", true).put("sni", "10.0.0.5"))))
        .singleElement().asString().startsWith("upstreams.app.tls.sni: must be a host name");
    assertThat(errors(parse(new JsonObject().put("enabled", true).put("sni", "api.internal:443"))))
        .singleElement().asString().startsWith("upstreams.app.tls.sni: must be a host name");
  }

  @Test
  void unknownKeysAreRefusedWithAHint() {
    assertThat(errors(parse(new JsonObject().put("enabled", true).put("verfy", false))))
        .containsExactly("upstreams.app.tls.verfy: unknown key (did you mean \"verify\"?)");
  }

  @Test
  void theServerNameIsSniElseAHostNameElseNone() {
    ServerConfig ip = new ServerConfig("10.0.0.5", 443, 1, 0);
    ServerConfig named = new ServerConfig("backend.local", 443, 1, 0);
    UpstreamTls noSni = new UpstreamTls(true, null, true, null, null);
    assertThat(noSni.serverName(ip)).isNull();
    assertThat(noSni.serverName(named)).isEqualTo("backend.local");
    assertThat(new UpstreamTls(true, "api.internal", true, null, null).serverName(ip)).isEqualTo("api.internal");
    assertThat(noSni.serverName(new ServerConfig("::1", 443, 1, 0))).isNull();
  }

  @Test
  void theSectionSurvivesTheRoundTripThroughJson() {
    HoldfastConfig config = parse(on(CA_A.toString()).put("sni", "api.internal").put("verify", true)).config();
    JsonObject json = ConfigJson.toJson(config);
    assertThat(json.getJsonObject("upstreams").getJsonObject("app").getJsonObject("tls")).isEqualTo(new JsonObject()
        .put("enabled", true).put("sni", "api.internal").put("verify", true).put("ca", CA_A.toString())
        .put("engine", "auto"));
    assertThat(ConfigParser.parse(json).config()).isEqualTo(config);
  }

  @Test
  void theEngineIsOneOfAutoJdkOpensslAndOpensslMustLoad() {
    assertThat(errors(parse(on(CA_A.toString()).put("engine", "boringssl"))))
        .containsExactly("upstreams.app.tls.engine: must be one of auto, jdk, openssl, got \"boringssl\"");
    for (String engine : List.of("auto", "jdk", "openssl")) {
      // netty-tcnative ships for Linux x86_64 and aarch64, so "openssl" loads where this build runs.
      assertThat(parse(on(CA_A.toString()).put("engine", engine)).config().upstreams().get("app").tls().engine())
          .isEqualTo(engine);
    }
  }

  @Test
  void newContentUnderTheSamePathIsAnotherConfigAndShowsInTheDiff() throws Exception {
    Path ca = Files.copy(CA_A, dir.resolve("ca.pem"));
    HoldfastConfig before = parse(on(ca.toString())).config();
    assertThat(parse(on(ca.toString())).config()).isEqualTo(before);
    Files.copy(CA_B, ca, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    HoldfastConfig after = parse(on(ca.toString())).config();
    assertThat(after).isNotEqualTo(before);
    TrustedCertificates a = before.upstreams().get("app").tls().trusted();
    TrustedCertificates b = after.upstreams().get("app").tls().trusted();
    assertThat(ConfigDiff.between(before, after)).containsExactly(new ConfigDiff.Change("upstreams.app.tls.ca",
        "sha256:" + a.file().sha256(), "sha256:" + b.file().sha256()));
  }
}
