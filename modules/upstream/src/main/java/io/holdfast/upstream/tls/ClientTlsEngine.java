package io.holdfast.upstream.tls;

import io.netty.handler.ssl.OpenSsl;
import io.vertx.core.net.JdkSSLEngineOptions;
import io.vertx.core.net.OpenSSLEngineOptions;
import io.vertx.core.net.SSLEngineOptions;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * The TLS implementation of upstream connections: OpenSSL (BoringSSL in netty-tcnative) where it loads, else
 * the JDK's engine. Measured with {@code src/bench/upstream-tls.py} (TLS 1.3 to nginx): OpenSSL resumed every
 * new upstream connection where the JDK 17 client, which keeps one single-use ticket per server, did ~2 % of
 * them (5-10x the requests/s without keepalive; with keepalive the two were within noise; docs/tls.md). The system property
 * {@code holdfast.upstream.tls.engine=jdk} keeps the JDK's engine.
 */
final class ClientTlsEngine {

  static final String PROPERTY = "holdfast.upstream.tls.engine";
  private static final Logger LOG = Logger.getLogger(ClientTlsEngine.class.getName());
  private static final AtomicBoolean LOGGED = new AtomicBoolean();

  private ClientTlsEngine() {
  }

  static SSLEngineOptions options() {
    boolean jdk = "jdk".equals(System.getProperty(PROPERTY)) || !OpenSSLEngineOptions.isAvailable();
    if (LOGGED.compareAndSet(false, true)) {
      LOG.info(() -> jdk
          ? "TLS to upstreams: JDK engine" + (OpenSSLEngineOptions.isAvailable() ? " (" + PROPERTY + "=jdk)"
              : "; OpenSSL does not load here: " + OpenSsl.unavailabilityCause())
          : "TLS to upstreams: OpenSSL engine (" + OpenSsl.versionString() + ")");
    }
    return jdk ? new JdkSSLEngineOptions() : new OpenSSLEngineOptions();
  }
}
