package io.holdfast.status;

/** Whether Holdfast is ready to serve; when it is not, {@code reason} says why in one line. */
public record Health(boolean ok, String reason) {

  public static final String OK = "ok";

  static Health healthy() {
    return new Health(true, OK);
  }

  static Health unhealthy(String reason) {
    return new Health(false, reason);
  }
}
