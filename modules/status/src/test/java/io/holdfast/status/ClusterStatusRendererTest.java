package io.holdfast.status;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClusterStatusRendererTest {

  private static JsonObject node(long requests, long reused, double avgMs, double maxMs, boolean down, int active) {
    JsonObject server = new JsonObject().put("down", down).put("downOn", down ? 1 : 0).put("active", active)
        .put("requests", requests).put("reused", reused).put("reuseRatio", 0.123)
        .put("responseTime", new JsonObject().put("avgMs", avgMs).put("maxMs", maxMs));
    JsonObject status = new JsonObject()
        .put("runtime", new JsonObject().put("uptimeSeconds", 10))
        .put("instances", 2)
        .put("connections", new JsonObject().put("active", active).put("accepted", 5))
        .put("requests", requests)
        .put("listeners", new JsonObject().put("main", new JsonObject().put("requests", requests)
            .put("closed", new JsonObject().put("idle-timeout", 1))))
        .put("upstreams", new JsonObject().put("app", new JsonObject().put("servers",
            new JsonObject().put("10.1.0.1:80", server))));
    return new JsonObject().put("id", "n").put("status", status);
  }

  @Test
  void countersAndGaugesAddUpAcrossNodesAndPerNodeSectionsAreNotSummed() {
    JsonObject sum = ClusterStatusRenderer.render(new JsonArray().add(node(100, 90, 2.0, 9.0, false, 3))
        .add(node(300, 150, 4.0, 5.5, false, 1))).getJsonObject("sum");

    assertThat(sum.getLong("requests")).isEqualTo(400);
    assertThat(sum.getLong("instances")).isEqualTo(4);
    assertThat(sum.getJsonObject("connections")).isEqualTo(new JsonObject().put("active", 4L).put("accepted", 10L));
    assertThat(sum.getJsonObject("listeners").getJsonObject("main").getJsonObject("closed").getLong("idle-timeout"))
        .isEqualTo(2);
    assertThat(sum.containsKey("runtime")).isFalse();
  }

  @Test
  void ratiosAndAveragesAreRecomputedAndMaximaTakeTheLargest() {
    JsonObject server = ClusterStatusRenderer.render(new JsonArray().add(node(100, 90, 2.0, 9.0, false, 3))
            .add(node(300, 150, 4.0, 5.5, true, 1)))
        .getJsonObject("sum").getJsonObject("upstreams").getJsonObject("app").getJsonObject("servers")
        .getJsonObject("10.1.0.1:80");

    assertThat(server.getDouble("reuseRatio")).isEqualTo(0.6);
    assertThat(server.getJsonObject("responseTime").getDouble("avgMs")).isEqualTo(3.5);
    assertThat(server.getJsonObject("responseTime").getDouble("maxMs")).isEqualTo(9.0);
    assertThat(server.getBoolean("down")).as("down on any node").isTrue();
    assertThat(server.getLong("downOn")).isEqualTo(1);
  }

  @Test
  void responsesByClassAndAccessLogLinesAddUp() {
    JsonObject a = node(10, 5, 1.0, 1.0, false, 0);
    JsonObject b = node(20, 5, 1.0, 1.0, false, 0);
    for (JsonObject n : new JsonObject[] {a, b}) {
      JsonObject status = n.getJsonObject("status");
      status.getJsonObject("listeners").getJsonObject("main").put("responses",
          new JsonObject().put("2xx", status.getLong("requests")).put("5xx", 1L));
      status.put("accessLog", new JsonObject().put("enabled", true).put("path", "logs/access.log")
          .put("format", "combined").put("written", status.getLong("requests")).put("dropped", 2L));
    }

    JsonObject sum = ClusterStatusRenderer.render(new JsonArray().add(a).add(b)).getJsonObject("sum");

    assertThat(sum.getJsonObject("listeners").getJsonObject("main").getJsonObject("responses"))
        .isEqualTo(new JsonObject().put("2xx", 30L).put("5xx", 2L));
    assertThat(sum.getJsonObject("accessLog")).isEqualTo(new JsonObject().put("enabled", true)
        .put("path", "logs/access.log").put("format", "combined").put("written", 30L).put("dropped", 4L));
  }

  @Test
  void aNodeThatDidNotAnswerIsListedAndCountedButNotSummed() {
    JsonObject rendered = ClusterStatusRenderer.render(new JsonArray().add(node(100, 90, 2.0, 9.0, false, 3))
        .add(new JsonObject().put("id", "gone").put("reachable", false).put("error", "timeout")));

    assertThat(rendered.getJsonArray("nodes")).hasSize(2);
    assertThat(rendered.getJsonObject("sum").getInteger("nodes")).isEqualTo(2);
    assertThat(rendered.getJsonObject("sum").getInteger("reachable")).isEqualTo(1);
    assertThat(rendered.getJsonObject("sum").getLong("requests")).isEqualTo(100);
  }
}
