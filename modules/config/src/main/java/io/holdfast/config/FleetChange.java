package io.holdfast.config;

import io.vertx.core.json.JsonObject;

/**
 * One config version as the fleet decided it: its number, the document of the node that made it (each
 * node applies it with its own {@link NodeLocalKeys}), where it came from, and a unique {@code changeId}
 * (two sides of a healed network partition may both have made a version {@code n}). Crosses the cluster
 * as JSON; the document holds {@code admin.token} in clear, like the config file.
 */
public record FleetChange(long version, JsonObject document, String source, long rollbackOf, String changeId,
    String origin) {

  public FleetChange {
    document = document.copy();
  }

  @Override
  public JsonObject document() {
    return document.copy();
  }

  public JsonObject toJson() {
    return new JsonObject().put("version", version).put("document", document.copy()).put("source", source)
        .put("rollbackOf", rollbackOf).put("changeId", changeId).put("origin", origin);
  }

  public static FleetChange fromJson(JsonObject json) {
    return new FleetChange(json.getLong("version"), json.getJsonObject("document"), json.getString("source"),
        json.getLong("rollbackOf", 0L), json.getString("changeId"), json.getString("origin"));
  }
}
