package io.holdfast.config;

/** How access log lines are written: nginx's {@code combined} with Holdfast's timings, or JSON lines. */
public enum AccessLogFormat {
  COMBINED("combined"), JSON("json");

  private final String key;

  AccessLogFormat(String key) {
    this.key = key;
  }

  /** The spelling used in the config file. */
  public String key() {
    return key;
  }
}
