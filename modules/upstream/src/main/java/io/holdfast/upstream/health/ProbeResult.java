package io.holdfast.upstream.health;

import io.holdfast.bus.HealthReport;

/** One probe's outcome, as counted, and what the status pages show of it. */
record ProbeResult(Outcome outcome, HealthReport.Probe probe) {

  enum Outcome { PASSED, BAD_STATUS, ERROR, TIMEOUT }

  boolean passed() {
    return outcome == Outcome.PASSED;
  }
}
