package io.holdfast.config;

/** The admin port: status, metrics and the config API. {@code token} null = no authentication. */
public record AdminConfig(String host, int port, String token) {

  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 9090;

  @Override
  public String toString() {
    return "AdminConfig[host=" + host + ", port=" + port + ", token=" + (token == null ? "none" : "***") + "]";
  }
}
