package io.holdfast.admin;

import io.holdfast.config.ConfigChangeResult;
import io.holdfast.config.NodeReport;
import io.vertx.core.AsyncResult;
import io.vertx.core.eventbus.Message;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The config verticle's answer to a write (PUT, PATCH, rollback) as HTTP: 200 with the version that runs
 * (new, or unchanged when the write changed nothing) and its ETag, in a fleet with what every other node did
 * ({@code nodes}); 400 with the errors (in a fleet, {@code node} names another node that refused); 404 for a
 * rollback to a version not kept; 412 when If-Match named another version than the running one; 503 when the
 * fleet could not take the change.
 */
final class ChangeAnswers {

  private ChangeAnswers() {
  }

  static void send(HttpServerRequest request, AsyncResult<Message<ConfigChangeResult>> reply) {
    HttpServerResponse response = request.response();
    if (reply.failed()) {
      AdminResponses.error(response, 503, "config service unavailable: " + reply.cause().getMessage());
      return;
    }
    ConfigChangeResult result = reply.result().body();
    long running = result.snapshot().version();
    switch (result.outcome()) {
      case APPLIED, UNCHANGED -> {
        response.putHeader(HttpHeaders.ETAG, IfMatch.etag(running));
        AdminResponses.json(response, 200, withNodes(VersionJson.identity(result.snapshot()), result));
      }
      case STALE -> {
        response.putHeader(HttpHeaders.ETAG, IfMatch.etag(running));
        AdminResponses.error(response, 412, "If-Match " + IfMatch.header(request)
            + " does not match the running config, version " + running + " (ETag " + IfMatch.etag(running)
            + "): read it again and redo the change");
      }
      case UNKNOWN_VERSION -> AdminResponses.errors(response, 404, result.errors());
      case REFUSED -> AdminResponses.errors(response, 400, result.errors());
      case UNAVAILABLE -> AdminResponses.errors(response, 503, result.errors());
    }
  }

  /** In a fleet, what every other node did with the change. */
  private static JsonObject withNodes(JsonObject answer, ConfigChangeResult result) {
    if (result.nodes().isEmpty()) {
      return answer;
    }
    JsonArray nodes = new JsonArray();
    for (NodeReport node : result.nodes()) {
      JsonArray errors = new JsonArray();
      node.errors().forEach(e -> errors.add(AdminResponses.error(e)));
      nodes.add(new JsonObject().put("id", node.id()).put("address", node.address()).put("outcome", node.outcome())
          .put("errors", errors));
    }
    return answer.put("nodes", nodes);
  }
}
