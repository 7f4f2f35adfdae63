package io.holdfast.config;

import java.util.List;

/** The answer to a {@link ConfigChange} or a reload: the snapshot now running, or why nothing changed. */
public record ConfigChangeResult(ConfigSnapshot snapshot, List<ConfigError> errors) {

  public ConfigChangeResult {
    errors = List.copyOf(errors);
  }

  public boolean applied() {
    return errors.isEmpty();
  }
}
