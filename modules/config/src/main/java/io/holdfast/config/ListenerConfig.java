package io.holdfast.config;

import java.time.Duration;
import java.util.List;

/**
 * One client-facing port. {@code maxHeaderSize} bounds the request head (431 past it, nginx's
 * {@code large_client_header_buffers}); {@code maxUriLength} bounds the request line (414 past it).
 * {@code maxConnectionsSet} says whether the config gave {@code maxConnections}; when it did not, the
 * value is the default derived from the open-files limit ({@link FileDescriptorBudget}).
 * {@code compression} applies per response, so changing it needs no rebind.
 * {@code headerTimeout}, {@code bodyTimeout} and {@code sendTimeout} are nginx's
 * {@code client_header_timeout}, {@code client_body_timeout} and {@code send_timeout}.
 * {@code tls} is null on a plain listener. {@code http2}: ALPN offers {@code h2} on a TLS listener, h2c with
 * prior knowledge is accepted on a plain one. {@code redirectHttps}: a port number (0: off) to which every
 * request on this plain listener is redirected with {@code 301}.
 */
public record ListenerConfig(
    String name,
    String host,
    int port,
    ClientKeepalive keepalive,
    int maxConnections,
    boolean maxConnectionsSet,
    int maxHeaderSize,
    int maxUriLength,
    List<RouteConfig> routes,
    CompressionConfig compression,
    Duration headerTimeout,
    Duration bodyTimeout,
    Duration sendTimeout,
    ListenerTls tls,
    boolean http2,
    int redirectHttps) {

  public static final String DEFAULT_NAME = "main";
  public static final String DEFAULT_HOST = "0.0.0.0";
  public static final int DEFAULT_PORT = 8080;
  public static final int DEFAULT_MAX_CONNECTIONS = 10_000;
  public static final int DEFAULT_MAX_HEADER_SIZE = 8192;
  public static final int DEFAULT_MAX_URI_LENGTH = 8192;
  /** nginx's {@code client_header_timeout}, {@code client_body_timeout} and {@code send_timeout} defaults. */
  public static final Duration DEFAULT_HEADER_TIMEOUT = Duration.ofSeconds(60);
  public static final Duration DEFAULT_BODY_TIMEOUT = Duration.ofSeconds(60);
  public static final Duration DEFAULT_SEND_TIMEOUT = Duration.ofSeconds(60);

  public ListenerConfig {
    routes = List.copyOf(routes);
  }

  public boolean tlsEnabled() {
    return tls != null;
  }

  /** This listener with the derived default when the config did not set {@code maxConnections}. */
  ListenerConfig withDefaultMaxConnections(int derived) {
    return maxConnectionsSet || derived == maxConnections ? this
        : new ListenerConfig(name, host, port, keepalive, derived, false, maxHeaderSize, maxUriLength, routes,
            compression, headerTimeout, bodyTimeout, sendTimeout, tls, http2, redirectHttps);
  }
}
