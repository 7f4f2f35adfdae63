package io.holdfast.upstream.tls;

import io.holdfast.config.UpstreamTls;
import io.holdfast.config.tls.TrustedCertificates;

import javax.net.ssl.ManagerFactoryParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.TrustManagerFactorySpi;
import javax.net.ssl.X509ExtendedTrustManager;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;

/**
 * The trust manager of one upstream's TLS config: PKIX over the CA file's certificates (or the JDK's
 * default trust store when no CA file is given), or none at all when {@code verify} is false.
 */
final class UpstreamTrust {

  private UpstreamTrust() {
  }

  static HandshakeTrustManager of(UpstreamTls tls) {
    return new HandshakeTrustManager(tls.verify() ? pkix(tls.trusted()) : null);
  }

  /** A factory handing out {@code manager} alone, for Vert.x's {@code TrustOptions.wrap(TrustManagerFactory)}. */
  static TrustManagerFactory factoryOf(TrustManager manager) {
    return new TrustManagerFactory(new TrustManagerFactorySpi() {
      @Override
      protected void engineInit(KeyStore keyStore) {
      }

      @Override
      protected void engineInit(ManagerFactoryParameters parameters) {
      }

      @Override
      protected TrustManager[] engineGetTrustManagers() {
        return new TrustManager[] {manager};
      }
    }, null, "holdfast-upstream") {
    };
  }

  private static X509ExtendedTrustManager pkix(TrustedCertificates ca) {
    try {
      KeyStore store = null;
      if (ca != null) {
        store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        int i = 0;
        for (X509Certificate certificate : ca.certificates()) {
          store.setCertificateEntry("ca-" + i++, certificate);
        }
      }
      TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
      factory.init(store);
      for (TrustManager manager : factory.getTrustManagers()) {
        if (manager instanceof X509ExtendedTrustManager x509) {
          return x509;
        }
      }
      throw new IllegalStateException("the JDK's PKIX trust manager factory gave no X509ExtendedTrustManager");
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalStateException("cannot build a trust manager from " + ca + ": " + e.getMessage(), e);
    }
  }
}
