package io.holdfast.config;

/**
 * One reason a config is refused, at a key path such as {@code upstreams.app.keepalive.requests}. In a fleet,
 * {@code node} names the node that refused it (its cluster address); null for this node.
 */
public record ConfigError(String path, String message, String node) {

  public ConfigError(String path, String message) {
    this(path, message, null);
  }

  /** This error as reported by {@code node}. */
  public ConfigError on(String node) {
    return new ConfigError(path, message, node);
  }

  @Override
  public String toString() {
    return (node == null ? "" : "[" + node + "] ") + path + ": " + message;
  }
}
