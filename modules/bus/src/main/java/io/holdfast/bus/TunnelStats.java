package io.holdfast.bus;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The tunnels of one upstream server (WebSocket and any other HTTP/1.1 {@code Upgrade} the server accepted
 * with {@code 101}): open now, opened since start, bytes relayed each way, and tunnels closed by who or what
 * ended them: the {@code client}, the {@code upstream}, {@code idle-timeout} ({@code tunnelTimeout} without a
 * byte either way) or {@code shutdown} (still open when a stopping or removed listener's drain time ran out).
 * A tunnel's upstream connection is never a pooled one: it is not in {@link ServerStats#open()}.
 */
public record TunnelStats(
    int open,
    long opened,
    long bytesToUpstream,
    long bytesToClient,
    long closedByClient,
    long closedByUpstream,
    long closedIdle,
    long closedShutdown) {

  /** The close reasons, in the order {@link #closedByReason()} lists them. */
  public static final String[] CLOSE_REASONS = {"client", "upstream", "idle-timeout", "shutdown"};

  public static final TunnelStats EMPTY = new TunnelStats(0, 0, 0, 0, 0, 0, 0, 0);

  public TunnelStats plus(TunnelStats o) {
    return new TunnelStats(open + o.open, opened + o.opened, bytesToUpstream + o.bytesToUpstream,
        bytesToClient + o.bytesToClient, closedByClient + o.closedByClient, closedByUpstream + o.closedByUpstream,
        closedIdle + o.closedIdle, closedShutdown + o.closedShutdown);
  }

  /** Tunnels closed, keyed by {@link #CLOSE_REASONS}. */
  public Map<String, Long> closedByReason() {
    Map<String, Long> closed = new LinkedHashMap<>();
    closed.put(CLOSE_REASONS[0], closedByClient);
    closed.put(CLOSE_REASONS[1], closedByUpstream);
    closed.put(CLOSE_REASONS[2], closedIdle);
    closed.put(CLOSE_REASONS[3], closedShutdown);
    return closed;
  }
}
