package io.holdfast.e2e;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 5: sixteen keepalive clients keep GETting and POSTing while the client limits, the upstream pool
 * limits, the server list and the routes change a dozen times, by PATCH and by file edit. Not one request
 * may fail and every body must arrive whole.
 */
@ExtendWith(VertxExtension.class)
class ReloadUnderLoadE2ETest {

  private static final int CLIENTS = 16;
  private static final Duration BETWEEN_CHANGES = Duration.ofMillis(700);

  @RegisterExtension
  final HoldfastJar jar = new HoldfastJar();

  @Test
  void noRequestFailsWhileLimitsServersAndRoutesChangeADozenTimes(Vertx vertx) throws Exception {
    try (TestUpstream s0 = TestUpstream.start(vertx, "s0");
        TestUpstream s1 = TestUpstream.start(vertx, "s1");
        TestUpstream s2 = TestUpstream.start(vertx, "s2")) {
      int[] ports = {s0.port(), s1.port(), s2.port()};
      TestConfig config = new TestConfig(s0.port());
      JsonObject model = config.json();
      model.put("reload", new JsonObject().put("watch", true));
      model.getJsonObject("upstreams").put("other", TestConfig.upstream(s1.port()));
      HoldfastProcess holdfast = jar.start(config);
      Path file = jar.configFile();
      ReloadLoad load = new ReloadLoad(config.listenerPort, CLIENTS);
      load.start();
      await().atMost(Duration.ofSeconds(10)).until(() -> load.completed() > 100);

      List<JsonObject> patches = changes(ports);
      for (int i = 0; i < patches.size(); i++) {
        ReloadAdmin.mergePatch(model, patches.get(i));
        long before = ReloadAdmin.version(config.adminPort);
        if (i % 3 == 2) {
          Files.writeString(file, model.encodePrettily());
        } else {
          HttpResponse<String> answer = ReloadAdmin.patch(config.adminPort, patches.get(i));
          assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        }
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
            .until(() -> ReloadAdmin.version(config.adminPort) > before);
        long completedBefore = load.completed();
        Thread.sleep(BETWEEN_CHANGES.toMillis()); // let traffic run under the new config
        assertThat(load.completed()).as("traffic keeps flowing after change %d", i).isGreaterThan(completedBefore);
      }
      ReloadLoad.Result result = load.stop();

      assertThat(result.failures()).as("failures out of %d requests", result.completed()).isEmpty();
      assertThat(result.completed()).isGreaterThan(500);
      assertThat(s0.requests.get() + s1.requests.get() + s2.requests.get()).isGreaterThanOrEqualTo((int) result.completed());
      assertThat(s2.requests.get()).as("a server added at runtime takes traffic").isPositive();
      assertThat(holdfast.isAlive()).isTrue();
      System.out.printf("reload-under-load: %d requests, %d failed, %d upstream connections%n",
          result.completed(), result.failures().size(),
          s0.connections.get() + s1.connections.get() + s2.connections.get());
    }
  }

  /** Twelve merge patches: client limits, pool limits, servers among three, routes. */
  private static List<JsonObject> changes(int[] ports) {
    List<JsonObject> changes = new ArrayList<>();
    changes.add(clientKeepalive(new JsonObject().put("requests", 5)));
    changes.add(servers(ports[0], ports[1]));
    changes.add(poolKeepalive(new JsonObject().put("connections", 2)));
    changes.add(clientKeepalive(new JsonObject().put("timeout", "3s").put("requests", 50)));
    changes.add(routes(true));
    changes.add(servers(ports[1], ports[2]));
    changes.add(poolKeepalive(new JsonObject().put("connections", 0)));
    changes.add(servers(ports[0], ports[1], ports[2]));
    changes.add(clientKeepalive(new JsonObject().put("requests", 2)));
    changes.add(poolKeepalive(new JsonObject().put("connections", 8).put("requests", 10)));
    changes.add(routes(false));
    changes.add(servers(ports[2]));
    changes.add(clientKeepalive(new JsonObject().put("requests", 1000).put("timeout", "10s")));
    return changes;
  }

  private static JsonObject clientKeepalive(JsonObject keepalive) {
    return new JsonObject().put("listeners", new JsonObject().put("main",
        new JsonObject().put("keepalive", keepalive)));
  }

  private static JsonObject poolKeepalive(JsonObject keepalive) {
    return new JsonObject().put("upstreams", new JsonObject().put("app",
        new JsonObject().put("keepalive", keepalive)));
  }

  private static JsonObject servers(int... ports) {
    JsonArray servers = new JsonArray();
    for (int port : ports) {
      servers.add(new JsonObject().put("address", "127.0.0.1:" + port));
    }
    return new JsonObject().put("upstreams", new JsonObject().put("app",
        new JsonObject().put("servers", servers)));
  }

  private static JsonObject routes(boolean withAlt) {
    JsonArray routes = new JsonArray();
    if (withAlt) {
      routes.add(new JsonObject().put("path", "/alt").put("upstream", "other"));
    }
    routes.add(new JsonObject().put("path", "/").put("upstream", "app"));
    return new JsonObject().put("listeners", new JsonObject().put("main",
        new JsonObject().put("routes", routes)));
  }
}
