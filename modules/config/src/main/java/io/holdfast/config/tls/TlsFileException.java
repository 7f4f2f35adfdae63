package io.holdfast.config.tls;

/** A TLS file that cannot be used; the message is the reason, written to follow the key path. */
public final class TlsFileException extends Exception {

  public TlsFileException(String message) {
    super(message, null, false, false);
  }
}
