package io.holdfast.listener.binding;

import io.holdfast.config.TlsEngines;
import io.netty.handler.ssl.OpenSsl;
import io.vertx.core.net.JdkSSLEngineOptions;
import io.vertx.core.net.OpenSSLEngineOptions;
import io.vertx.core.net.SSLEngineOptions;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * The TLS implementation a listener runs ({@code listeners.<name>.tls.engine}, {@link TlsEngines}). OpenSSL
 * costs less CPU per request and per handshake than the JDK's engine on HTTP/2 over TLS (docs/performance.md),
 * so {@code auto} takes it whenever it loads; the JDK's engine needs nothing native and stays the reference.
 */
public final class TlsEngine {

  public static final String OPENSSL = TlsEngines.OPENSSL;
  public static final String JDK = TlsEngines.JDK;

  private static final Logger LOG = Logger.getLogger(TlsEngine.class.getName());
  private static final AtomicBoolean LOGGED = new AtomicBoolean();

  private TlsEngine() {
  }

  /** The engine {@code configured} ({@code auto}, {@code jdk} or {@code openssl}) runs here: {@link #OPENSSL} or {@link #JDK}. */
  public static String resolve(String configured) {
    return TlsEngines.onOpenSsl(configured) ? OPENSSL : JDK;
  }

  /** Vert.x's options for {@code configured}; logs once which engine {@code auto} chose, and why not OpenSSL. */
  static SSLEngineOptions options(String configured) {
    String engine = resolve(configured);
    if (LOGGED.compareAndSet(false, true)) {
      if (engine.equals(OPENSSL)) {
        LOG.info(() -> "TLS to clients: OpenSSL engine (" + OpenSsl.versionString() + ")");
      } else if (TlsEngines.JDK.equals(configured)) {
        LOG.info("TLS to clients: JDK engine (tls.engine: jdk)");
      } else {
        LOG.info(() -> "TLS to clients: JDK engine; OpenSSL does not load here: " + TlsEngines.openSslUnavailable());
      }
    }
    // The session cache of the OpenSSL server context is on (session ids for TLS 1.2); TLS 1.3 tickets are
    // issued by every engine Netty builds with TLS 1.3 enabled.
    return engine.equals(OPENSSL) ? new OpenSSLEngineOptions().setSessionCacheEnabled(true) : new JdkSSLEngineOptions();
  }
}
