package io.holdfast.admin;

import io.holdfast.config.ConfigError;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * How the admin API answers: JSON documents, and every client or server error in one shape,
 * {@code {"errors":[{"path":"...","message":"..."}]}}, the shape config validation uses.
 */
final class AdminResponses {

  static final String JSON = "application/json";

  private AdminResponses() {
  }

  static Future<Void> json(HttpServerResponse response, int status, JsonObject body) {
    return response.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, JSON).end(body.encodePrettily() + "\n");
  }

  static Future<Void> json(HttpServerResponse response, int status, JsonArray body) {
    return response.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, JSON).end(body.encodePrettily() + "\n");
  }

  static Future<Void> error(HttpServerResponse response, int status, String message) {
    return errors(response, status, List.of(new ConfigError("", message)));
  }

  static Future<Void> errors(HttpServerResponse response, int status, List<ConfigError> errors) {
    JsonArray list = new JsonArray();
    errors.forEach(e -> list.add(error(e)));
    return json(response, status, new JsonObject().put("errors", list));
  }

  /** One error; {@code node} only when another node of a fleet reported it. */
  static JsonObject error(ConfigError e) {
    JsonObject json = new JsonObject().put("path", e.path()).put("message", e.message());
    return e.node() == null ? json : json.put("node", e.node());
  }

  static Future<Void> text(HttpServerResponse response, int status, String contentType, String body) {
    return response.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, contentType).end(body);
  }
}
