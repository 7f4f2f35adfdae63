package io.holdfast.config;

import io.holdfast.config.tls.ServerCertificate;

import java.util.List;

/**
 * {@code listeners.<name>.tls}: the certificates the listener presents (nginx's {@code ssl_certificate} /
 * {@code ssl_certificate_key}; the first is the default, the others are chosen by the client's SNI against
 * their names), the protocol versions ({@code ssl_protocols}) and the {@code Strict-Transport-Security}
 * value added to every response ({@code hsts}, null: none), and the TLS implementation that runs it ({@code engine}, see
 * {@link TlsEngines}). The
 * certificates were read and checked at parse time; the record changes when a file's content does, which is
 * how a renewed certificate is picked up.
 */
public record ListenerTls(List<ServerCertificate> certificates, List<String> protocols, String hsts, String engine) {

  /** What the JDK engine speaks and nginx 1.22 offers by default apart from the retired 1.0 and 1.1 (RFC 8996). */
  public static final List<String> DEFAULT_PROTOCOLS = List.of("TLSv1.2", "TLSv1.3");
  public static final List<String> SUPPORTED_PROTOCOLS = List.of("TLSv1.2", "TLSv1.3");

  public ListenerTls {
    certificates = List.copyOf(certificates);
    protocols = List.copyOf(protocols);
  }

  /** With the default engine ({@code auto}). */
  public ListenerTls(List<ServerCertificate> certificates, List<String> protocols, String hsts) {
    this(certificates, protocols, hsts, TlsEngines.AUTO);
  }
}
