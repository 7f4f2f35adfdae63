package io.holdfast.config;

import java.util.List;

/** The outcome of parsing: a config, or every error found (never both). */
public record ConfigResult(HoldfastConfig config, List<ConfigError> errors) {

  public ConfigResult {
    errors = List.copyOf(errors);
  }

  public static ConfigResult valid(HoldfastConfig config) {
    return new ConfigResult(config, List.of());
  }

  public static ConfigResult invalid(List<ConfigError> errors) {
    return new ConfigResult(null, errors);
  }

  public boolean isValid() {
    return errors.isEmpty();
  }
}
