package io.holdfast.config;

/** One upstream server. {@code maxConnections} 0 means no limit (nginx's {@code max_conns}). */
public record ServerConfig(String host, int port, int weight, int maxConnections) {

  public static final int DEFAULT_WEIGHT = 1;
  public static final int DEFAULT_MAX_CONNECTIONS = 0;

  /** {@code host:port}, as written in the config. */
  public String address() {
    return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
  }
}
