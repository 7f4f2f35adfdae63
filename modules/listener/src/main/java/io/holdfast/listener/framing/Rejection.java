package io.holdfast.listener.framing;

/**
 * Why a request head was refused, with the status the client gets. Every rejection closes the
 * connection: once framing is in doubt, nothing after it on that connection can be trusted.
 */
public enum Rejection {

  TRANSFER_ENCODING_WITH_CONTENT_LENGTH(400, "Content-Length and Transfer-Encoding together"),
  TRANSFER_ENCODING_ON_HTTP_1_0(400, "Transfer-Encoding on an HTTP/1.0 request"),
  DUPLICATE_TRANSFER_ENCODING(400, "more than one Transfer-Encoding header"),
  UNKNOWN_TRANSFER_ENCODING(501, "Transfer-Encoding other than \"chunked\""),
  MISSING_HOST(400, "HTTP/1.1 request without Host"),
  DUPLICATE_HOST(400, "more than one Host header");

  private final int status;
  private final String reason;
  private final RejectedRequestException failure;

  Rejection(int status, String reason) {
    this.status = status;
    this.reason = reason;
    this.failure = new RejectedRequestException(this);
  }

  public int status() {
    return status;
  }

  public String reason() {
    return reason;
  }

  /** The decoder failure that carries this rejection; one shared, stackless instance per kind. */
  RejectedRequestException failure() {
    return failure;
  }
}
