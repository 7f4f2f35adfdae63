package io.holdfast.e2e;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code instances} changed at runtime deploys or undeploys listener instances; traffic keeps flowing. */
@ExtendWith(VertxExtension.class)
class InstancesE2ETest {

  @RegisterExtension
  final HoldfastJar holdfast = new HoldfastJar();

  @Test
  void patchingInstancesScalesListenerInstancesWithoutRestart(Vertx vertx) throws Exception {
    TestUpstream upstream = TestUpstream.start(vertx, "app");
    TestConfig config = new TestConfig(upstream.port());
    holdfast.start(config);
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
