package io.holdfast.listener.framing;

/**
 * A decoder failure naming a {@link Rejection}. Stackless and shared: a flood of hostile requests must cost
 * neither stack walks nor allocation, and the log line says all there is to say.
 */
public final class RejectedRequestException extends RuntimeException {

  private final transient Rejection rejection;

  RejectedRequestException(Rejection rejection) {
    super(rejection.reason(), null, false, false);
    this.rejection = rejection;
  }

  public Rejection rejection() {
    return rejection;
  }
}
