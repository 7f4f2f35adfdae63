package io.holdfast.admin;

import io.holdfast.bus.Addresses;
import io.holdfast.bus.LocalDelivery;
import io.holdfast.config.ConfigChange;
import io.holdfast.config.ConfigChangeResult;
import io.holdfast.config.ConfigJson;
import io.holdfast.config.ConfigRejection;
import io.holdfast.config.ConfigSnapshot;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.Set;

/**
 * GET, PUT and PATCH /config. Changes go to the config verticle, which checks If-Match, validates, writes
 * the file and applies in one step; this class only turns HTTP into a {@link ConfigChange} and the result
 * back into HTTP.
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
    JsonObject body = VersionJson.identity(running).mergeIn(ConfigJson.toRedactedJson(running.config()));
    // A refused file edit leaves the running config in place; the operator sees why here.
    bus.<ConfigRejection>request(Addresses.CONFIG_REJECTION, null, LocalDelivery.options()).onComplete(ar -> {
      if (ar.succeeded() && ar.result().body().present()) {
        body.put("lastRejected", rejection(ar.result().body()));
      }
      request.response().putHeader(HttpHeaders.ETAG, IfMatch.etag(running.version()));
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
    JsonBody.read(request, bodyLimit).onSuccess(body -> {
      String token = running.config().admin().token();
      ConfigChange change = new ConfigChange(kind, TokenRedaction.restore(kind, body, token),
          IfMatch.precondition(request));
      bus.<ConfigChangeResult>request(Addresses.CONFIG_CHANGE, change, LocalDelivery.options())
          .onComplete(reply -> ChangeAnswers.send(request, reply));
    });
  }

  private static String mediaType(String contentType) {
    if (contentType == null) {
      return "";
    }
    int params = contentType.indexOf(';');
    return (params < 0 ? contentType : contentType.substring(0, params)).trim().toLowerCase(Locale.ROOT);
  }
}
