package io.holdfast.proxy;

import io.holdfast.upstream.TunnelEnd;
import io.holdfast.upstream.UpstreamTunnel;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientConnection;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.net.NetSocket;

import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The bytes-both-ways half of an upgrade, after the upstream's {@code 101}: the {@code 101} relayed with its
 * {@code Upgrade}, {@code Sec-WebSocket-*} and other end-to-end headers, the client connection switched to a
 * raw socket, then every buffer written to the other side with back-pressure (a side whose writes queue up
 * stops the other side's reads until they drain). Either side closing closes both, what was written flushed
 * first, as in Netty's proxy example; a half-close is not kept. A clock read per buffer is all the idle
 * limit costs: the listener's sweep compares it with {@code tunnelTimeout}, no timer per tunnel.
 *
 * <p>Nothing is lost in the hand-off: the upstream response is paused from its head on, so bytes the
 * upstream sent right behind its {@code 101} wait in it; the listener holds the bytes the client sent after
 * its request until {@link ClientTunnels#opened} hands them to this tunnel.
 */
final class Tunnel implements OpenTunnel {

  private static final Logger LOG = Logger.getLogger(Tunnel.class.getName());

  private final HttpServerRequest request;
  private final HttpClientConnection upstreamConnection;
  private final HttpClientRequest toUpstream;
  private final HttpClientResponse fromUpstream;
  private final UpstreamTunnel account;
  private final long idleTimeoutNanos;
  private final ClientTunnels governance;
  private final Promise<Void> closed = Promise.promise();
  private NetSocket client;
  private long lastActivity;
  private TunnelEnd end;
  private long endedAt;

  Tunnel(HttpServerRequest request, HttpClientConnection upstreamConnection, HttpClientRequest toUpstream,
         HttpClientResponse fromUpstream, UpstreamTunnel account, long idleTimeoutNanos, ClientTunnels governance) {
    this.request = request;
    this.upstreamConnection = upstreamConnection;
    this.toUpstream = toUpstream;
    this.fromUpstream = fromUpstream;
    this.account = account;
    this.idleTimeoutNanos = idleTimeoutNanos;
    this.governance = governance;
  }

  /**
   * Relays the {@code 101} ({@code stickyCookie} added when not null) and switches the client connection;
   * completes when the tunnel has closed.
   */
  Future<Void> open(String stickyCookie) {
    HttpServerResponse response = request.response();
    copySwitchHeaders(fromUpstream.headers(), response.headers());
    if (stickyCookie != null) {
      response.headers().add(HttpHeaders.SET_COOKIE, stickyCookie);
    }
    governance.upgrading(request);
    request.toNetSocket().onComplete(switched -> {
      if (switched.succeeded()) {
        start(switched.result());
      } else {
        LOG.log(Level.FINE, "client connection could not switch protocols", switched.cause());
        close(TunnelEnd.CLIENT);
        request.connection().close();
        governance.closed(request, end);
        closed.tryComplete();
      }
    });
    return closed.future();
  }

  private void start(NetSocket socket) {
    this.client = socket;
    lastActivity = System.nanoTime();
    socket.handler(this::fromClient);
    socket.closeHandler(v -> clientClosed());
    socket.exceptionHandler(Tunnel::failed);
    socket.drainHandler(v -> fromUpstream.resume());
    toUpstream.drainHandler(v -> socket.resume());
    toUpstream.exceptionHandler(Tunnel::failed);
    fromUpstream.handler(this::fromUpstream);
    fromUpstream.exceptionHandler(Tunnel::failed);
    account.closeHandler(v -> close(TunnelEnd.UPSTREAM));
    governance.opened(request, this);
    fromUpstream.resume();
  }

  private void fromClient(Buffer data) {
    lastActivity = System.nanoTime();
    account.toUpstream(data.length());
    toUpstream.write(data);
    if (toUpstream.writeQueueFull()) {
      client.pause();
    }
  }

  private void fromUpstream(Buffer data) {
    lastActivity = System.nanoTime();
    account.toClient(data.length());
    client.write(data);
    if (client.writeQueueFull()) {
      fromUpstream.pause();
    }
  }

  private void clientClosed() {
    close(TunnelEnd.CLIENT);
    governance.closed(request, end);
    closed.tryComplete();
  }

  @Override
  public void close(TunnelEnd why) {
    if (end != null) {
      return;
    }
    end = why;
    endedAt = System.nanoTime();
    account.ended(why);
    upstreamConnection.close();
    if (client != null) {
      client.close();
    }
  }

  @Override
  public boolean due(long now, long stuckNanos) {
    if (end == null) {
      return idleTimeoutNanos > 0 && now - lastActivity >= idleTimeoutNanos;
    }
    return client != null && now - endedAt >= stuckNanos;
  }

  @Override
  public void expire(long now, long stuckNanos) {
    if (end == null) {
      LOG.fine(() -> "closing tunnel " + request.uri() + ": idle for " + idleTimeoutNanos / 1_000_000 + " ms");
      close(TunnelEnd.IDLE_TIMEOUT);
    } else if (client instanceof NetSocketInternal internal) {
      // Its close waits for writes the client does not take: close from the socket's own place in the
      // pipeline, which drops them.
      internal.channelHandlerContext().close();
    }
  }

  /**
   * The upstream's {@code 101} head for the client: every end-to-end header, then the switch's own
   * {@code Connection: upgrade} and {@code Upgrade} (hop-by-hop everywhere else), and Holdfast's {@code Date}.
   */
  private static void copySwitchHeaders(MultiMap from, MultiMap to) {
    String connection = from.get(HttpHeaders.CONNECTION);
    for (Map.Entry<String, String> header : from) {
      String name = header.getKey();
      if (HopByHop.fixed(name) || name.equalsIgnoreCase("date") || name.equalsIgnoreCase("content-length")
          || (connection != null && HopByHop.namedIn(connection, name))) {
        continue;
      }
      to.add(name, header.getValue());
    }
    to.set(HttpHeaders.CONNECTION, HttpHeaders.UPGRADE);
    to.set(HttpHeaders.UPGRADE, from.get(HttpHeaders.UPGRADE));
    to.set(HttpHeaders.DATE, HttpDate.now());
  }

  private static void failed(Throwable failure) {
    LOG.log(Level.FINE, "tunnel connection failed", failure);
  }
}
