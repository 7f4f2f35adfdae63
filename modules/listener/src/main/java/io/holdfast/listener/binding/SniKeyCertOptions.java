package io.holdfast.listener.binding;

import io.holdfast.config.tls.ServerCertificate;
import io.vertx.core.Vertx;
import io.netty.handler.ssl.OpenSslCachingX509KeyManagerFactory;
import io.vertx.core.net.KeyCertOptions;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.KeyManagerFactorySpi;
import javax.net.ssl.ManagerFactoryParameters;
import java.security.KeyStore;
import java.util.List;
import java.util.function.Function;

/**
 * A listener's certificates as Vert.x key options: one {@link SniKeyManager}, no per-name factories (SNI is
 * resolved by the key manager inside one SSL context). Equal only to itself, so new certificates are new
 * options and Vert.x builds a new SSL context for them. ({@code KeyCertOptions.wrap(X509KeyManager)} would
 * do the same but needs SLF4J on the class path in Vert.x 5.0.10.)
 */
final class SniKeyCertOptions implements KeyCertOptions {

  private final KeyManagerFactory factory;

  SniKeyCertOptions(List<ServerCertificate> certificates) {
    SniKeyManager manager = new SniKeyManager(certificates);
    // The OpenSSL engine converts a key manager's key and chain to its own form on every handshake unless the
    // factory says they may be cached (by alias). An alias here is one certificate of this list for as long as
    // the list lives — new certificates make new options — so they may. The JDK engine just takes the managers.
    this.factory = new OpenSslCachingX509KeyManagerFactory(new KeyManagerFactory(new KeyManagerFactorySpi() {
      @Override
      protected void engineInit(KeyStore store, char[] password) {
      }

      @Override
      protected void engineInit(ManagerFactoryParameters parameters) {
      }

      @Override
      protected KeyManager[] engineGetKeyManagers() {
        return new KeyManager[] {manager};
      }
    }, null, "holdfast-sni") {
    });
  }

  private SniKeyCertOptions(KeyManagerFactory factory) {
    this.factory = factory;
  }

  @Override
  public KeyCertOptions copy() {
    // Vert.x copies options it is given; a copy must stay equal to its original.
    return new SniKeyCertOptions(factory);
  }

  @Override
  public KeyManagerFactory getKeyManagerFactory(Vertx vertx) {
    return factory;
  }

  @Override
  public Function<String, KeyManagerFactory> keyManagerFactoryMapper(Vertx vertx) {
    return name -> null;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SniKeyCertOptions other && other.factory == factory;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(factory);
  }
}
