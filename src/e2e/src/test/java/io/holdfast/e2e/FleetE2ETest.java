package io.holdfast.e2e;

import io.holdfast.testkit.FreePorts;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Contract §9 against three jar processes on loopback: they form one fleet; a PATCH on node 2 runs on all
 * three as one version and is on each node's disk; node 3 killed leaves 1 and 2 serving and is dropped from
 * {@code /cluster}; restarted on its old file it catches up; two PATCHes at once on two nodes both land.
 */
@ExtendWith(VertxExtension.class)
class FleetE2ETest {

  /** Three JVMs joining at once on a shared two-core machine take a while. */
  private static final Duration FORMING = Duration.ofSeconds(90);

  @RegisterExtension
  final HoldfastJar jar = new HoldfastJar();

  private record Node(TestConfig config, Path file, HoldfastProcess process) {
    int admin() {
      return config.adminPort;
    }
  }

  @Test
  void threeNodesRunOneConfigSurviveALostNodeAndCatchItUp(Vertx vertx) throws Exception {
    try (TestUpstream upstream = TestUpstream.start(vertx, "app")) {
      List<Integer> clusterPorts = List.of(FreePorts.next(), FreePorts.next(), FreePorts.next());
      List<Node> nodes = new ArrayList<>();
      for (int port : clusterPorts) {
        TestConfig config = new TestConfig(upstream.port());
        config.json().put("cluster", new JsonObject().put("enabled", true).put("name", "e2e-" + clusterPorts.get(0))
            .put("port", port).put("members", new JsonArray(clusterPorts.stream().map(p -> "127.0.0.1:" + p).toList())));
        HoldfastProcess process = jar.startUnchecked(config, List.of());
        nodes.add(new Node(config, jar.configFile(), process));
      }
      for (Node node : nodes) {
        node.process().awaitHealthy(node.admin(), FORMING);
      }
      await().atMost(FORMING).pollInterval(Duration.ofMillis(200))
          .until(() -> clusterNodes(nodes.get(0).admin()).size() == 3);
      Node one = nodes.get(0);
      Node two = nodes.get(1);
      Node three = nodes.get(2);
      // java -jar alone: the jar's manifest opens what Hazelcast needs, so it does not ask for flags.
      assertThat(one.process().output()).doesNotContain("without proper access");

      fleetPanelListsEveryNode(one.admin(), clusterPorts);

      // A PATCH on node 2 runs everywhere as one version, and each node persists it with its own ports.
      HttpResponse<String> patched = patch(two.admin(), keepalive("connections", 7));
      assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
      long version = new JsonObject(patched.body()).getLong("version");
      await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
          .until(() -> nodes.stream().allMatch(n -> runningVersion(n.admin()) == version));
      for (Node node : nodes) {
        JsonObject onDisk = new JsonObject(Files.readString(node.file()));
        assertThat(keepalive(onDisk).getInteger("connections")).isEqualTo(7);
        assertThat(onDisk.getJsonObject("admin").getInteger("port")).isEqualTo(node.admin());
      }

      // Node 3 killed: 1 and 2 keep serving, and /cluster drops it.
      three.process().signal("KILL");
      long killedAt = System.nanoTime();
      for (Node node : List.of(one, two)) {
        assertThat(Http.get(node.config().listenerPort, "/").body()).isEqualTo("app /");
        assertThat(HoldfastProcess.healthy(node.admin())).isTrue();
      }
      await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
          .until(() -> clusterNodes(one.admin()).size() == 2);
      System.out.printf("fleet: a killed node left /cluster after %d ms%n", (System.nanoTime() - killedAt) / 1_000_000);

      // A change while it is gone; restarted on its old file, it starts on the fleet's version.
      HttpResponse<String> whileAway = patch(one.admin(), keepalive("requests", 50));
      assertThat(whileAway.statusCode()).as(whileAway.body()).isEqualTo(200);
      long latest = new JsonObject(whileAway.body()).getLong("version");
      HoldfastProcess restarted = jar.startOn(three.file(), List.of());
      restarted.awaitHealthy(three.admin(), FORMING);
      assertThat(runningVersion(three.admin())).isEqualTo(latest);
      assertThat(keepalive(new JsonObject(Files.readString(three.file()))).getInteger("requests")).isEqualTo(50);
      assertThat(Http.get(three.config().listenerPort, "/").body()).isEqualTo("app /");

      // Two changes at once on two nodes: both land, in some order, as two versions.
      CompletableFuture<HttpResponse<String>> onOne = patchAsync(one.admin(), keepalive("connections", 11));
      CompletableFuture<HttpResponse<String>> onTwo = patchAsync(two.admin(), keepalive("timeout", "33s"));
      List<Long> versions = new ArrayList<>();
      for (HttpResponse<String> response : List.of(onOne.get(), onTwo.get())) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        versions.add(new JsonObject(response.body()).getLong("version"));
      }
      assertThat(versions).containsExactlyInAnyOrder(latest + 1, latest + 2);
      await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
          .until(() -> List.of(one, two, three).stream().allMatch(n -> runningVersion(n.admin()) == latest + 2));
      for (Node node : List.of(one, two, three)) {
        JsonObject running = keepalive(new JsonObject(Http.get(node.admin(), "/config").body()));
        assertThat(running.getInteger("connections")).isEqualTo(11);
        assertThat(running.getString("timeout")).isEqualTo("33s");
      }
    }
  }

  /** The dashboard's fleet panel, in a real browser when one is installed (.ci/run installs Chromium). */
  private static void fleetPanelListsEveryNode(int admin, List<Integer> clusterPorts) throws Exception {
    if (!Files.isExecutable(HeadlessChromium.EXECUTABLE)) {
      return;
    }
    try (HeadlessChromium browser = HeadlessChromium.launch(1280, 900)) {
      browser.open("http://127.0.0.1:" + admin + "/dashboard");
      await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() ->
          Integer.valueOf(3).equals(browser.evaluate("document.querySelectorAll('#fleet tbody tr').length")));
      String panel = browser.text("#fleet-section");
      for (int port : clusterPorts) {
        assertThat(panel).contains("127.0.0.1:" + port);
      }
      assertThat(panel).contains("(this node)").contains("every node runs it").contains("3 of 3 nodes answered");
    }
  }

  private static JsonObject keepalive(JsonObject config) {
    return config.getJsonObject("upstreams").getJsonObject("app").getJsonObject("keepalive");
  }

  private static JsonObject keepalive(String key, Object value) {
    return new JsonObject().put("upstreams", new JsonObject().put("app", new JsonObject()
        .put("keepalive", new JsonObject().put(key, value))));
  }

  private static JsonArray clusterNodes(int admin) throws IOException, InterruptedException {
    return new JsonObject(Http.get(admin, "/cluster").body()).getJsonArray("nodes");
  }

  /** The version a node runs, or -1 while it does not answer. */
  private static long runningVersion(int admin) {
    try {
      return new JsonObject(Http.get(admin, "/config").body()).getLong("version");
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private static HttpRequest patchRequest(int admin, JsonObject patch) {
    return Http.request(admin, "/config").header("Content-Type", "application/merge-patch+json")
        .method("PATCH", HttpRequest.BodyPublishers.ofString(patch.encode())).build();
  }

  private static HttpResponse<String> patch(int admin, JsonObject patch) throws IOException, InterruptedException {
    return Http.client().send(patchRequest(admin, patch), HttpResponse.BodyHandlers.ofString());
  }

  private static CompletableFuture<HttpResponse<String>> patchAsync(int admin, JsonObject patch) {
    return Http.client().sendAsync(patchRequest(admin, patch), HttpResponse.BodyHandlers.ofString());
  }
}
