package io.holdfast.config;

/** One reason a config is refused, at a key path such as {@code upstreams.app.keepalive.requests}. */
public record ConfigError(String path, String message) {

  @Override
  public String toString() {
    return path + ": " + message;
  }
}
