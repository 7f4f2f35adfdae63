package io.holdfast.config.tls;

import java.security.PrivateKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One certificate a listener can present: its chain (leaf first), its private key, the names a client's SNI
 * is matched against, and the files it came from. Loaded and checked while the config is parsed
 * ({@link CertificateLoader}), so the key is known to belong to the certificate before anything binds. Equal
 * when the files (path and SHA-256) and the PKCS#12 password are: a renewed file makes a different config.
 */
public final class ServerCertificate {

  /** How the certificate was given: a PEM chain and key, or a PKCS#12 bundle. */
  public enum Format { PEM, PKCS12 }

  private final Format format;
  private final List<TlsFile> files;
  private final String password;
  private final PrivateKey key;
  private final List<X509Certificate> chain;
  private final List<String> names;

  ServerCertificate(Format format, List<TlsFile> files, String password, PrivateKey key, List<X509Certificate> chain) {
    this.format = format;
    this.files = List.copyOf(files);
    this.password = password;
    this.key = key;
    this.chain = List.copyOf(chain);
    this.names = names(chain.get(0));
  }

  public Format format() {
    return format;
  }

  /** PEM: the certificate file, then the key file (the same file twice when both are in one); PKCS#12: the bundle. */
  public List<TlsFile> files() {
    return files;
  }

  /** The PKCS#12 password (a secret: never shown); null for PEM. */
  public String password() {
    return password;
  }

  public PrivateKey key() {
    return key;
  }

  public List<X509Certificate> chain() {
    return chain;
  }

  public X509Certificate leaf() {
    return chain.get(0);
  }

  /**
   * The DNS names of the leaf's subject alternative names, lower case ({@code *.example.com} kept as
   * written); the subject's CN only when it has none, as OpenSSL and Vert.x fall back to it.
   */
  public List<String> names() {
    return names;
  }

  /**
   * Whether {@code serverName} (an SNI host name) is one of {@link #names()}: exactly, or under a wildcard
   * that stands for one whole left-most label ({@code *.example.com} matches {@code a.example.com}, not
   * {@code example.com} nor {@code a.b.example.com}), case-insensitive (RFC 6125 §6.4.3).
   */
  public boolean matches(String serverName, boolean wildcard) {
    String name = serverName.toLowerCase(Locale.ROOT);
    for (String own : names) {
      if (!wildcard && own.equals(name)) {
        return true;
      }
      if (wildcard && own.startsWith("*.")) {
        int dot = name.indexOf('.');
        if (dot > 0 && name.substring(dot).equals(own.substring(1))) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Why this certificate would be refused by clients at {@code now} (expired, or not valid yet), or null.
   * Not an error: an operator may be about to replace the file, and serving it is their decision.
   */
  public String validityWarning(Instant now) {
    X509Certificate leaf = leaf();
    if (now.isAfter(leaf.getNotAfter().toInstant())) {
      return "certificate for " + names + " expired on " + leaf.getNotAfter().toInstant()
          + ": clients will refuse it until it is renewed";
    }
    if (now.isBefore(leaf.getNotBefore().toInstant())) {
      return "certificate for " + names + " is not valid before " + leaf.getNotBefore().toInstant();
    }
    return null;
  }

  private static List<String> names(X509Certificate leaf) {
    List<String> dns = new ArrayList<>();
    try {
      if (leaf.getSubjectAlternativeNames() != null) {
        for (List<?> entry : leaf.getSubjectAlternativeNames()) {
          if (entry.size() >= 2 && Integer.valueOf(2).equals(entry.get(0)) && entry.get(1) instanceof String name) {
            dns.add(name.toLowerCase(Locale.ROOT));
          }
        }
      }
    } catch (CertificateParsingException e) {
      // A malformed extension leaves only the CN to go by.
    }
    if (dns.isEmpty()) {
      String cn = commonName(leaf.getSubjectX500Principal().getName());
      if (cn != null) {
        dns.add(cn.toLowerCase(Locale.ROOT));
      }
    }
    return List.copyOf(dns);
  }

  private static String commonName(String dn) {
    for (String part : dn.split(",")) {
      String trimmed = part.trim();
      if (trimmed.regionMatches(true, 0, "CN=", 0, 3)) {
        return trimmed.substring(3);
      }
    }
    return null;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ServerCertificate other && format == other.format && files.equals(other.files)
        && Objects.equals(password, other.password);
  }

  @Override
  public int hashCode() {
    return files.hashCode();
  }

  @Override
  public String toString() {
    return format + " " + files + " for " + names;
  }
}
