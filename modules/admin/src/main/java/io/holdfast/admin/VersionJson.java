package io.holdfast.admin;

import io.holdfast.config.ConfigDiff;
import io.holdfast.config.ConfigJson;
import io.holdfast.config.ConfigSnapshot;
import io.holdfast.config.ConfigVersion;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A config version as the admin API shows it: its identity ({@code version}, {@code appliedAt},
 * {@code source}, and {@code rollbackOf} for a rollback), and for one version also its diff against the
 * version before and its whole config, every default written out and the token redacted.
 */
final class VersionJson {

  private VersionJson() {
  }

  static JsonObject identity(ConfigSnapshot snapshot) {
    return new JsonObject()
        .put("version", snapshot.version())
        .put("appliedAt", snapshot.appliedAt().toString())
        .put("source", snapshot.source());
  }

  static JsonObject summary(ConfigVersion version) {
    JsonObject json = identity(version.snapshot());
    if (version.rollbackOf() > 0) {
      json.put("rollbackOf", version.rollbackOf());
    }
    return json;
  }

  static JsonObject detail(ConfigVersion version) {
    JsonArray diff = new JsonArray();
    for (ConfigDiff.Change change : version.diff()) {
      diff.add(new JsonObject().put("path", change.path()).put("old", change.oldValue()).put("new", change.newValue()));
    }
    return summary(version)
        .put("diff", diff)
        .put("config", ConfigJson.toRedactedJson(version.snapshot().config()));
  }
}
