package io.holdfast.config.tls;

/**
 * A TLS file that cannot be used; the message is the reason, written to follow the key path. {@link #key()}
 * names the sibling key the problem belongs to when it is not the file's own ({@code password} for a
 * PKCS#12 bundle that the password does not open), else null.
 */
public final class TlsFileException extends Exception {

  private final String key;

  public TlsFileException(String message) {
    this(message, null);
  }

  public TlsFileException(String message, String key) {
    super(message, null, false, false);
    this.key = key;
  }

  public String key() {
    return key;
  }
}
