package io.holdfast.config;

import io.vertx.core.json.JsonObject;

import java.util.List;

/** {@code upstreams.<name>.healthCheck}: off when absent or null, on with every default for {@code {}}. */
final class HealthCheckSection {

  /** rise and fall above this would take hours to act at any sane interval: surely a typo. */
  static final int MAX_COUNT = 100;

  private HealthCheckSection() {
  }

  static HealthCheckConfig parse(ConfigReader upstream, List<ConfigError> errors) {
    if (!upstream.has("healthCheck")) {
      return null;
    }
    JsonObject json = upstream.object("healthCheck");
    if (json == null) {
      return null;
    }
    ConfigReader r = new ConfigReader(json, upstream.path("healthCheck"), errors);
    String path = r.string("path", HealthCheckConfig.DEFAULT_PATH);
    if (!path.startsWith("/") || path.chars().anyMatch(c -> c <= 0x20 || c == 0x7F)) {
      r.error("path", "must start with \"/\" and contain no spaces or control characters, got \"" + path + "\"");
    }
    var interval = r.duration("interval", HealthCheckConfig.DEFAULT_INTERVAL, false);
    var timeout = r.duration("timeout", HealthCheckConfig.DEFAULT_TIMEOUT, false);
    if (timeout.compareTo(interval) > 0) {
      r.error("timeout", "must be ≤ interval (" + Durations.format(interval) + "): a probe ends before the next one starts");
    }
    int rise = r.integer("rise", HealthCheckConfig.DEFAULT_RISE, 1, MAX_COUNT);
    int fall = r.integer("fall", HealthCheckConfig.DEFAULT_FALL, 1, MAX_COUNT);
    ExpectStatus expect = expectStatus(r);
    String host = r.string("host", null);
    if (host != null && host.chars().anyMatch(c -> c <= 0x20 || c == 0x7F || c == '/')) {
      r.error("host", "must be a host name with an optional port, got \"" + host + "\"");
    }
    r.rejectUnknown();
    return new HealthCheckConfig(path, interval, timeout, rise, fall, expect, host);
  }

  private static ExpectStatus expectStatus(ConfigReader r) {
    Object value = r.value("expectStatus");
    if (value == null) {
      return ExpectStatus.DEFAULT;
    }
    ExpectStatus parsed = value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
        ? ExpectStatus.parse(String.valueOf(n.longValue()))
        : value instanceof String s ? ExpectStatus.parse(s) : null;
    if (parsed == null) {
      r.error("expectStatus", ExpectStatus.EXPECTED + ", got " + (value instanceof String ? "\"" + value + "\"" : value));
      return ExpectStatus.DEFAULT;
    }
    return parsed;
  }
}
