package io.holdfast.upstream;

/**
 * An upstream problem with the HTTP status the client gets for it (502, 503 or 504). Its message is logged;
 * the client sees it too only when it is {@link #shownToClient()} (it names no address, only the upstream).
 */
public final class UpstreamFailure extends RuntimeException {

  private final int status;
  private final boolean shownToClient;

  public UpstreamFailure(int status, String message, Throwable cause) {
    this(status, message, cause, false);
  }

  public UpstreamFailure(int status, String message) {
    this(status, message, null, false);
  }

  private UpstreamFailure(int status, String message, Throwable cause, boolean shownToClient) {
    super(message, cause, false, false);
    this.status = status;
    this.shownToClient = shownToClient;
  }

  /** A failure whose message the client gets in the reply body, after the status line. */
  public static UpstreamFailure shown(int status, String message) {
    return new UpstreamFailure(status, message, null, true);
  }

  public int status() {
    return status;
  }

  public boolean shownToClient() {
    return shownToClient;
  }
}
