package io.holdfast.config;

import java.util.List;

/**
 * What one node of a fleet did with a config change: {@value #APPLIED}, {@value #UNCHANGED},
 * {@value #REFUSED} (its {@code errors} say why), {@value #FAILED} (it could not write or apply it) or
 * {@value #UNREACHABLE} (no answer in time; it catches up from the fleet's latest version when it can).
 */
public record NodeReport(String id, String address, String outcome, List<ConfigError> errors) {

  public static final String APPLIED = "applied";
  public static final String UNCHANGED = "unchanged";
  public static final String REFUSED = "refused";
  public static final String FAILED = "failed";
  public static final String UNREACHABLE = "unreachable";

  public NodeReport {
    errors = List.copyOf(errors);
  }
}
