package io.holdfast.config;

import java.time.Instant;
import java.util.List;

/**
 * The last config file (watched or re-read on SIGHUP) that was refused, while the running snapshot
 * stayed. {@link #NONE} when the last file read applied. Admin API changes are not recorded here: their
 * caller got the errors in the answer.
 */
public record ConfigRejection(String source, Instant at, List<ConfigError> errors) {

  public static final ConfigRejection NONE = new ConfigRejection(null, null, List.of());

  public ConfigRejection {
    errors = List.copyOf(errors);
  }

  public boolean present() {
    return !errors.isEmpty();
  }
}
