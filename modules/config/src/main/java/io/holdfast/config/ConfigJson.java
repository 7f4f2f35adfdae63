package io.holdfast.config;

import io.vertx.core.json.JsonObject;

/** A {@link HoldfastConfig} back to JSON with every default written out; parsing it gives the same config. */
public final class ConfigJson {

  private ConfigJson() {
  }

  public static JsonObject toJson(HoldfastConfig config) {
    throw new UnsupportedOperationException("TODO");
  }
}
