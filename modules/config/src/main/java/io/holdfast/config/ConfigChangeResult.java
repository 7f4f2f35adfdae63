package io.holdfast.config;

import java.util.List;

/**
 * The answer to a {@link ConfigChange}, a rollback or a reload: what happened, the snapshot running now,
 * and why nothing changed when it did not. In a fleet, {@code nodes} says what every other node did.
 */
public record ConfigChangeResult(Outcome outcome, ConfigSnapshot snapshot, List<ConfigError> errors,
    List<NodeReport> nodes) {

  public enum Outcome {
    /** A new version runs. */
    APPLIED,
    /** The requested config equals the running one: no new version, the file untouched. */
    UNCHANGED,
    /** The config is invalid; {@code errors} say where. */
    REFUSED,
    /** The precondition named another version than the running one. */
    STALE,
    /** A rollback named a version that is not (or no longer) in the history. */
    UNKNOWN_VERSION,
    /** The change could not be made now (a fleet whose lock or map did not answer); nothing changed. */
    UNAVAILABLE
  }

  public ConfigChangeResult {
    errors = List.copyOf(errors);
    nodes = List.copyOf(nodes);
  }

  public ConfigChangeResult(Outcome outcome, ConfigSnapshot snapshot, List<ConfigError> errors) {
    this(outcome, snapshot, errors, List.of());
  }

  /** {@link Outcome#APPLIED} without errors, else {@link Outcome#REFUSED}. */
  public ConfigChangeResult(ConfigSnapshot snapshot, List<ConfigError> errors) {
    this(errors.isEmpty() ? Outcome.APPLIED : Outcome.REFUSED, snapshot, errors);
  }

  public static ConfigChangeResult newVersion(ConfigSnapshot running) {
    return new ConfigChangeResult(Outcome.APPLIED, running, List.of());
  }

  public static ConfigChangeResult unchanged(ConfigSnapshot running) {
    return new ConfigChangeResult(Outcome.UNCHANGED, running, List.of());
  }

  public static ConfigChangeResult refused(ConfigSnapshot running, List<ConfigError> errors) {
    return new ConfigChangeResult(Outcome.REFUSED, running, errors);
  }

  public static ConfigChangeResult stale(ConfigSnapshot running) {
    return new ConfigChangeResult(Outcome.STALE, running,
        List.of(new ConfigError("", "the running config is version " + running.version())));
  }

  public static ConfigChangeResult unknownVersion(ConfigSnapshot running, String message) {
    return new ConfigChangeResult(Outcome.UNKNOWN_VERSION, running, List.of(new ConfigError("version", message)));
  }

  public static ConfigChangeResult unavailable(ConfigSnapshot running, String message) {
    return new ConfigChangeResult(Outcome.UNAVAILABLE, running, List.of(new ConfigError("", message)));
  }

  /** This result with what the other nodes of a fleet did. */
  public ConfigChangeResult withNodes(List<NodeReport> reports) {
    return new ConfigChangeResult(outcome, snapshot, errors, reports);
  }

  /** True when the requested config is what runs now: a new version, or no change needed. */
  public boolean applied() {
    return outcome == Outcome.APPLIED || outcome == Outcome.UNCHANGED;
  }
}
