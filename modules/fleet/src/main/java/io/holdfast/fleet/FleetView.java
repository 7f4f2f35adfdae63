package io.holdfast.fleet;

import io.holdfast.config.ConfigSnapshot;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * The fleet as the admin API shows it: {@code GET /cluster}'s document from every member's answer, and the
 * list of every member's status document. A member that did not answer is listed, marked unreachable.
 */
final class FleetView {

  private final FleetNode self;
  private final String clusterName;

  FleetView(FleetNode self, String clusterName) {
    this.self = self;
    this.clusterName = clusterName;
  }

  /** This node's entry, answered to another node's {@code info}. */
  JsonObject info(ConfigSnapshot running, boolean listenersUp, String health) {
    var admin = running.config().admin();
    return NodeOps.answer(self)
        .put("admin", admin.host() + ":" + admin.port())
        .put("since", self.since().toString())
        .put("version", running.version())
        .put("appliedAt", running.appliedAt().toString())
        .put("source", running.source())
        .put("listenersUp", listenersUp)
        .put("health", health);
  }

  JsonObject nodes(List<FleetCalls.Answer> answers) {
    JsonArray nodes = new JsonArray();
    Long version = null;
    boolean converged = true;
    for (FleetCalls.Answer answer : answers) {
      if (!answer.answered()) {
        converged = false;
        nodes.add(unreachable(answer));
        continue;
      }
      JsonObject node = answer.body().copy().put("self", self.id().equals(answer.nodeId())).put("reachable", true);
      long v = node.getLong("version");
      converged &= version == null || version == v;
      version = version == null ? v : Math.max(version, v);
      nodes.add(node);
    }
    return new JsonObject().put("enabled", true).put("name", clusterName).put("self", self.id())
        .put("version", version).put("converged", converged).put("nodes", nodes);
  }

  JsonArray statuses(List<FleetCalls.Answer> answers) {
    JsonArray statuses = new JsonArray();
    for (FleetCalls.Answer answer : answers) {
      statuses.add(answer.answered() ? answer.body().copy().put("self", self.id().equals(answer.nodeId()))
          : unreachable(answer));
    }
    return statuses;
  }

  private static JsonObject unreachable(FleetCalls.Answer answer) {
    return new JsonObject().put(NodeOps.ID, answer.nodeId()).put("reachable", false)
        .put("error", answer.failure() == null ? "no answer" : String.valueOf(answer.failure().getMessage()));
  }
}
