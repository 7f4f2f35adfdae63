package io.holdfast.listener.connection;

import io.holdfast.proxy.ClientTunnels;
import io.holdfast.proxy.OpenTunnel;
import io.holdfast.upstream.TunnelEnd;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The client connections of one listener that switched protocols. A tunnel leaves keepalive governance (no
 * idle timeout, requests limit, lifetime or client timeout applies to it), stays an open connection for
 * {@code maxConnections} and the counts, is swept for its own idle limit, and is drained when its listener
 * stops. Once switched, Vert.x no longer reports the connection's close (its HTTP handler left the pipeline),
 * so the tunnel's close is the connection's. Event-loop confined.
 */
final class TunnelGovernance implements ClientTunnels {

  private final Vertx vertx;
  private final Map<HttpConnection, ConnectionState> open;
  /** What the governor does when a connection goes: the same as for a connection Vert.x reports closed. */
  private final BiConsumer<ConnectionState, CloseReason> release;

  TunnelGovernance(Vertx vertx, Map<HttpConnection, ConnectionState> open,
                   BiConsumer<ConnectionState, CloseReason> release) {
    this.vertx = vertx;
    this.open = open;
    this.release = release;
  }

  @Override
  public void upgrading(HttpServerRequest request) {
    ConnectionState state = open.get(request.connection());
    if (state != null) {
      state.upgrading = true;
    }
  }

  @Override
  public void opened(HttpServerRequest request, OpenTunnel tunnel) {
    ConnectionState state = open.get(request.connection());
    if (state == null) {
      tunnel.close(TunnelEnd.CLIENT);
      return;
    }
    state.tunnel = tunnel;
    if (state.wire != null) {
      state.wire.releaseToTunnel();
    }
  }

  /** Also the end of its request: its access-log line (status 101, the tunnel's lifetime) is queued now. */
  @Override
  public void closed(HttpServerRequest request, TunnelEnd why) {
    ConnectionState state = open.get(request.connection());
    if (state != null) {
      RequestTrail trail = state.trail;
      if (trail != null) {
        state.trail = null;
        trail.handle(null);
      }
      release.accept(state, reason(why));
    }
  }

  /**
   * {@code state}'s response ended: if its request asked to switch protocols, that was refused (or not passed
   * through). The bytes held since are no HTTP to trust: when there are any, the connection closes.
   */
  void answered(ConnectionState state) {
    if (state.upgradeAsked) {
      state.upgradeAsked = false;
      if (state.wire != null && state.wire.endHold()) {
        state.markClosing(CloseReason.CLIENT);
        state.connection.close();
      }
    }
  }

  /**
   * The tunnels open now get {@code timeout} (the drain time of a stopping, removed or rebound listener) to
   * end on their own; those still open then are closed. A tunnel's protocol is not Holdfast's to end politely
   * (a WebSocket close frame, say): it closes the connections, after flushing what was written.
   */
  void drain(Duration timeout) {
    List<OpenTunnel> draining = new ArrayList<>();
    for (ConnectionState state : open.values()) {
      if (state.tunnel != null) {
        draining.add(state.tunnel);
      }
    }
    if (draining.isEmpty()) {
      return;
    }
    if (timeout.isZero()) {
      draining.forEach(t -> t.close(TunnelEnd.SHUTDOWN));
    } else {
      // Set before the server's own shutdown starts its clock, so this runs first and the reason is ours.
      vertx.setTimer(timeout.toMillis(), id -> draining.forEach(t -> t.close(TunnelEnd.SHUTDOWN)));
    }
  }

  private static CloseReason reason(TunnelEnd why) {
    return switch (why) {
      case CLIENT -> CloseReason.CLIENT;
      case UPSTREAM -> CloseReason.UPSTREAM;
      case IDLE_TIMEOUT -> CloseReason.IDLE_TIMEOUT;
      case SHUTDOWN -> CloseReason.SHUTDOWN;
    };
  }
}
