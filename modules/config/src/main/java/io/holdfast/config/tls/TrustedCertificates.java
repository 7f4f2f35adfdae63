package io.holdfast.config.tls;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * A CA bundle: the certificates of a PEM file (one or more {@code CERTIFICATE} blocks; other blocks are
 * refused, so a private key given by mistake is not silently ignored). Equal when the file is (same path,
 * same content), so it can sit in a config record.
 */
public final class TrustedCertificates {

  private final TlsFile file;
  private final List<X509Certificate> certificates;

  private TrustedCertificates(TlsFile file, List<X509Certificate> certificates) {
    this.file = file;
    this.certificates = List.copyOf(certificates);
  }

  /** Reads and parses {@code path} now. */
  public static TrustedCertificates load(String path) throws TlsFileException {
    return parse(TlsFile.read(path));
  }

  public static TrustedCertificates parse(TlsFile file) throws TlsFileException {
    List<PemBlocks.Block> blocks = PemBlocks.parse(file);
    if (blocks.isEmpty()) {
      throw new TlsFileException("\"" + file.path() + "\" holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
    }
    CertificateFactory factory = x509();
    List<X509Certificate> certificates = new ArrayList<>();
    for (PemBlocks.Block block : blocks) {
      if (!block.type().equals("CERTIFICATE")) {
        throw new TlsFileException("\"" + file.path() + "\" holds a " + block.type()
            + " block: a CA file holds certificates only");
      }
      try {
        certificates.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(block.der())));
      } catch (CertificateException | ClassCastException e) {
        throw new TlsFileException("\"" + file.path() + "\": certificate " + (certificates.size() + 1)
            + " cannot be parsed: " + e.getMessage());
      }
    }
    return new TrustedCertificates(file, certificates);
  }

  public TlsFile file() {
    return file;
  }

  public List<X509Certificate> certificates() {
    return certificates;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TrustedCertificates other && file.equals(other.file);
  }

  @Override
  public int hashCode() {
    return file.hashCode();
  }

  @Override
  public String toString() {
    return file + ", " + certificates.size() + " certificate(s)";
  }

  private static CertificateFactory x509() {
    try {
      return CertificateFactory.getInstance("X.509");
    } catch (CertificateException e) {
      throw new IllegalStateException("every JDK has X.509", e);
    }
  }
}
