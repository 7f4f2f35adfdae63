package io.holdfast.config.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Certificates and keys made with the openssl command for the config tests (the test kit's
 * {@code TestCertificates} depends on this module, so it cannot be used here). Self-signed, 2 days.
 */
public final class Openssl {

  private final Path dir;
  private int serial;

  public Openssl(Path dir) {
    this.dir = dir;
  }

  /** A self-signed EC certificate for {@code names} (DNS), its PKCS#8 key: {cert, key}. */
  public Path[] selfSigned(String... names) {
    return keyed("ec", names);
  }

  /** As {@link #selfSigned(String...)}, with an {@code rsa} or {@code ec} key. */
  public Path[] keyed(String type, String... names) {
    String base = "c" + ++serial;
    Path key = dir.resolve(base + ".key");
    Path cert = dir.resolve(base + ".pem");
    List<String> alt = new ArrayList<>();
    for (String name : names) {
      alt.add("DNS:" + name);
    }
    List<String> args = new ArrayList<>(List.of("req", "-x509", "-nodes", "-keyout", key.toString(), "-out",
        cert.toString(), "-days", "2", "-subj", "/CN=" + names[0], "-addext", "subjectAltName=" + String.join(",", alt)));
    if (type.equals("rsa")) {
      args.addAll(List.of("-newkey", "rsa:2048"));
    } else {
      args.addAll(List.of("-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"));
    }
    run(args.toArray(String[]::new));
    return new Path[] {cert, key};
  }

  /** {@code key} rewritten in the traditional form: PKCS#1 for RSA, SEC1 for EC. */
  public Path traditional(Path key, String type) {
    Path out = dir.resolve(key.getFileName() + ".trad");
    if (type.equals("rsa")) {
      run("rsa", "-in", key.toString(), "-out", out.toString(), "-traditional");
    } else {
      run("ec", "-in", key.toString(), "-out", out.toString());
    }
    return out;
  }

  /** {@code key} encrypted with a passphrase. */
  public Path encrypted(Path key) {
    Path out = dir.resolve(key.getFileName() + ".enc");
    run("pkey", "-in", key.toString(), "-out", out.toString(), "-aes256", "-passout", "pass:secret");
    return out;
  }

  /** A PKCS#12 bundle of {@code cert} and {@code key} with {@code password}. */
  public Path pkcs12(Path cert, Path key, String password) {
    Path out = dir.resolve(cert.getFileName() + ".p12");
    run("pkcs12", "-export", "-in", cert.toString(), "-inkey", key.toString(), "-out", out.toString(),
        "-passout", "pass:" + password);
    return out;
  }

  /** One file holding both. */
  public Path combined(Path cert, Path key) throws IOException {
    Path out = dir.resolve(cert.getFileName() + ".both");
    Files.writeString(out, Files.readString(cert) + Files.readString(key));
    return out;
  }

  private void run(String... args) {
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
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
