package io.holdfast.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code instances} changed at runtime deploys or undeploys listener instances; traffic keeps flowing. */
class InstancesE2ETest {

  private Vertx vertx;
  private TestUpstream upstream;
  private HoldfastProcess holdfast;

  @AfterEach
  void stop() throws Exception {
    if (holdfast != null) {
      holdfast.close();
    }
    if (upstream != null) {
      upstream.close();
    }
    if (vertx != null) {
      vertx.close().await();
    }
  }

  @Test
  void patchingInstancesScalesListenerInstancesWithoutRestart() throws Exception {
    vertx = Vertx.vertx();
    upstream = TestUpstream.start(vertx, "app");
    TestConfig config = new TestConfig(upstream.port());
    holdfast = HoldfastProcess.start("--config", config.write(Files.createTempDirectory("holdfast-e2e")).toString())
        .awaitHealthy(config.adminPort);
    assertThat(instances(config.adminPort)).isEqualTo(1);

    assertThat(patch(config.adminPort, "{\"instances\": 3}")).isEqualTo(200);
    await().atMost(Duration.ofSeconds(10)).until(() -> instances(config.adminPort) == 3);
    for (int i = 0; i < 20; i++) {
      assertThat(Http.get(config.listenerPort, "/x" + i).statusCode()).isEqualTo(200);
    }
    assertThat(Http.get(config.adminPort, "/healthz").statusCode()).isEqualTo(200);

    assertThat(patch(config.adminPort, "{\"instances\": 1}")).isEqualTo(200);
    await().atMost(Duration.ofSeconds(10)).until(() -> instances(config.adminPort) == 1);
    assertThat(Http.get(config.listenerPort, "/after").statusCode()).isEqualTo(200);
  }

  private static int instances(int adminPort) throws Exception {
    return new JsonObject(Http.get(adminPort, "/status.json").body()).getInteger("instances");
  }

  private static int patch(int adminPort, String body) throws Exception {
    HttpRequest request = Http.request(adminPort, "/config")
        .header("Content-Type", "application/merge-patch+json")
        .method("PATCH", HttpRequest.BodyPublishers.ofString(body)).build();
    return Http.client().send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
  }
}
