package io.holdfast.config;

import io.holdfast.bus.ConfigRollback;
import io.holdfast.bus.VersionPrecondition;

/**
 * Something that asks for a new config: an admin API write ({@code change}), a rollback ({@code rollback}),
 * or the config file read again ({@code source} {@value ConfigSnapshot#FILE} or {@value ConfigSnapshot#SIGHUP}).
 * Exactly one of {@code change} and {@code rollback} is set for the API kinds, neither for a file read.
 */
public record ChangeRequest(String source, ConfigChange change, ConfigRollback rollback) {

  public static ChangeRequest api(ConfigChange change) {
    return new ChangeRequest(ConfigSnapshot.API, change, null);
  }

  public static ChangeRequest rollback(ConfigRollback rollback) {
    return new ChangeRequest(ConfigSnapshot.ROLLBACK, null, rollback);
  }

  /** The file read again: {@code source} is {@value ConfigSnapshot#FILE} (watch) or {@value ConfigSnapshot#SIGHUP}. */
  public static ChangeRequest file(String source) {
    return new ChangeRequest(source, null, null);
  }

  public boolean fromFile() {
    return change == null && rollback == null;
  }

  public VersionPrecondition precondition() {
    if (change != null) {
      return change.precondition();
    }
    return rollback != null ? rollback.precondition() : VersionPrecondition.ANY;
  }
}
