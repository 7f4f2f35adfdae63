package io.holdfast.upstream;

/**
 * An upstream problem with the HTTP status the client gets for it (502, 503 or 504). Its message is logged;
 * the client sees it too only when it is {@link #shownToClient()} (it names no address, only the upstream).
 */
public final class UpstreamFailure extends RuntimeException {

  private final int status;
  private final boolean shownToClient;
  private final String server;

  public UpstreamFailure(int status, String message, Throwable cause) {
    this(status, message, cause, false, null);
  }

  /** A failure to reach {@code server} (its address): a connect refused, timed out or a failed handshake. */
  public UpstreamFailure(String server, int status, String message, Throwable cause) {
    this(status, message, cause, false, server);
  }

  public UpstreamFailure(int status, String message) {
    this(status, message, null, false, null);
  }

  private UpstreamFailure(int status, String message, Throwable cause, boolean shownToClient, String server) {
    super(message, cause, false, false);
    this.status = status;
    this.shownToClient = shownToClient;
    this.server = server;
  }

  /** A failure whose message the client gets in the reply body, after the status line. */
  public static UpstreamFailure shown(int status, String message) {
    return new UpstreamFailure(status, message, null, true, null);
  }

  /** The address of the server that could not be reached, or null when the failure names none. */
  public String server() {
    return server;
  }

  public int status() {
    return status;
  }

  public boolean shownToClient() {
    return shownToClient;
  }
}
