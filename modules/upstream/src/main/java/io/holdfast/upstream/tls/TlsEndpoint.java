package io.holdfast.upstream.tls;

import io.holdfast.config.ServerConfig;
import io.holdfast.config.UpstreamTls;
import io.vertx.core.http.HttpClientConnection;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpConnectOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.net.TrustOptions;

/**
 * TLS to one upstream server, for one instance's pool of it: the client options to build its own
 * {@code HttpClient} with (the client holds the TLS session cache, so every connection this instance opens
 * to this server can resume the last session), the connect options (TCP to the server's address, SNI and
 * the verified name from {@link UpstreamTls#serverName}), and how a new connection's handshake went.
 *
 * <p>One client per server, not per upstream: the JDK caches client sessions by peer name and port, so two
 * servers behind one {@code sni} would overwrite each other's session and each would resume the other's —
 * which fails unless they share ticket keys. One client per instance, not one shared by every instance:
 * the JDK 17 client keeps one single-use TLS 1.3 ticket per server and context, so a shared cache lets
 * only one connection across all instances resume at a time; per instance, each instance resumes its own.
 */
public final class TlsEndpoint {

  private final ServerConfig server;
  private final String serverName;
  private final HandshakeTrustManager trust;
  private final HttpClientOptions clientOptions;

  private TlsEndpoint(ServerConfig server, String serverName, HandshakeTrustManager trust,
      HttpClientOptions clientOptions) {
    this.server = server;
    this.serverName = serverName;
    this.trust = trust;
    this.clientOptions = clientOptions;
  }

  /** For {@code server} of an upstream with {@code tls} enabled; {@code base} holds the plain HTTP options. */
  public static TlsEndpoint of(UpstreamTls tls, ServerConfig server, HttpClientOptions base) {
    HandshakeTrustManager trust = UpstreamTrust.of(tls);
    String serverName = tls.serverName(server);
    HttpClientOptions options = new HttpClientOptions(base)
        .setSsl(true)
        .setUseAlpn(false)
        .setSslEngineOptions(ClientTlsEngine.options(tls.engine()))
        // Vert.x's TrustOptions.wrap(TrustManager) needs SLF4J on the class path (5.0.10); the factory form does not.
        .setTrustOptions(TrustOptions.wrap(UpstreamTrust.factoryOf(trust)))
        .setVerifyHost(tls.verify())
        .setForceSni(serverName != null);
    return new TlsEndpoint(server, serverName, trust, options);
  }

  public HttpClientOptions clientOptions() {
    return clientOptions;
  }

  /**
   * TCP to the server's address; the name (SNI and hostname verification) is {@code serverName}, or the
   * server's IP address, which then must be in the certificate.
   */
  public HttpConnectOptions connectOptions() {
    return new HttpConnectOptions()
        .setServer(SocketAddress.inetSocketAddress(server.port(), server.host()))
        .setHost(serverName != null ? serverName : server.host())
        .setPort(server.port());
  }

  /** Full or resumed; call once per new connection, when its connect succeeded. */
  public Handshake handshakeOf(HttpClientConnection connection) {
    return trust.claimFullHandshake(connection.sslSession()) ? Handshake.FULL : Handshake.RESUMED;
  }

  /** The name SNI carries and the certificate is checked against; null for an IP address without {@code sni}. */
  public String serverName() {
    return serverName;
  }
}
