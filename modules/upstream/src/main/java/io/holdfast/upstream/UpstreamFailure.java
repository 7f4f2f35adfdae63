package io.holdfast.upstream;

/** An upstream problem with the HTTP status the client gets for it (502, 503 or 504). */
public final class UpstreamFailure extends RuntimeException {

  private final int status;

  public UpstreamFailure(int status, String message, Throwable cause) {
    super(message, cause, false, false);
    this.status = status;
  }

  public UpstreamFailure(int status, String message) {
    this(status, message, null);
  }

  public int status() {
    return status;
  }
}
