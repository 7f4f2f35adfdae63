package io.holdfast.bus;

import java.util.Map;

/**
 * One listener's client-side counters on one instance, read on that instance's event loop.
 * Meanings follow nginx's stub_status: {@code accepted} connections accepted, {@code handled} those not
 * refused, {@code requests} client requests; {@code reading} connections reading a request head,
 * {@code writing} connections with a request in progress, {@code waiting} idle keepalive connections.
 * {@code closedByReason} keys: idle-timeout, requests-limit, lifetime, client, error (the contract's), and
 * refused, shutdown, header-timeout, body-timeout, send-timeout, bad-request, upstream. {@code responses}: final
 * responses whose head went to a client, by status class (Holdfast's own answers included). {@code tunnels}:
 * connections that switched protocols (WebSocket, any {@code Upgrade}) and are open as tunnels; they count as
 * writing.
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
    int tunnels) {

  public ListenerStats {
    closedByReason = Map.copyOf(closedByReason);
    if (responses == null) {
      responses = StatusClasses.NONE;
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
}
