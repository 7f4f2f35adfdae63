package io.holdfast.config;

import io.holdfast.config.tls.HostNames;
import io.holdfast.config.tls.TrustedCertificates;

/**
 * {@code upstreams.<name>.tls}: whether connections to the servers are TLS, the name sent as SNI and
 * checked against the certificate ({@code sni}; nginx's {@code proxy_ssl_name}), whether the certificate
 * is verified ({@code verify}, on by default, unlike nginx's {@code proxy_ssl_verify}) and against which
 * CAs ({@code ca}, the CA file's path as written; null: the JDK's default trust store). {@code trusted} is
 * that file as read and parsed at parse time (null when {@code ca} is unset or TLS is off): it makes the
 * record, and so the config, change when the file's content does. {@code engine}: the TLS implementation
 * ({@link TlsEngines}).
 */
public record UpstreamTls(boolean enabled, String sni, boolean verify, String ca, TrustedCertificates trusted,
                          String engine) {

  public static final UpstreamTls DISABLED = new UpstreamTls(false, null, true, null, null);

  /** With the default engine ({@code auto}). */
  public UpstreamTls(boolean enabled, String sni, boolean verify, String ca, TrustedCertificates trusted) {
    this(enabled, sni, verify, ca, trusted, TlsEngines.AUTO);
  }

  /**
   * The name to send as SNI and to verify the certificate against for {@code server}: {@code sni} when
   * set, else the server's host when it is a name; null for an IP address without {@code sni} (no SNI is
   * sent and the certificate must name that IP address).
   */
  public String serverName(ServerConfig server) {
    if (sni != null) {
      return sni;
    }
    return HostNames.isIpLiteral(server.host()) ? null : server.host();
  }
}
