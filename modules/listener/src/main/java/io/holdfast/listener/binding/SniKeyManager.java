package io.holdfast.listener.binding;

import io.holdfast.config.tls.ServerCertificate;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.StandardConstants;
import javax.net.ssl.X509ExtendedKeyManager;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Picks the certificate a handshake presents, as nginx picks a server block by SNI: the first certificate
 * (in config order) whose names hold the client's SNI name exactly, else the first whose wildcard covers
 * it, else the first certificate — the default, also for clients that send no SNI. Among those, the first
 * whose key fits the signature the handshake asks for (an RSA and an EC certificate for the same names can
 * sit side by side). One key manager in one SSL context: one session cache, however many names are asked
 * for (Vert.x's own SNI builds a context per name asked, which a wildcard certificate lets grow without bound).
 */
final class SniKeyManager extends X509ExtendedKeyManager {

  private final List<ServerCertificate> certificates;

  SniKeyManager(List<ServerCertificate> certificates) {
    this.certificates = List.copyOf(certificates);
  }

  @Override
  public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
    return choose(keyType, serverName(engine == null ? null : engine.getHandshakeSession()));
  }

  @Override
  public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
    return choose(keyType, null);
  }

  /** The alias ({@code "0"}, {@code "1"}, …: the certificate's index) for {@code keyType} and {@code serverName}. */
  String choose(String keyType, String serverName) {
    if (serverName != null) {
      String exact = first(keyType, serverName, false);
      if (exact != null) {
        return exact;
      }
      String wildcard = first(keyType, serverName, true);
      if (wildcard != null) {
        return wildcard;
      }
    }
    if (fits(certificates.get(0), keyType)) {
      return "0";
    }
    // The default's key cannot sign what the client asked for: a certificate that can is better than none.
    for (int i = 1; i < certificates.size(); i++) {
      if (fits(certificates.get(i), keyType)) {
        return String.valueOf(i);
      }
    }
    return null;
  }

  private String first(String keyType, String serverName, boolean wildcard) {
    for (int i = 0; i < certificates.size(); i++) {
      ServerCertificate certificate = certificates.get(i);
      if (certificate.matches(serverName, wildcard) && fits(certificate, keyType)) {
        return String.valueOf(i);
      }
    }
    return null;
  }

  /** The JDK asks by key algorithm ({@code RSA}, {@code EC}, {@code RSASSA-PSS}; TLS 1.2 may say {@code EC_EC}). */
  private static boolean fits(ServerCertificate certificate, String keyType) {
    if (keyType == null) {
      return true;
    }
    String wanted = keyType.indexOf('_') > 0 ? keyType.substring(0, keyType.indexOf('_')) : keyType;
    String own = certificate.key().getAlgorithm();
    return own.equalsIgnoreCase(wanted) || wanted.equals("RSASSA-PSS") && own.equals("RSA")
        || wanted.equals("EdDSA") && own.startsWith("Ed");
  }

  private static String serverName(SSLSession handshake) {
    if (handshake instanceof ExtendedSSLSession extended) {
      for (SNIServerName name : extended.getRequestedServerNames()) {
        if (name.getType() == StandardConstants.SNI_HOST_NAME && name instanceof SNIHostName host) {
          return host.getAsciiName();
        }
      }
    }
    return null;
  }

  @Override
  public X509Certificate[] getCertificateChain(String alias) {
    ServerCertificate certificate = byAlias(alias);
    return certificate == null ? null : certificate.chain().toArray(new X509Certificate[0]);
  }

  @Override
  public PrivateKey getPrivateKey(String alias) {
    ServerCertificate certificate = byAlias(alias);
    return certificate == null ? null : certificate.key();
  }

  @Override
  public String[] getServerAliases(String keyType, Principal[] issuers) {
    String alias = choose(keyType, null);
    return alias == null ? null : new String[] {alias};
  }

  @Override
  public String[] getClientAliases(String keyType, Principal[] issuers) {
    return null;
  }

  @Override
  public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
    return null;
  }

  private ServerCertificate byAlias(String alias) {
    try {
      int index = Integer.parseInt(alias);
      return index >= 0 && index < certificates.size() ? certificates.get(index) : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
