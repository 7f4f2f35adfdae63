package io.holdfast.config.tls;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One TLS file as read when the config was parsed: the path as written (relative paths are relative to the
 * working directory, as the config file's own default path is) and its content. Two are equal when path
 * and SHA-256 are, so a config record holding one changes when the file's content does: a reload (file
 * watch, SIGHUP, admin API) then yields a new config version even if the JSON is unchanged.
 */
public final class TlsFile {

  /** Certificates and keys are a few KiB; a bigger file is a wrong path, not a bundle. */
  public static final int MAX_BYTES = 1 << 20;

  private final String path;
  private final byte[] content;
  private final String sha256;

  private TlsFile(String path, byte[] content) {
    this.path = path;
    this.content = content;
    this.sha256 = sha256(content);
  }

  /** Reads {@code path} now; every failure is a {@link TlsFileException} whose message says why. */
  public static TlsFile read(String path) throws TlsFileException {
    Path file = Path.of(path);
    try {
      if (Files.isDirectory(file)) {
        throw new TlsFileException("\"" + path + "\" is a directory, not a file");
      }
      long size = Files.size(file);
      if (size > MAX_BYTES) {
        throw new TlsFileException("\"" + path + "\" is " + size + " bytes: larger than " + MAX_BYTES
            + " bytes, not a certificate or key file");
      }
      byte[] content = Files.readAllBytes(file);
      if (content.length == 0) {
        throw new TlsFileException("\"" + path + "\" is empty");
      }
      return new TlsFile(path, content);
    } catch (NoSuchFileException e) {
      throw new TlsFileException("\"" + path + "\" does not exist (relative paths start at the working directory "
          + Path.of("").toAbsolutePath() + ")");
    } catch (AccessDeniedException e) {
      throw new TlsFileException("\"" + path + "\" cannot be read: permission denied");
    } catch (IOException | SecurityException e) {
      throw new TlsFileException("\"" + path + "\" cannot be read: " + e.getMessage());
    }
  }

  /** A file's content given directly, for tests and for callers that already hold the bytes. */
  public static TlsFile of(String path, byte[] content) {
    return new TlsFile(path, content.clone());
  }

  public String path() {
    return path;
  }

  /** A copy of the content as read. */
  public byte[] content() {
    return content.clone();
  }

  /** Lower-case hex SHA-256 of the content. */
  public String sha256() {
    return sha256;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TlsFile other && path.equals(other.path) && sha256.equals(other.sha256);
  }

  @Override
  public int hashCode() {
    return path.hashCode() * 31 + sha256.hashCode();
  }

  @Override
  public String toString() {
    return path + " (sha256 " + sha256.substring(0, 12) + ")";
  }

  private static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
