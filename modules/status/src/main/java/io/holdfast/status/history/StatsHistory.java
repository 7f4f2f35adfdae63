package io.holdfast.status.history;

import io.holdfast.bus.ServerStats;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;

/**
 * The last {@link #SPAN} of samples, oldest first, in a ring: a new sample pushes the oldest out. Confined
 * to the status verticle's event loop.
 */
public final class StatsHistory {

  /**
   * How often the status verticle samples: a few event-bus messages per instance every two seconds, never
   * anything per request. Equal to the pools' peak window, so consecutive samples miss no peak.
   */
  public static final Duration SAMPLE_PERIOD = Duration.ofMillis(ServerStats.PEAK_WINDOW_MILLIS);
  /** How far back the history (and so the dashboard's charts and the advisor's evidence) reaches. */
  public static final Duration SPAN = Duration.ofMinutes(5);

  private final int capacity;
  private final ArrayDeque<StatsSample> samples;

  /** A ring holding {@link #SPAN} of samples taken every {@code period}, plus one to measure the first interval. */
  public StatsHistory(Duration period) {
    this.capacity = (int) (SPAN.toMillis() / Math.max(1, period.toMillis())) + 1;
    this.samples = new ArrayDeque<>(capacity);
  }

  public int capacity() {
    return capacity;
  }

  /**
   * Appends {@code sample}; one not later than the newest (a wall clock stepped back) replaces the history,
   * since rates across it would be meaningless.
   */
  public void add(StatsSample sample) {
    StatsSample newest = samples.peekLast();
    if (newest != null && sample.atMillis() <= newest.atMillis()) {
      samples.clear();
    }
    if (samples.size() == capacity) {
      samples.pollFirst();
    }
    samples.addLast(sample);
  }

  /** Every sample, oldest first (a copy). */
  public List<StatsSample> samples() {
    return List.copyOf(samples);
  }

  public Optional<StatsSample> latest() {
    return Optional.ofNullable(samples.peekLast());
  }

  public int size() {
    return samples.size();
  }
}
