package io.holdfast.upstream.health;

/**
 * The probe verdict on one server, HAProxy's {@code rise}/{@code fall} as its manual states them: an up server
 * goes down after {@code fall} consecutive failed probes, a down one comes back after {@code rise} consecutive
 * passing probes; a probe of the other kind starts the count again. A server starts up.
 */
final class RiseFall {

  private boolean up = true;
  private int streak;

  boolean up() {
    return up;
  }

  /** Records one probe; true when it changed the verdict. */
  boolean record(boolean passed, int rise, int fall) {
    if (passed == up) {
      streak = 0;
      return false;
    }
    if (++streak < (up ? fall : rise)) {
      return false;
    }
    up = passed;
    streak = 0;
    return true;
  }

  /** Back to the starting verdict: checks were turned off. */
  void reset() {
    up = true;
    streak = 0;
  }
}
