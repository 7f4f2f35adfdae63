package io.holdfast.proxy;

import io.holdfast.upstream.TunnelEnd;
import io.vertx.core.http.HttpServerRequest;

/**
 * What the listener's connection governance does for a client connection that switches protocols. Keepalive
 * limits and client timeouts stop applying once it is a tunnel; the tunnel's own idle limit, the drain on
 * stop and the connection accounting are the governance's. Event-loop confined.
 */
public interface ClientTunnels {

  /** No governance: nothing is held back, nothing is counted (tests, forwarders without a listener). */
  ClientTunnels NONE = new ClientTunnels() {
    @Override
    public void upgrading(HttpServerRequest request) {
    }

    @Override
    public void opened(HttpServerRequest request, OpenTunnel tunnel) {
    }

    @Override
    public void closed(HttpServerRequest request, TunnelEnd why) {
    }
  };

  /**
   * The {@code 101} for {@code request} is about to be written: its head must go out as the upstream sent it
   * (no {@code Connection: close} for a keepalive limit), and no client timeout applies from now on.
   */
  void upgrading(HttpServerRequest request);

  /**
   * The connection is a tunnel now and {@code tunnel} reads it: bytes the client sent after its request and
   * before the switch go to the tunnel first, then the connection is read again.
   */
  void opened(HttpServerRequest request, OpenTunnel tunnel);

  /** The tunnel's client connection has closed; {@code why} is the tunnel's end. Called once. */
  void closed(HttpServerRequest request, TunnelEnd why);
}
