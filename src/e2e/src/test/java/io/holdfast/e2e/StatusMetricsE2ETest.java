package io.holdfast.e2e;

import io.holdfast.e2e.StatusSupport.GatedUpstream;
import io.holdfast.e2e.StatusSupport.RawClient;
import io.holdfast.testkit.FreePorts;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Prometheus scrape and Debian's prometheus-nginx-exporter reading /status, against the real process
 * after a known sequence: 2 client keepalive connections left idle after 3 requests in all.
 */
class StatusMetricsE2ETest {

  private static final Path EXPORTER = Path.of("/usr/bin/prometheus-nginx-exporter");
  private static final String MAIN = "listener=\"main\"";

  @RegisterExtension
  static final HoldfastJar HOLDFAST = new HoldfastJar();
  private static Vertx vertx;
  private static GatedUpstream upstream;
  private static TestConfig config;
  private static final List<RawClient> clients = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    upstream = new GatedUpstream(vertx);
    config = new TestConfig(upstream.port());
    HOLDFAST.start(config);
    RawClient first = new RawClient(config.listenerPort);
    RawClient second = new RawClient(config.listenerPort);
    clients.addAll(List.of(first, second));
    first.get("/1");
    first.get("/2");
    second.get("/3");
  }

  @AfterAll
  static void stop() throws Exception {
    for (RawClient client : clients) {
      client.close();
    }
    upstream.close();
    vertx.close().await();
  }

  @Test
  void metricsCarryTheDocumentedNamesAndAgreeWithStatusJson() throws Exception {
    JsonObject json = StatusSupport.json(config.adminPort);
    String scrape = Http.get(config.adminPort, "/metrics").body();
    JsonObject main = json.getJsonObject("listeners").getJsonObject("main");
    JsonObject server = json.getJsonObject("upstreams").getJsonObject("app").getJsonObject("servers")
        .getJsonObject("127.0.0.1:" + upstream.port());
    String[] pool = {"upstream=\"app\"", "server=\"127.0.0.1:" + upstream.port() + "\""};

    assertThat(main.getLong("requests")).isEqualTo(3);
    assertThat(main.getLong("waiting")).isEqualTo(2);
    assertThat(StatusSupport.metric(scrape, "holdfast_client_connections", MAIN, "state=\"waiting\"")).isEqualTo(2);
    assertThat(StatusSupport.metric(scrape, "holdfast_client_connections", MAIN, "state=\"writing\"")).isZero();
    assertThat(StatusSupport.metric(scrape, "holdfast_client_connections", MAIN, "state=\"reading\"")).isZero();
    assertThat(StatusSupport.metric(scrape, "holdfast_client_connections_accepted_total", MAIN)).isEqualTo(2);
    assertThat(StatusSupport.metric(scrape, "holdfast_client_connections_handled_total", MAIN)).isEqualTo(2);
    assertThat(StatusSupport.metric(scrape, "holdfast_client_requests_total", MAIN)).isEqualTo(3);
    for (String reason : main.getJsonObject("closed").fieldNames()) {
      assertThat(StatusSupport.metric(scrape, "holdfast_client_connections_closed_total", MAIN,
          "reason=\"" + reason + "\"")).isEqualTo(main.getJsonObject("closed").getLong(reason).doubleValue());
    }
    assertThat(StatusSupport.metric(scrape, "holdfast_upstream_connections", cat(pool, "state=\"idle\"")))
        .isEqualTo(server.getLong("idle").doubleValue()).isEqualTo(1);
    assertThat(StatusSupport.metric(scrape, "holdfast_upstream_connections", cat(pool, "state=\"active\""))).isZero();
    assertThat(StatusSupport.metric(scrape, "holdfast_upstream_connections", cat(pool, "state=\"lingering\"")))
        .isZero();
    assertThat(StatusSupport.metric(scrape, "holdfast_upstream_connections_opened_total", pool)).isEqualTo(1);
    assertThat(StatusSupport.metric(scrape, "holdfast_upstream_connections_closed_total", pool)).isZero();
    assertThat(StatusSupport.metric(scrape, "holdfast_upstream_requests_total", pool)).isEqualTo(3);
    assertThat(StatusSupport.metric(scrape, "holdfast_upstream_requests_reused_total", pool)).isEqualTo(2);
    assertThat(StatusSupport.metric(scrape, "holdfast_upstream_requests_retried_total", pool)).isZero();
    assertThat(StatusSupport.metric(scrape, "holdfast_upstream_failures_total", pool)).isZero();
    assertThat(StatusSupport.metric(scrape, "holdfast_upstream_server_down", pool)).isZero();
  }

  @Test
  void nginxPrometheusExporterReadsTheStubStatus() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(EXPORTER), EXPORTER + " is not installed");
    int port = FreePorts.next();
    Process exporter = new ProcessBuilder(EXPORTER.toString(),
        "-nginx.scrape-uri", "http://127.0.0.1:" + config.adminPort + "/status",
        "-web.listen-address", "127.0.0.1:" + port)
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    try {
      String[] scrape = new String[1];
      await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
          .until(() -> (scrape[0] = Http.get(port, "/metrics").body()).contains("nginx_up 1"));

      assertThat(value(scrape[0], "nginx_connections_active")).isEqualTo(2);
      assertThat(value(scrape[0], "nginx_connections_waiting")).isEqualTo(2);
      assertThat(value(scrape[0], "nginx_connections_writing")).isZero();
      assertThat(value(scrape[0], "nginx_connections_accepted")).isEqualTo(2);
      assertThat(value(scrape[0], "nginx_connections_handled")).isEqualTo(2);
      assertThat(value(scrape[0], "nginx_http_requests_total")).isEqualTo(3);
    } finally {
      exporter.destroy();
      exporter.waitFor(5, TimeUnit.SECONDS);
    }
  }

  private static double value(String scrape, String name) {
    return scrape.lines().filter(line -> line.startsWith(name + " ")).findFirst()
        .map(line -> Double.parseDouble(line.substring(name.length() + 1)))
        .orElseThrow(() -> new AssertionError(name + " missing from\n" + scrape));
  }

  private static String[] cat(String[] labels, String extra) {
    String[] all = java.util.Arrays.copyOf(labels, labels.length + 1);
    all[labels.length] = extra;
    return all;
  }
}
