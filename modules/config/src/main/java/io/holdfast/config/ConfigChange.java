package io.holdfast.config;

import io.vertx.core.json.JsonObject;

/** A request to the config verticle: replace the config, or JSON-merge-patch it (RFC 7396). */
public record ConfigChange(Kind kind, JsonObject body) {

  public enum Kind { REPLACE, PATCH }
}
