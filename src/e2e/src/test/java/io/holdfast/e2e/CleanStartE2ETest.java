package io.holdfast.e2e;

import io.holdfast.testkit.FreePorts;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A newcomer reads a warning as a fault: starting on the shipped config or on the smallest config there is
 * (only their ports moved), and stopping again, logs nothing at WARNING or above on stdout or stderr.
 */
class CleanStartE2ETest {

  // java.util.logging's levels, and the spellings other loggers would use if one slipped in.
  private static final Pattern ALARM = Pattern.compile("\\b(WARNING|SEVERE|WARN|ERROR|Exception)\\b");

  @TempDir
  Path dir;

  @Test
  void theShippedConfigStartsServesAndStopsWithoutAWarning() throws Exception {
    ShippedConfig shipped = ShippedConfig.onFreePorts();

    String output = startServeAndStop(shipped.json(), shipped.adminPort(), shipped.listenerPort());

    assertThat(output).contains("ready").contains("file descriptor limit");
    assertNoAlarm(output);
  }

  @Test
  void theMinimalConfigStartsAndStopsWithoutAWarning() throws Exception {
    int listenerPort = FreePorts.next();
    int adminPort = FreePorts.next();
    JsonObject json = new JsonObject("{\"upstreams\":{\"app\":{\"servers\":[{\"address\":\"127.0.0.1:3000\"}]}}}")
        .put("listeners", new JsonObject().put("main", new JsonObject().put("port", listenerPort)))
        .put("admin", new JsonObject().put("port", adminPort));

    String output = startServeAndStop(json, adminPort, -1);

    assertThat(output).contains("ready");
    assertNoAlarm(output);
  }

  /** Starts, waits for health, reads the status and optionally one proxied page, then stops with SIGTERM. */
  private String startServeAndStop(JsonObject config, int adminPort, int listenerPort) throws Exception {
    Path file = dir.resolve("holdfast.json");
    Files.writeString(file, config.encodePrettily());
    try (HoldfastProcess holdfast = HoldfastProcess.start("--config", file.toString())) {
      holdfast.awaitHealthy(adminPort);
      assertThat(Http.get(adminPort, "/status.json").statusCode()).isEqualTo(200);
      assertThat(Http.get(adminPort, "/metrics").statusCode()).isEqualTo(200);
      if (listenerPort > 0) {
        assertThat(Http.get(listenerPort, "/").statusCode()).isEqualTo(200);
      }
      holdfast.terminate();
      assertThat(holdfast.waitForExit(Duration.ofSeconds(30))).as(holdfast.output()).isZero();
      return holdfast.output();
    }
  }

  private static void assertNoAlarm(String output) {
    List<String> alarms = output.lines().filter(line -> ALARM.matcher(line).find()).toList();
    assertThat(alarms).as("lines at WARNING or above in:%n%s", output).isEmpty();
  }
}
