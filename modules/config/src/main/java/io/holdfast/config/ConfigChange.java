package io.holdfast.config;

import io.holdfast.bus.VersionPrecondition;
import io.vertx.core.json.JsonObject;

/**
 * A request to the config verticle: replace the config, or JSON-merge-patch it (RFC 7396), provided
 * {@code precondition} holds for the running version when the change is applied.
 */
public record ConfigChange(Kind kind, JsonObject body, VersionPrecondition precondition) {

  public enum Kind { REPLACE, PATCH }

  /** A change with no condition on the running version. */
  public ConfigChange(Kind kind, JsonObject body) {
    this(kind, body, VersionPrecondition.ANY);
  }
}
