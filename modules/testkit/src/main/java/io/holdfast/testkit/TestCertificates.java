package io.holdfast.testkit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway certificate authority for TLS tests, made with the {@code openssl} command in a temporary
 * directory (nothing secret is committed): {@link #ca()} is its certificate (PEM), {@link #issue} signs a
 * server certificate for the given subject alternative names. EC P-256 keys, so it is quick; private keys
 * are PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----}), which Vert.x, nginx and HAProxy all read.
 */
public final class TestCertificates {

  /** A server certificate and its key, as PEM files; {@code chain} is the certificate then the CA's. */
  public record Issued(Path cert, Path key, Path chain) {
  }

  private final Path dir;
  private final Path caCert;
  private final Path caKey;
  private int serial;

  private TestCertificates(Path dir) {
    this.dir = dir;
    this.caCert = dir.resolve("ca.pem");
    this.caKey = dir.resolve("ca.key");
  }

  /** A new CA named {@code name} in {@code dir} (created if missing). */
  public static TestCertificates authority(Path dir, String name) {
    TestCertificates ca = new TestCertificates(dir);
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    ca.openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
        "-keyout", ca.caKey.toString(), "-out", ca.caCert.toString(), "-days", "2", "-subj", "/CN=" + name,
        "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
    return ca;
  }

  /** The CA certificate (PEM): what a client trusts. */
  public Path ca() {
    return caCert;
  }

  /** A TLS context whose clients trust this CA only. */
  public SSLContext trusting() throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    try (InputStream in = Files.newInputStream(caCert)) {
      store.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(store);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, tmf.getTrustManagers(), null);
    return context;
  }

  /**
   * A server certificate signed by this CA, named {@code names}: host names become DNS entries, IP
   * addresses IP entries ({@code "api.internal", "127.0.0.1"}); the first is also the subject's CN.
   */
  public Issued issue(String... names) {
    String base = "server-" + ++serial;
    Path key = dir.resolve(base + ".key");
    Path csr = dir.resolve(base + ".csr");
    Path cert = dir.resolve(base + ".pem");
    Path ext = dir.resolve(base + ".ext");
    List<String> alt = new ArrayList<>();
    for (String name : names) {
      alt.add((name.chars().allMatch(c -> c == '.' || Character.isDigit(c)) || name.contains(":") ? "IP:" : "DNS:")
          + name);
    }
    try {
      Files.writeString(ext, "subjectAltName=" + String.join(",", alt) + "\nextendedKeyUsage=serverAuth\n");
      openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", key.toString(),
          "-out", csr.toString(), "-subj", "/CN=" + names[0]);
      openssl("x509", "-req", "-in", csr.toString(), "-CA", caCert.toString(), "-CAkey", caKey.toString(),
          "-set_serial", String.valueOf(1000 + serial), "-out", cert.toString(), "-days", "2",
          "-extfile", ext.toString());
      Path chain = dir.resolve(base + "-chain.pem");
      Files.writeString(chain, Files.readString(cert) + Files.readString(caCert));
      return new Issued(cert, key, chain);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private void openssl(String... args) {
    List<String> command = new ArrayList<>();
    command.add("openssl");
    command.addAll(List.of(args));
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
      }
    } catch (IOException e) {
      throw new IllegalStateException("openssl is needed for TLS tests: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
