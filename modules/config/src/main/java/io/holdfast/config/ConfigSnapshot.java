package io.holdfast.config;

import java.time.Instant;

/**
 * A running config with its identity: {@code version} grows by one with each applied change;
 * {@code source} says where it came from ({@value #FILE}, {@value #SIGHUP}, {@value #API},
 * {@value #ROLLBACK}). Travels on the event bus by reference.
 */
public record ConfigSnapshot(long version, Instant appliedAt, String source, HoldfastConfig config) {

  /** Read from the config file: at start or by the file watch. */
  public static final String FILE = "file";
  /** Re-read from the config file on SIGHUP. */
  public static final String SIGHUP = "sighup";
  /** {@code PUT} or {@code PATCH /config}. */
  public static final String API = "api";
  /** {@code POST /config/rollback}: an earlier version's config applied again. */
  public static final String ROLLBACK = "rollback";
}
