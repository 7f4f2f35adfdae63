package io.holdfast.bus;

/** A port Holdfast must bind is taken. The application exits with code 2 and this message. */
public final class PortInUseException extends RuntimeException {

  private final int port;

  public PortInUseException(String what, String host, int port, Throwable cause) {
    super(what + ": port " + port + " on " + host + " is already in use", cause);
    this.port = port;
  }

  public int port() {
    return port;
  }
}
