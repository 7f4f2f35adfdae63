package io.holdfast.config;

import io.netty.handler.ssl.OpenSsl;
import io.vertx.core.net.OpenSSLEngineOptions;

import java.util.List;

/**
 * {@code tls.engine} of listeners and upstreams: which TLS implementation runs the connections. {@code auto}
 * (the default) takes OpenSSL — BoringSSL linked into netty-tcnative, shipped for Linux x86_64 and aarch64 —
 * whenever it loads here and the JDK's engine otherwise; {@code jdk} and {@code openssl} force one, and
 * {@code openssl} is refused at parse where it does not load (docs/tls.md has the measurements).
 */
public final class TlsEngines {

  public static final String AUTO = "auto";
  public static final String JDK = "jdk";
  public static final String OPENSSL = "openssl";
  public static final List<String> ALL = List.of(AUTO, JDK, OPENSSL);

  private TlsEngines() {
  }

  /** Whether {@code configured} runs on OpenSSL on this machine (else on the JDK's engine). */
  public static boolean onOpenSsl(String configured) {
    return !JDK.equals(configured) && OpenSSLEngineOptions.isAvailable();
  }

  /** Why OpenSSL does not load here, for a log line. */
  public static String openSslUnavailable() {
    return String.valueOf(OpenSsl.unavailabilityCause());
  }

  /** The {@code engine} key of {@code r}'s TLS section, validated; {@link #AUTO} after an error. */
  static String read(ConfigReader r) {
    String engine = r.string("engine", AUTO);
    if (!ALL.contains(engine)) {
      r.error("engine", "must be one of " + String.join(", ", ALL) + ", got \"" + engine + "\"");
      return AUTO;
    }
    if (engine.equals(OPENSSL) && !OpenSSLEngineOptions.isAvailable()) {
      r.error("engine", "OpenSSL (netty-tcnative) does not load here: " + openSslUnavailable()
          + "; use \"auto\" or \"jdk\"");
    }
    return engine;
  }
}
