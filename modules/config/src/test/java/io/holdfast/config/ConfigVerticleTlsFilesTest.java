package io.holdfast.config;

import io.holdfast.bus.Addresses;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A TLS file that changes under an unchanged config file is a new config version, however it is reloaded. */
class ConfigVerticleTlsFilesTest extends ConfigVerticleFixture {

  @TempDir
  Path dir;
  private Path file;
  private Path ca;

  private void deploy(boolean watch) throws Exception {
    file = dir.resolve("holdfast.json");
    ca = Files.copy(UpstreamTlsConfigTest.CA_A, dir.resolve("ca.pem"));
    Files.writeString(file, """
        {"upstreams": {"app": {"servers": [{"address": "127.0.0.1:8443"}],
                               "tls": {"enabled": true, "sni": "api.internal", "ca": "%s"}}},
         "listeners": {"main": {"port": 0}},
         "reload": {"watch": %s, "scan": "200ms"}}""".formatted(ca, watch));
    ConfigSnapshot initial = new ConfigSnapshot(1, Instant.now(), "file", ConfigLoader.load(file).config());
    deploy(new ConfigVerticle(file, initial));
  }

  private ConfigChangeResult reload() throws Exception {
    return vertx.eventBus().<ConfigChangeResult>request(Addresses.CONFIG_RELOAD, null).await(5, TimeUnit.SECONDS).body();
  }

  private String caDigest(ConfigSnapshot snapshot) {
    return snapshot.config().upstreams().get("app").tls().trusted().file().sha256();
  }

  @Test
  void theFileWatchPicksUpANewCaFile() throws Exception {
    deploy(true);
    // Let the watch take its first reading, then replace the CA file alone.
    await().pollDelay(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> true);
    Files.copy(UpstreamTlsConfigTest.CA_B, ca, StandardCopyOption.REPLACE_EXISTING);
    await().atMost(Duration.ofSeconds(3)).until(() -> !published.isEmpty());
    assertThat(published.get(0).version()).isEqualTo(2);
    assertThat(caDigest(published.get(0))).isEqualTo(
        io.holdfast.config.tls.TlsFile.read(UpstreamTlsConfigTest.CA_B.toString()).sha256());
  }

  @Test
  void anApiWriteOfTheSameDocumentPicksUpANewCaFile() throws Exception {
    deploy(false);
    JsonObject same = ConfigLoader.read(file);
    ConfigChangeResult unchanged = vertx.eventBus().<ConfigChangeResult>request(Addresses.CONFIG_CHANGE,
        new ConfigChange(ConfigChange.Kind.REPLACE, same.copy())).await(5, TimeUnit.SECONDS).body();
    assertThat(unchanged.snapshot().version()).isEqualTo(1);
    Files.copy(UpstreamTlsConfigTest.CA_B, ca, StandardCopyOption.REPLACE_EXISTING);
    ConfigChangeResult renewed = vertx.eventBus().<ConfigChangeResult>request(Addresses.CONFIG_CHANGE,
        new ConfigChange(ConfigChange.Kind.REPLACE, same.copy())).await(5, TimeUnit.SECONDS).body();
    assertThat(renewed.snapshot().version()).isEqualTo(2);
    assertThat(published).singleElement().satisfies(s -> assertThat(caDigest(s)).isEqualTo(
        io.holdfast.config.tls.TlsFile.read(UpstreamTlsConfigTest.CA_B.toString()).sha256()));
  }

  @Test
  void aReloadPicksUpANewCaFileAndRefusesABrokenOne() throws Exception {
    deploy(false);
    assertThat(reload().snapshot().version()).isEqualTo(1);
    Files.copy(UpstreamTlsConfigTest.CA_B, ca, StandardCopyOption.REPLACE_EXISTING);
    ConfigChangeResult renewed = reload();
    assertThat(renewed.applied()).isTrue();
    assertThat(renewed.snapshot().version()).isEqualTo(2);

    Files.writeString(ca, "garbage");
    ConfigChangeResult broken = reload();
    assertThat(broken.errors()).singleElement().satisfies(e -> {
      assertThat(e.path()).isEqualTo("upstreams.app.tls.ca");
      assertThat(e.message()).contains("holds no PEM certificate");
    });
    assertThat(broken.snapshot().version()).isEqualTo(2);
    assertThat(published).hasSize(1);
  }
}
