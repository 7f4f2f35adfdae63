package io.holdfast.status;

import io.holdfast.bus.ListenerStats;

/**
 * nginx's stub_status page, byte for byte (trailing spaces included), so scrapers written for nginx read
 * Holdfast unchanged.
 */
public final class StubStatusRenderer {

  private static final String FORMAT = "Active connections: %d \n"
      + "server accepts handled requests\n"
      + " %d %d %d \n"
      + "Reading: %d Writing: %d Waiting: %d \n";

  private StubStatusRenderer() {
  }

  public static String render(StatsAggregate aggregate) {
    ListenerStats t = aggregate.total();
    return String.format(java.util.Locale.ROOT, FORMAT, t.active(), t.accepted(), t.handled(), t.requests(),
        t.reading(), t.writing(), t.waiting());
  }
}
