package io.holdfast.bus;

import java.util.Map;

/**
 * One listener's client-side counters on one instance, read on that instance's event loop.
 * Meanings follow nginx's stub_status: {@code accepted} connections accepted, {@code handled} those not
 * refused, {@code requests} client requests (HTTP/2 streams included, as nginx counts them); {@code reading}
 * connections reading a request head, {@code writing} connections with a request in progress, {@code waiting}
 * idle keepalive connections — an HTTP/2 connection counts once, writing while any of its streams is open.
 * {@code closedByReason} keys: idle-timeout, requests-limit, lifetime, client, error (the contract's), and
 * refused, shutdown, header-timeout, body-timeout, send-timeout, bad-request. {@code edge}: TLS and HTTP/2.
 */
public record ListenerStats(
    String listener,
    long accepted,
    long handled,
    long requests,
    int active,
    int reading,
    int writing,
    int waiting,
    Map<String, Long> closedByReason,
    Edge edge) {

  /**
   * The open connections that speak TLS and HTTP/2, the HTTP/2 streams served since start, and the streams
   * reset for a client timeout while their connection went on ({@code bodyTimeout}, {@code sendTimeout}).
   */
  public record Edge(int tlsConnections, int http2Connections, long http2Streams, long streamsCutBodyTimeout,
                     long streamsCutSendTimeout) {

    public static final Edge NONE = new Edge(0, 0, 0, 0, 0);

    public Edge plus(Edge other) {
      return new Edge(tlsConnections + other.tlsConnections, http2Connections + other.http2Connections,
          http2Streams + other.http2Streams, streamsCutBodyTimeout + other.streamsCutBodyTimeout,
          streamsCutSendTimeout + other.streamsCutSendTimeout);
    }
  }

  public ListenerStats {
    closedByReason = Map.copyOf(closedByReason);
    edge = edge == null ? Edge.NONE : edge;
  }

  /** Without TLS and HTTP/2 figures (none open, none served). */
  public ListenerStats(String listener, long accepted, long handled, long requests, int active, int reading,
                       int writing, int waiting, Map<String, Long> closedByReason) {
    this(listener, accepted, handled, requests, active, reading, writing, waiting, closedByReason, Edge.NONE);
  }
}
