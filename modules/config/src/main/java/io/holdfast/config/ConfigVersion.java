package io.holdfast.config;

import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * One applied config in the {@link ConfigHistory}: its snapshot (version, time, source, config), the JSON
 * document that produced it (what a rollback writes back to the file), what changed against the version
 * before it, and, for a rollback, the version it restored ({@code 0} otherwise). Immutable.
 */
public record ConfigVersion(ConfigSnapshot snapshot, JsonObject document, List<ConfigDiff.Change> diff,
    long rollbackOf) {

  public ConfigVersion {
    document = document.copy();
    diff = List.copyOf(diff);
  }

  public long version() {
    return snapshot.version();
  }

  /**
   * A copy: the history's own document never changes. It may hold {@code admin.token} in clear: to show a
   * version, render {@link #snapshot()} with {@link ConfigJson#toRedactedJson}, never this.
   */
  @Override
  public JsonObject document() {
    return document.copy();
  }
}
