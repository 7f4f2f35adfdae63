package io.holdfast.bus;

import java.util.Map;

/**
 * One listener's client-side counters on one instance, read on that instance's event loop.
 * Meanings follow nginx's stub_status: {@code accepted} connections accepted, {@code handled} those not
 * refused, {@code requests} client requests (HTTP/2 streams included, as nginx counts them); {@code reading}
 * connections reading a request head, {@code writing} connections with a request in progress, {@code waiting}
 * idle keepalive connections — an HTTP/2 connection counts once, writing while any of its streams is open.
 * {@code closedByReason} keys: idle-timeout, requests-limit, lifetime, client, error (the contract's), and
 * refused, shutdown, header-timeout, body-timeout, send-timeout, bad-request, upstream. {@code responses}: final
 * responses whose head went to a client, by status class (Holdfast's own answers included). {@code tunnels}:
 * connections that switched protocols (WebSocket, any {@code Upgrade}) and are open as tunnels; they count as
 * writing. {@code edge}: TLS and HTTP/2.
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
    StatusClasses responses,
    int tunnels,
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
    if (responses == null) {
      responses = StatusClasses.NONE;
    }
    if (edge == null) {
      edge = Edge.NONE;
    }
  }

  /** The figures without responses by class (none counted). */
  public ListenerStats(String listener, long accepted, long handled, long requests, int active, int reading,
      int writing, int waiting, Map<String, Long> closedByReason) {
    this(listener, accepted, handled, requests, active, reading, writing, waiting, closedByReason, StatusClasses.NONE);
  }

  /** The figures of a listener without tunnels. */
  public ListenerStats(String listener, long accepted, long handled, long requests, int active, int reading,
      int writing, int waiting, Map<String, Long> closedByReason, StatusClasses responses) {
    this(listener, accepted, handled, requests, active, reading, writing, waiting, closedByReason, responses, 0);
  }

  /** The figures of a listener without TLS or HTTP/2 (none open, none served). */
  public ListenerStats(String listener, long accepted, long handled, long requests, int active, int reading,
      int writing, int waiting, Map<String, Long> closedByReason, StatusClasses responses, int tunnels) {
    this(listener, accepted, handled, requests, active, reading, writing, waiting, closedByReason, responses, tunnels,
        Edge.NONE);
  }
}
