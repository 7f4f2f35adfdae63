package io.holdfast.upstream.tls;

import io.holdfast.config.TlsEngines;
import io.netty.handler.ssl.OpenSsl;
import io.vertx.core.net.JdkSSLEngineOptions;
import io.vertx.core.net.OpenSSLEngineOptions;
import io.vertx.core.net.SSLEngineOptions;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * The TLS implementation of upstream connections ({@code upstreams.<name>.tls.engine}, {@link TlsEngines}).
 * Measured with {@code src/bench/upstream-tls.py} (TLS 1.3 to nginx): OpenSSL resumed every new upstream
 * connection where the JDK 17 client, which keeps one single-use ticket per server, resumed ~2 % of them
 * (5-10x the requests/s without keepalive; with keepalive the two were within noise; docs/tls.md).
 */
final class ClientTlsEngine {

  private static final Logger LOG = Logger.getLogger(ClientTlsEngine.class.getName());
  private static final AtomicBoolean LOGGED = new AtomicBoolean();

  private ClientTlsEngine() {
  }

  static SSLEngineOptions options(String configured) {
    boolean openSsl = TlsEngines.onOpenSsl(configured);
    if (LOGGED.compareAndSet(false, true)) {
      LOG.info(() -> openSsl
          ? "TLS to upstreams: OpenSSL engine (" + OpenSsl.versionString() + ")"
          : "TLS to upstreams: JDK engine" + (TlsEngines.JDK.equals(configured) ? " (tls.engine: jdk)"
              : "; OpenSSL does not load here: " + TlsEngines.openSslUnavailable()));
    }
    return openSsl ? new OpenSSLEngineOptions() : new JdkSSLEngineOptions();
  }
}
