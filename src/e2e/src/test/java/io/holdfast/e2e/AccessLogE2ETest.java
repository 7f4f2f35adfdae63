package io.holdfast.e2e;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The access log and the response metrics of the real process: SIGUSR1 after a logrotate-style rename, a
 * path changed at runtime, lines on stdout, and the per-status counters and the response-time histogram
 * of /metrics against a known request mix (checked by promtool, Prometheus' own parser, when it is there).
 */
@ExtendWith(VertxExtension.class)
class AccessLogE2ETest {

  private static final Pattern LINE = Pattern.compile("^127\\.0\\.0\\.1 - - \\[[^\\]]+\\] \"GET (?<path>\\S+) HTTP/1\\.1\" "
      + "(?<status>\\d{3}) \\d+ \"-\" \"[^\"]*\" uct=(-|\\d+\\.\\d{3}) rt=\\d+\\.\\d{3} urt=(-|\\d+\\.\\d{3}) "
      + "reused=[01-] upstream=\\S+$");

  @RegisterExtension
  final HoldfastJar jar = new HoldfastJar();
  @TempDir
  Path dir;

  private static TestConfig config(int upstreamPort, Object accessLogPath) {
    TestConfig config = new TestConfig(upstreamPort);
    config.json().getJsonObject("listeners").getJsonObject("main").put("routes",
        new JsonArray().add(new JsonObject().put("path", "/app/").put("upstream", "app")));
    config.json().put("accessLog", new JsonObject().put("path", accessLogPath));
    return config;
  }

  private static List<String> lines(Path file) throws IOException {
    return Files.exists(file) ? Files.readAllLines(file) : List.of();
  }

  private static String path(String line) {
    Matcher m = LINE.matcher(line);
    assertThat(m.matches()).as(line).isTrue();
    return m.group("path");
  }

  @Test
  void sigusr1AfterARenameSendsNewLinesToANewFile(Vertx vertx) throws Exception {
    try (TestUpstream upstream = TestUpstream.start(vertx, "app")) {
      Path file = dir.resolve("logs/access.log");
      TestConfig config = config(upstream.port(), file.toString());
      HoldfastProcess holdfast = jar.start(config);
      assertThat(Http.get(config.listenerPort, "/app/before").statusCode()).isEqualTo(200);
      await().atMost(Duration.ofSeconds(5)).until(() -> lines(file).size() == 1);

      Path rotated = dir.resolve("logs/access.log.1");
      Files.move(file, rotated);
      holdfast.signal("USR1");
      await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(file));
      assertThat(Http.get(config.listenerPort, "/app/after").statusCode()).isEqualTo(200);
      assertThat(Http.get(config.listenerPort, "/nowhere").statusCode()).isEqualTo(404);

      await().atMost(Duration.ofSeconds(5)).until(() -> lines(file).size() == 2);
      assertThat(lines(file)).map(AccessLogE2ETest::path).containsExactly("/app/after", "/nowhere");
      assertThat(lines(rotated)).map(AccessLogE2ETest::path).containsExactly("/app/before");
      assertThat(holdfast.output()).contains("SIGUSR1: reopening the access log");
      JsonObject status = StatusSupport.json(config.adminPort).getJsonObject("accessLog");
      assertThat(status.getLong("reopened")).isEqualTo(1);
      assertThat(status.getLong("written")).isEqualTo(3);
      assertThat(status.getLong("dropped")).isZero();
    }
  }

  @Test
  void aPathChangedThroughTheAdminApiTakesTheNextLinesAndStdoutWorks(Vertx vertx) throws Exception {
    try (TestUpstream upstream = TestUpstream.start(vertx, "app")) {
      Path first = dir.resolve("first.log");
      TestConfig config = config(upstream.port(), first.toString());
      HoldfastProcess holdfast = jar.start(config);
      Http.get(config.listenerPort, "/app/1");
      await().atMost(Duration.ofSeconds(5)).until(() -> lines(first).size() == 1);

      Path second = dir.resolve("second.log");
      assertThat(ReloadAdmin.patch(config.adminPort, new JsonObject().put("accessLog",
          new JsonObject().put("path", second.toString()).put("format", "json"))).statusCode()).isEqualTo(200);
      await().atMost(Duration.ofSeconds(5)).until(() -> {
        Http.get(config.listenerPort, "/app/2");
        return lines(second).size() > 0;
      });
      assertThat(new JsonObject(lines(second).get(0)).getString("uri")).isEqualTo("/app/2");

      ReloadAdmin.patch(config.adminPort, new JsonObject().put("accessLog", new JsonObject().put("path", "stdout")));
      await().atMost(Duration.ofSeconds(5)).until(() -> {
        Http.get(config.listenerPort, "/app/out");
        return holdfast.output().contains("\"uri\":\"/app/out\"");
      });
    }
  }

  @Test
  void metricsCountAKnownRequestMixByClassWithAHistogramOfEveryUpstreamRequest(Vertx vertx) throws Exception {
    try (TestUpstream upstream = TestUpstream.start(vertx, "app")) {
      Path file = dir.resolve("mix.log");
      TestConfig config = config(upstream.port(), file.toString());
      jar.start(config);
      for (int i = 0; i < 5; i++) {
        assertThat(Http.get(config.listenerPort, "/app/" + i).statusCode()).isEqualTo(200);
      }
      for (int i = 0; i < 2; i++) {
        assertThat(Http.get(config.listenerPort, "/nowhere/" + i).statusCode()).isEqualTo(404);
      }
      await().atMost(Duration.ofSeconds(5)).until(() -> lines(file).size() == 7);

      String scrape = Http.get(config.adminPort, "/metrics").body();
      String main = "listener=\"main\"";
      String[] server = {"upstream=\"app\"", "server=\"127.0.0.1:" + upstream.port() + "\""};
      assertThat(StatusSupport.metric(scrape, "holdfast_client_responses_total", main, "code=\"2xx\"")).isEqualTo(5);
      assertThat(StatusSupport.metric(scrape, "holdfast_client_responses_total", main, "code=\"4xx\"")).isEqualTo(2);
      assertThat(StatusSupport.metric(scrape, "holdfast_client_responses_total", main, "code=\"5xx\"")).isZero();
      assertThat(StatusSupport.metric(scrape, "holdfast_upstream_responses_total", cat(server, "code=\"2xx\"")))
          .isEqualTo(5);
      assertThat(StatusSupport.metric(scrape, "holdfast_upstream_responses_total", cat(server, "code=\"4xx\"")))
          .isZero();
      assertThat(unlabelled(scrape, "holdfast_access_log_lines_written_total")).isEqualTo(7);
      assertThat(unlabelled(scrape, "holdfast_access_log_lines_dropped_total")).isZero();

      List<Double> buckets = new ArrayList<>();
      Matcher bucket = Pattern.compile("holdfast_upstream_response_seconds_bucket\\{[^}]*le=\"([^\"]+)\"[^}]*} (\\S+)")
          .matcher(scrape);
      while (bucket.find()) {
        buckets.add(Double.parseDouble(bucket.group(2)));
      }
      assertThat(buckets).hasSize(19).isSorted().last().isEqualTo(5.0);
      assertThat(StatusSupport.metric(scrape, "holdfast_upstream_response_seconds_count", server)).isEqualTo(5)
          .isEqualTo(StatusSupport.metric(scrape, "holdfast_upstream_requests_total", server));
      assertThat(StatusSupport.metric(scrape, "holdfast_upstream_response_seconds_sum", server)).isPositive();

      JsonObject status = StatusSupport.json(config.adminPort);
      assertThat(status.getJsonObject("listeners").getJsonObject("main").getJsonObject("responses").getLong("2xx"))
          .isEqualTo(5);
      assertThat(status.getJsonObject("listeners").getJsonObject("main").getJsonObject("responses").getLong("4xx"))
          .isEqualTo(2);
    }
  }

  /** Prometheus' own parser and linter on the whole scrape; skipped where promtool is not installed. */
  @Test
  void promtoolAcceptsTheScrapeWithTheNewFamilies(Vertx vertx) throws Exception {
    Path promtool = Path.of(System.getProperty("promtool", onPath("promtool")));
    Assumptions.assumeTrue(Files.isExecutable(promtool), promtool + " is not installed (Debian: prometheus; or -Dpromtool=)");
    String scrape;
    try (TestUpstream upstream = TestUpstream.start(vertx, "app")) {
      TestConfig config = config(upstream.port(), dir.resolve("p.log").toString());
      jar.start(config);
      Http.get(config.listenerPort, "/app/x");
      Http.get(config.listenerPort, "/nowhere");
      scrape = Http.get(config.adminPort, "/metrics").body();
    }
    assertThat(scrape).contains("holdfast_upstream_response_seconds_bucket", "holdfast_client_responses_total");
    Process check = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true).start();
    check.getOutputStream().write(scrape.getBytes(StandardCharsets.UTF_8));
    check.getOutputStream().close();
    String report = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(check.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(report).doesNotContain("error while linting").doesNotContain("parsing error");
    assertThat(report.lines().filter(line -> line.startsWith("holdfast_"))).as(report).isEmpty();
  }

  private static double unlabelled(String scrape, String name) {
    return scrape.lines().filter(line -> line.startsWith(name + " ")).findFirst()
        .map(line -> Double.parseDouble(line.substring(name.length() + 1)))
        .orElseThrow(() -> new AssertionError(name + " missing from\n" + scrape));
  }

  private static String[] cat(String[] labels, String extra) {
    String[] all = java.util.Arrays.copyOf(labels, labels.length + 1);
    all[labels.length] = extra;
    return all;
  }

  /** The program's path on $PATH, or its bare name when it is not there (then not executable, and skipped). */
  private static String onPath(String program) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      Path candidate = Path.of(dir, program);
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    return program;
  }
}
