package io.holdfast.config;

import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The last applied configs, newest first: at most {@link #KEPT_VERSIONS}, the oldest forgotten first.
 * Immutable: {@link #record} returns a new history, so the config verticle can hand the current one to any
 * reader (the admin API, a dashboard) by reference. Versions must grow; who numbers them (one process, or
 * a fleet) is the caller's business.
 */
public final class ConfigHistory {

  /** How many versions are kept (the contract asks for at least 50). */
  public static final int KEPT_VERSIONS = 50;

  private final int capacity;
  private final List<ConfigVersion> newestFirst;

  private ConfigHistory(int capacity, List<ConfigVersion> newestFirst) {
    this.capacity = capacity;
    this.newestFirst = newestFirst;
  }

  /** A history holding only {@code first} (no diff: there is nothing before it). */
  public static ConfigHistory startingWith(ConfigSnapshot first, JsonObject document) {
    return startingWith(first, document, KEPT_VERSIONS);
  }

  public static ConfigHistory startingWith(ConfigSnapshot first, JsonObject document, int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be ≥ 1: " + capacity);
    }
    return new ConfigHistory(capacity, List.of(new ConfigVersion(first, document, List.of(), 0)));
  }

  /** This history plus {@code snapshot}, diffed against the latest version. */
  public ConfigHistory record(ConfigSnapshot snapshot, JsonObject document) {
    return record(snapshot, document, 0);
  }

  /** As {@link #record(ConfigSnapshot, JsonObject)}, for a rollback to version {@code rollbackOf}. */
  public ConfigHistory record(ConfigSnapshot snapshot, JsonObject document, long rollbackOf) {
    ConfigVersion latest = latest();
    if (snapshot.version() <= latest.version()) {
      throw new IllegalArgumentException("version " + snapshot.version() + " is not after " + latest.version());
    }
    List<ConfigDiff.Change> diff = ConfigDiff.between(latest.snapshot().config(), snapshot.config());
    List<ConfigVersion> next = new ArrayList<>(Math.min(newestFirst.size() + 1, capacity));
    next.add(new ConfigVersion(snapshot, document, diff, rollbackOf));
    next.addAll(newestFirst.subList(0, Math.min(newestFirst.size(), capacity - 1)));
    return new ConfigHistory(capacity, Collections.unmodifiableList(next));
  }

  /** Every kept version, newest first. */
  public List<ConfigVersion> versions() {
    return newestFirst;
  }

  public ConfigVersion latest() {
    return newestFirst.get(0);
  }

  /** The oldest version still kept. */
  public ConfigVersion oldest() {
    return newestFirst.get(newestFirst.size() - 1);
  }

  /** Version {@code version}, unless it never existed or is no longer kept. */
  public Optional<ConfigVersion> find(long version) {
    return newestFirst.stream().filter(v -> v.version() == version).findFirst();
  }

  /** Why {@link #find} found nothing for {@code version}, in words for an operator. */
  public String whyMissing(long version) {
    if (version < 1) {
      return "versions start at 1";
    }
    if (version < oldest().version()) {
      return "version " + version + " is no longer kept (the last " + capacity + " are; the oldest is "
          + oldest().version() + ")";
    }
    return version > latest().version()
        ? "no version " + version + " (the latest is " + latest().version() + ")"
        : "no version " + version + " in the history";
  }

  public int capacity() {
    return capacity;
  }
}
