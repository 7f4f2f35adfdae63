package io.holdfast.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The dashboard in a real browser (Debian's headless Chromium, driven over the DevTools protocol) against
 * the jar: it loads without console errors under its Content-Security-Policy, its figures move with the
 * traffic and equal /status.json's, and an advice's apply button changes the config (asking for the admin
 * token first, as a token is set), after which the config history shows the new version and its diff.
 * Writes target/dashboard.png, a screenshot under load.
 */
class DashboardE2ETest {

  private static final String TOKEN = "dashboard-e2e-token";
  private static final String ADVICE = "article[data-key=\"listeners.main.keepalive.requests\"]";
  private static final String MAIN = "tr[data-listener=\"main\"] ";

  @RegisterExtension
  final HoldfastJar holdfast = new HoldfastJar();
  private Vertx vertx;
  private TestUpstream upstream;

  @BeforeEach
  void start() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(HeadlessChromium.EXECUTABLE),
        HeadlessChromium.EXECUTABLE + " is not installed (.ci/run installs Debian's chromium)");
    vertx = Vertx.vertx();
    upstream = TestUpstream.start(vertx, "dash");
  }

  @AfterEach
  void stop() throws Exception {
    if (upstream != null) {
      upstream.close();
      vertx.close().await();
    }
  }

  @Test
  void liveFiguresMatchStatusJsonAndTheApplyButtonChangesTheConfig() throws Exception {
    TestConfig config = new TestConfig(upstream.port());
    // Every second response closes its client connection: the advisor will say so.
    config.json().getJsonObject("listeners").getJsonObject("main")
        .put("keepalive", new JsonObject().put("requests", 2));
    config.json().getJsonObject("admin").put("token", TOKEN);
    holdfast.start(config);

    try (HeadlessChromium browser = HeadlessChromium.launch(1400, 1000)) {
      browser.open("http://127.0.0.1:" + config.adminPort + "/dashboard");
      await().atMost(Duration.ofSeconds(10)).until(() -> "live".equals(browser.text("#stream-state"))
          && browser.text(MAIN + "td[data-figure=\"requests\"]") != null);
      assertThat(browser.text(MAIN + "td[data-figure=\"requests\"]")).isEqualTo("0");
      assertThat(browser.evaluate("!document.getElementById('token-form').hidden")).isEqualTo(true);

      try (WaveLoad load = WaveLoad.start(URI.create("http://127.0.0.1:" + config.listenerPort + "/"), 4, 20,
          Duration.ZERO)) {
        await().atMost(Duration.ofSeconds(30)).until(() -> browser.text(ADVICE) != null);
        await().atMost(Duration.ofSeconds(5)).until(() -> moving(browser.text(MAIN + "td[data-figure=\"requestsPerSec\"]")));
        browser.screenshot(Path.of("target", "dashboard.png"));
      }

      // Once traffic stops, the next frames show exactly what /status.json says.
      await().atMost(Duration.ofSeconds(8)).untilAsserted(() -> {
        JsonObject status = StatusSupport.json(config.adminPort);
        JsonObject main = status.getJsonObject("listeners").getJsonObject("main");
        JsonObject server = status.getJsonObject("upstreams").getJsonObject("app").getJsonObject("servers")
            .getJsonObject("127.0.0.1:" + upstream.port());
        String row = "tr[data-upstream=\"app\"][data-server=\"127.0.0.1:" + upstream.port() + "\"] ";
        assertThat(browser.text(MAIN + "td[data-figure=\"requests\"]")).isEqualTo(main.getLong("requests").toString());
        assertThat(browser.text(MAIN + "td[data-figure=\"accepted\"]")).isEqualTo(main.getLong("accepted").toString());
        assertThat(browser.text(MAIN + "td[data-figure=\"closed.requests-limit\"]"))
            .isEqualTo(main.getJsonObject("closed").getLong("requests-limit").toString());
        assertThat(browser.text(row + "td[data-figure=\"requests\"]")).isEqualTo(server.getLong("requests").toString());
        assertThat(browser.text(row + "td[data-figure=\"opened\"]")).isEqualTo(server.getLong("opened").toString());
      });
      assertThat(Long.parseLong(browser.text(MAIN + "td[data-figure=\"requests\"]"))).isGreaterThan(300);
      assertThat(browser.text(ADVICE + " .suggested")).isEqualTo("1000");

      // Apply: the first PATCH has no token (401), the page asks for it, then sends it again with it.
      browser.click(ADVICE + " button.apply");
      await().atMost(Duration.ofSeconds(5)).until(() -> browser.text(ADVICE + " .apply-result")
          .contains("admin token is needed"));
      browser.evaluate("document.getElementById('token-input').value = " + io.vertx.core.json.Json.encode(TOKEN)
          + "; document.getElementById('token-form').requestSubmit()");
      await().atMost(Duration.ofSeconds(5)).until(() -> String.valueOf(browser.text("#action-log"))
          .contains("as config version 2"));

      assertThat(browser.exchanges()).filteredOn(x -> x.method().equals("PATCH") && x.url().endsWith("/config"))
          .extracting(HeadlessChromium.Exchange::status).containsExactly(401, 200);
      HttpResponse<String> running = Http.client().send(Http.request(config.adminPort, "/config")
          .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
      JsonObject applied = new JsonObject(running.body());
      assertThat(applied.getLong("version")).isEqualTo(2);
      assertThat(applied.getJsonObject("listeners").getJsonObject("main").getJsonObject("keepalive")
          .getInteger("requests")).isEqualTo(1000);
      await().atMost(Duration.ofSeconds(5)).until(() -> "v2".equals(browser.text("#config-version")));

      // With the token given, the config history shows both versions and what changed.
      await().atMost(Duration.ofSeconds(5)).until(() -> browser.text("#history tr[data-version=\"2\"]") != null);
      assertThat(browser.text("#history tr[data-version=\"2\"]")).contains("api");
      assertThat(browser.text("#history tr[data-version=\"1\"]")).contains("file");
      browser.click("#history tr[data-version=\"2\"] button");
      await().atMost(Duration.ofSeconds(5)).until(() -> String.valueOf(browser.text("#history-diff"))
          .contains("listeners.main.keepalive.requests: 2 → 1000"));

      // Rolling back to v1 from the panel applies it again as v3.
      browser.click("#history tr[data-version=\"1\"] button");
      await().atMost(Duration.ofSeconds(5)).until(() -> String.valueOf(browser.text("#action-log"))
          .contains("applied as config version 3"));
      await().atMost(Duration.ofSeconds(5)).until(() -> String.valueOf(browser.text("#history tr[data-version=\"3\"]"))
          .contains("rollback of v1"));
      await().atMost(Duration.ofSeconds(5)).until(() -> "v3".equals(browser.text("#config-version")));

      assertThat(browser.consoleErrors).isEmpty();
      // The page's own files and stream load; only answers the page handles itself may be errors: the
      // token-less PATCH above, and the config history asked for before the token was given (401).
      assertThat(browser.exchanges()).filteredOn(x -> x.status() >= 400)
          .allSatisfy(x -> assertThat(x.url().endsWith("/config/versions") || x.method().equals("PATCH"))
              .as(x.toString()).isTrue());
    }
  }

  private static boolean moving(String requestsPerSecond) {
    try {
      return Double.parseDouble(requestsPerSecond) > 0;
    } catch (NumberFormatException | NullPointerException e) {
      return false;
    }
  }
}
