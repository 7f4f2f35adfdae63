package io.holdfast.upstream.tls;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.X509ExtendedTrustManager;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Checks a server's certificate chain with a delegate (the JDK's PKIX trust manager, which also checks the
 * host name when the engine asks for it), or accepts any chain when verification is off, and remembers the
 * session of every chain it was asked about. JSSE asks only in a full handshake: a resumed session (TLS 1.2
 * or 1.3) carries no certificate message. So a connection whose session was remembered did a full
 * handshake, any other a resumed one — the same signal Netty's {@code ResumptionController} uses.
 * Sessions are held weakly: one whose connection never claims it (a connect that timed out) is dropped by
 * the garbage collector.
 */
public final class HandshakeTrustManager extends X509ExtendedTrustManager {

  private static final X509Certificate[] NO_ISSUERS = new X509Certificate[0];

  /** Null: verification is off. */
  private final X509ExtendedTrustManager delegate;
  private final Map<SSLSession, Boolean> fullHandshakes = Collections.synchronizedMap(new WeakHashMap<>());

  HandshakeTrustManager(X509ExtendedTrustManager delegate) {
    this.delegate = delegate;
  }

  /**
   * Whether {@code session} came from a full handshake not claimed before. A TLS 1.2 session resumed by a
   * second connection is the same object as the first one's, so the first claim wins and the resumption
   * counts as resumed; should two such connections claim in the other order, the two counts are still right.
   */
  public boolean claimFullHandshake(SSLSession session) {
    return session != null && fullHandshakes.remove(session) != null;
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    if (delegate != null) {
      delegate.checkServerTrusted(chain, authType, engine);
    }
    remember(engine.getHandshakeSession());
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    if (delegate != null) {
      delegate.checkServerTrusted(chain, authType, socket);
    }
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    if (delegate != null) {
      delegate.checkServerTrusted(chain, authType);
    }
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    throw new CertificateException("an upstream client does not check client certificates");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    throw new CertificateException("an upstream client does not check client certificates");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    throw new CertificateException("an upstream client does not check client certificates");
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return delegate != null ? delegate.getAcceptedIssuers() : NO_ISSUERS;
  }

  private void remember(SSLSession session) {
    if (session != null) {
      fullHandshakes.put(session, Boolean.TRUE);
    }
  }
}
