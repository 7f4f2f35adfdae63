package io.holdfast.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** conf/holdfast.json as shipped (only its ports moved) answers with the built-in welcome page. */
class ShippedConfigE2ETest {

  @TempDir
  Path dir;

  @Test
  void shippedConfigServesTheWelcomePageThroughTheProxy() throws Exception {
    ShippedConfig shipped = ShippedConfig.onFreePorts();
    int listenerPort = shipped.listenerPort();
    int adminPort = shipped.adminPort();
    Path file = dir.resolve("holdfast.json");
    Files.writeString(file, shipped.json().encodePrettily());

    try (HoldfastProcess holdfast = HoldfastProcess.start("--config", file.toString())) {
      holdfast.awaitHealthy(adminPort);

      HttpResponse<String> root = Http.get(listenerPort, "/");
      HttpResponse<String> anything = Http.get(listenerPort, "/anything");

      assertThat(root.statusCode()).isEqualTo(200);
      assertThat(root.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
      assertThat(root.body())
          .contains("Holdfast is running")
          .contains("http://127.0.0.1:" + adminPort + "/status.json")
          .contains(file.toString());
      assertThat(anything.statusCode()).isEqualTo(200);
      assertThat(anything.body()).contains("Holdfast is running");
    }
  }
}
