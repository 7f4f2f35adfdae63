package io.holdfast.admin;

import io.holdfast.testkit.FreePorts;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * /status read by the nginx Prometheus exporter (Debian's prometheus-nginx-exporter), the scraper
 * stub_status compatibility exists for. Skipped where the exporter is not installed.
 */
class NginxExporterTest {

  private static final Path EXPORTER = Path.of("/usr/bin/prometheus-nginx-exporter");

  private Vertx vertx;
  private Process exporter;

  @BeforeEach
  void setUp() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(EXPORTER), "prometheus-nginx-exporter is not installed");
    vertx = Vertx.vertx();
    ConfigStandIn unused = new ConfigStandIn(vertx, null);
    StatusStandIns.deploy(vertx, ConfigStandIn.snapshot(1, null));
  }

  @AfterEach
  void tearDown() throws Exception {
    if (exporter != null) {
      exporter.destroy();
      exporter.waitFor(5, TimeUnit.SECONDS);
    }
    if (vertx != null) {
      vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void nginxExporterReadsHoldfastStubStatus() throws Exception {
    AdminVerticle admin = new AdminVerticle(ConfigStandIn.snapshot(1, null).config().admin());
    vertx.deployVerticle(admin).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    int exporterPort = FreePorts.next();
    exporter = new ProcessBuilder(EXPORTER.toString(),
        "--nginx.scrape-uri=http://127.0.0.1:" + admin.actualPort() + "/status",
        "--web.listen-address=127.0.0.1:" + exporterPort)
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    AdminClient scraper = new AdminClient(vertx, exporterPort);

    await().atMost(Duration.ofSeconds(10)).ignoreExceptions().untilAsserted(() ->
        assertThat(scraper.get("/metrics").body()).contains("nginx_up 1"));
    String metrics = scraper.get("/metrics").body();

    assertThat(metrics)
        .contains("nginx_connections_active 3")
        .contains("nginx_connections_accepted 17")
        .contains("nginx_connections_handled 17")
        .contains("nginx_http_requests_total 120")
        .contains("nginx_connections_reading 0")
        .contains("nginx_connections_writing 1")
        .contains("nginx_connections_waiting 2");
  }

}
