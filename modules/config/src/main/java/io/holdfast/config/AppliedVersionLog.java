package io.holdfast.config;

import java.util.Optional;
import java.util.logging.Logger;

/**
 * What operators read when a config version starts running: its number and source (and the version a
 * rollback restored), then a file-descriptor shortfall when the version brings one that was not there
 * before — a shortfall that stays as it was is not repeated at every change.
 */
final class AppliedVersionLog {

  // The config verticle's voice: operators (and tests) follow one logger for config changes.
  private static final Logger LOG = Logger.getLogger(ConfigVerticle.class.getName());

  private AppliedVersionLog() {
  }

  /** {@code running} replaced {@code previous}; {@code rollbackOf} is the version it restores, 0 for none. */
  static void applied(ConfigSnapshot previous, ConfigSnapshot running, long rollbackOf) {
    LOG.info(() -> "config version " + running.version() + " applied (" + running.source()
        + (rollbackOf > 0 ? " of version " + rollbackOf : "") + ")");
    Optional<String> before = shortfall(previous.config());
    shortfall(running.config()).filter(s -> !before.equals(Optional.of(s))).ifPresent(LOG::warning);
  }

  private static Optional<String> shortfall(HoldfastConfig config) {
    return config.fileDescriptors().shortfall(config.listeners().values());
  }
}
