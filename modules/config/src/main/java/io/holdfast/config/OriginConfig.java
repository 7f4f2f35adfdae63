package io.holdfast.config;

/**
 * The built-in origin: a small page served on loopback so that the shipped config answers with nothing
 * else running. Off unless enabled.
 */
public record OriginConfig(boolean enabled, String host, int port) {

  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 8000;
}
