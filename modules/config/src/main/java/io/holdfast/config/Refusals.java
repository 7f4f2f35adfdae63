package io.holdfast.config;

import java.time.Instant;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The config verticle's refusals: each logged once (not at every scan of the same broken file), and the
 * last refused config file kept for {@code GET /config}'s {@code lastRejected}.
 */
final class Refusals {

  // The config verticle's voice: operators (and tests) follow one logger for config changes.
  private static final Logger LOG = Logger.getLogger(ConfigVerticle.class.getName());

  private List<ConfigError> last = List.of();
  private ConfigRejection lastFile = ConfigRejection.NONE;

  ConfigChangeResult refuse(List<ConfigError> errors, String source, ConfigSnapshot running) {
    // A SIGHUP's requester reports its own refusal; logging it here too printed it twice.
    if (!errors.equals(last) && !ConfigSnapshot.SIGHUP.equals(source)) {
      LOG.log(Level.WARNING, () -> "config from " + source + " refused, version " + running.version()
          + " keeps running:\n  " + String.join("\n  ", errors.stream().map(ConfigError::toString).toList()));
    }
    last = errors;
    if (ConfigSnapshot.FILE.equals(source) || ConfigSnapshot.SIGHUP.equals(source)) {
      lastFile = new ConfigRejection(source, Instant.now(), errors);
    }
    return ConfigChangeResult.refused(running, errors);
  }

  /** A config applied (or a file read found valid): the next refusal is news again. */
  void applied() {
    last = List.of();
  }

  /** The config file read last was valid. */
  void fileAccepted() {
    last = List.of();
    lastFile = ConfigRejection.NONE;
  }

  ConfigRejection lastFile() {
    return lastFile;
  }
}
