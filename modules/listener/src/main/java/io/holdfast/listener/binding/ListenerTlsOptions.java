package io.holdfast.listener.binding;

import io.holdfast.config.ListenerConfig;
import io.holdfast.config.ListenerTls;
import io.vertx.core.Vertx;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.ServerSSLOptions;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.core.shareddata.Shareable;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * A TLS listener's SSL options: its certificates behind one {@link SniKeyManager}, its protocols, and the
 * handshake bound ({@code headerTimeout}, as nginx bounds its handshake by {@code client_header_timeout}).
 * The key manager is built once per listener and certificate content and shared by every instance: Vert.x
 * compares SSL options by their key options, so equal ones from all instances make one SSL context (one
 * session cache), and a renewed certificate makes exactly one new one.
 */
final class ListenerTlsOptions {

  private static final Logger LOG = Logger.getLogger(ListenerTlsOptions.class.getName());
  private static final String MAP = "holdfast.listener.tls-key-managers";

  private record Built(ListenerTls tls, KeyCertOptions options) implements Shareable {
  }

  private ListenerTlsOptions() {
  }

  /** The key options for {@code config}'s certificates, the ones every instance shares while they are the same. */
  static KeyCertOptions keyCert(Vertx vertx, ListenerConfig config) {
    LocalMap<String, Built> built = vertx.sharedData().getLocalMap(MAP);
    synchronized (ListenerTlsOptions.class) {
      Built current = built.get(config.name());
      if (current != null && current.tls().certificates().equals(config.tls().certificates())) {
        return current.options();
      }
      KeyCertOptions options = keyCert(config);
      built.put(config.name(), new Built(config.tls(), options));
      return options;
    }
  }

  /** Fresh key options for {@code config}'s certificates (tests bind without sharing). */
  static KeyCertOptions keyCert(ListenerConfig config) {
    ListenerTls tls = config.tls();
    Instant now = Instant.now();
    for (var certificate : tls.certificates()) {
      String warning = certificate.validityWarning(now);
      if (warning != null) {
        LOG.warning(() -> "listener " + config.name() + ": " + warning);
      }
    }
    return new SniKeyCertOptions(tls.certificates());
  }

  /** What {@code HttpServer.updateSSLOptions} takes: the certificates and protocols to use from the next handshake on. */
  static ServerSSLOptions sslOptions(ListenerConfig config, KeyCertOptions keyCert) {
    return new ServerSSLOptions()
        .setKeyCertOptions(keyCert)
        .setEnabledSecureTransportProtocols(new LinkedHashSet<>(config.tls().protocols()))
        .setSni(false)
        .setSslHandshakeTimeout(config.headerTimeout().toMillis())
        .setSslHandshakeTimeoutUnit(TimeUnit.MILLISECONDS);
  }
}
