package io.holdfast.status.advice;

import io.holdfast.config.HoldfastConfig;
import io.holdfast.status.history.StatsSample;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The samples a rule may read: the newest ones taken while one section of the config (an upstream, a
 * listener) was what it is now. Figures from before a change describe limits that no longer run, so a
 * change restarts the evidence; after applying advice, the advisor is silent until the new limits have
 * been watched long enough.
 */
final class EvidenceWindow {

  private EvidenceWindow() {
  }

  /** The trailing samples (oldest first) whose {@code section} equals the newest sample's; empty for no samples. */
  static List<StatsSample> trailing(List<StatsSample> samples, Function<HoldfastConfig, Object> section) {
    if (samples.isEmpty()) {
      return List.of();
    }
    int last = samples.size() - 1;
    Object current = section.apply(samples.get(last).config().config());
    int first = last;
    while (first > 0 && Objects.equals(section.apply(samples.get(first - 1).config().config()), current)) {
      first--;
    }
    return samples.subList(first, samples.size());
  }

  /** Whether the window spans at least {@link AdvisorThresholds#MIN_WINDOW}. */
  static boolean longEnough(List<StatsSample> window) {
    return window.size() >= 2
        && window.get(window.size() - 1).secondsSince(window.get(0)) * 1000 >= AdvisorThresholds.MIN_WINDOW.toMillis();
  }
}
