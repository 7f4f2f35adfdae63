package io.holdfast.admin;

import io.holdfast.bus.Addresses;
import io.holdfast.config.ConfigChange;
import io.holdfast.config.ConfigChangeResult;
import io.holdfast.config.ConfigJson;
import io.holdfast.config.ConfigRejection;
import io.holdfast.config.ConfigSnapshot;
import io.holdfast.config.JsonSyntax;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * GET, PUT and PATCH /config. Changes go to the config verticle, which validates, writes the file and
 * applies; this class only turns HTTP into a {@link ConfigChange} and the result back into HTTP.
 */
final class ConfigEndpoints {

  static final String MERGE_PATCH = "application/merge-patch+json";
  private static final Set<String> PATCH_TYPES = Set.of(MERGE_PATCH, AdminResponses.JSON);

  private final EventBus bus;
  private final int bodyLimit;

  ConfigEndpoints(EventBus bus, int bodyLimit) {
    this.bus = bus;
    this.bodyLimit = bodyLimit;
  }

  void get(HttpServerRequest request, ConfigSnapshot running) {
    JsonObject body = identity(running).mergeIn(TokenRedaction.redact(ConfigJson.toJson(running.config())));
    // A refused file edit leaves the running config in place; the operator sees why here.
    bus.<ConfigRejection>request(Addresses.CONFIG_REJECTION, null).onComplete(ar -> {
      if (ar.succeeded() && ar.result().body().present()) {
        body.put("lastRejected", rejection(ar.result().body()));
      }
      AdminResponses.json(request.response(), 200, body);
    });
  }

  private static JsonObject rejection(ConfigRejection rejection) {
    JsonArray errors = new JsonArray();
    rejection.errors().forEach(e -> errors.add(new JsonObject().put("path", e.path()).put("message", e.message())));
    return new JsonObject().put("source", rejection.source()).put("at", rejection.at().toString()).put("errors", errors);
  }

  void put(HttpServerRequest request, ConfigSnapshot running) {
    change(request, running, ConfigChange.Kind.REPLACE);
  }

  void patch(HttpServerRequest request, ConfigSnapshot running) {
    String type = mediaType(request.getHeader(HttpHeaders.CONTENT_TYPE));
    if (!PATCH_TYPES.contains(type)) {
      request.response().putHeader("Accept-Patch", MERGE_PATCH);
      AdminResponses.error(request.response(), 415,
          "PATCH takes a JSON Merge Patch (RFC 7396): Content-Type " + MERGE_PATCH + " or application/json");
      return;
    }
    change(request, running, ConfigChange.Kind.PATCH);
  }

  private void change(HttpServerRequest request, ConfigSnapshot running, ConfigChange.Kind kind) {
    HttpServerResponse response = request.response();
    BodyReader.read(request, bodyLimit).onComplete(read -> {
      if (read.failed()) {
        if (read.cause() instanceof BodyReader.TooLarge) {
          // The rest of the body is not read: close rather than leave the connection out of sync.
          response.putHeader(HttpHeaders.CONNECTION, "close");
          AdminResponses.error(response, 413, read.cause().getMessage())
              .onComplete(v -> request.connection().close());
        } else {
          AdminResponses.error(response, 400, "could not read the request body: " + read.cause().getMessage());
        }
        return;
      }
      JsonObject body = parse(read.result(), response);
      if (body == null) {
        return;
      }
      String token = running.config().admin().token();
      ConfigChange change = new ConfigChange(kind, TokenRedaction.restore(kind, body, token));
      bus.<ConfigChangeResult>request(Addresses.CONFIG_CHANGE, change).onComplete(ar -> {
        if (ar.failed()) {
          AdminResponses.error(response, 503, "config service unavailable: " + ar.cause().getMessage());
        } else {
          answer(response, ar.result().body());
        }
      });
    });
  }

  private static void answer(HttpServerResponse response, ConfigChangeResult result) {
    if (result.applied()) {
      AdminResponses.json(response, 200, identity(result.snapshot()));
    } else {
      AdminResponses.errors(response, 400, result.errors());
    }
  }

  /** The body as a JSON object, or null after answering 400 (where the JSON breaks, without parser internals). */
  private static JsonObject parse(Buffer body, HttpServerResponse response) {
    try {
      return JsonSyntax.parseObject(body.toString(StandardCharsets.UTF_8));
    } catch (JsonSyntax.SyntaxException e) {
      AdminResponses.error(response, 400, "the body " + e.getMessage());
      return null;
    }
  }

  private static JsonObject identity(ConfigSnapshot snapshot) {
    return new JsonObject()
        .put("version", snapshot.version())
        .put("appliedAt", snapshot.appliedAt().toString())
        .put("source", snapshot.source());
  }

  private static String mediaType(String contentType) {
    if (contentType == null) {
      return "";
    }
    int params = contentType.indexOf(';');
    return (params < 0 ? contentType : contentType.substring(0, params)).trim().toLowerCase(Locale.ROOT);
  }
}
