package io.holdfast.config;

import java.time.Duration;

/** Whether the config file is watched, and how often it is scanned. */
public record ReloadConfig(boolean watch, Duration scan) {

  public static final boolean DEFAULT_WATCH = true;
  public static final Duration DEFAULT_SCAN = Duration.ofSeconds(1);
}
