package io.holdfast.fleet;

import io.holdfast.config.ConfigChangeResult;
import io.holdfast.config.ConfigError;
import io.holdfast.config.NodeReport;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/**
 * The questions one node asks another ({@code op}) and the JSON of their answers. Every answer names the
 * node that gave it ({@code id}, {@code address}).
 */
final class NodeOps {

  /** Identity, config version, health: one entry of {@code GET /cluster}. */
  static final String INFO = "info";
  /** The node's {@code /status.json} document. */
  static final String STATUS = "status";
  /** Would you run this fleet document ({@code document})? Nothing is applied. */
  static final String CHECK = "check";
  /** Run this fleet version ({@code change}, a {@code FleetChange} as JSON). */
  static final String ADOPT = "adopt";

  static final String OP = "op";
  static final String ID = "id";
  static final String ADDRESS = "address";
  static final String OUTCOME = "outcome";
  static final String ERRORS = "errors";

  private NodeOps() {
  }

  static JsonObject question(String op) {
    return new JsonObject().put(OP, op);
  }

  static JsonObject answer(FleetNode node) {
    return new JsonObject().put(ID, node.id()).put(ADDRESS, node.address());
  }

  /** A config step's result as a node reports it. */
  static JsonObject result(FleetNode node, ConfigChangeResult result) {
    return answer(node).put(OUTCOME, outcome(result)).put("version", result.snapshot().version())
        .put(ERRORS, errors(result.errors()));
  }

  static String outcome(ConfigChangeResult result) {
    return switch (result.outcome()) {
      case APPLIED -> NodeReport.APPLIED;
      case UNCHANGED -> NodeReport.UNCHANGED;
      case REFUSED -> NodeReport.REFUSED;
      case STALE, UNKNOWN_VERSION, UNAVAILABLE -> NodeReport.FAILED;
    };
  }

  static JsonArray errors(List<ConfigError> errors) {
    JsonArray list = new JsonArray();
    errors.forEach(e -> list.add(new JsonObject().put("path", e.path()).put("message", e.message())));
    return list;
  }

  /** What {@code answer} says, or that there was none. */
  static NodeReport report(FleetCalls.Answer answer) {
    if (!answer.answered()) {
      String why = answer.failure() == null ? "no answer" : String.valueOf(answer.failure().getMessage());
      return new NodeReport(answer.nodeId(), answer.address(), NodeReport.UNREACHABLE,
          List.of(new ConfigError("", why, answer.address())));
    }
    JsonObject body = answer.body();
    List<ConfigError> errors = new ArrayList<>();
    JsonArray list = body.getJsonArray(ERRORS, new JsonArray());
    for (int i = 0; i < list.size(); i++) {
      JsonObject e = list.getJsonObject(i);
      errors.add(new ConfigError(e.getString("path", ""), e.getString("message", ""), answer.address()));
    }
    return new NodeReport(answer.nodeId(), answer.address(), body.getString(OUTCOME, NodeReport.FAILED), errors);
  }
}
