package io.holdfast.config;

import io.vertx.core.json.JsonObject;

/** JSON to a validated {@link HoldfastConfig}, reporting every error at once with its key path. */
public final class ConfigParser {

  private ConfigParser() {
  }

  public static ConfigResult parse(JsonObject json) {
    throw new UnsupportedOperationException("TODO");
  }
}
