package io.holdfast.bus;

import java.util.List;

/**
 * Responses counted by status class, {@code 1xx} to {@code 5xx}: what the client got from a listener, or
 * what an upstream server answered. Counted where a final response head is written or read, one array
 * increment each; a status outside 100–599 is in no class.
 */
public record StatusClasses(long c1xx, long c2xx, long c3xx, long c4xx, long c5xx) {

  /** The class labels, in order: the {@code code} label of the Prometheus counters and the status.json keys. */
  public static final List<String> CODES = List.of("1xx", "2xx", "3xx", "4xx", "5xx");

  public static final StatusClasses NONE = new StatusClasses(0, 0, 0, 0, 0);

  /** The class index (0 for 1xx … 4 for 5xx) of {@code status}, or -1 outside 100–599. */
  public static int classOf(int status) {
    return status >= 100 && status <= 599 ? status / 100 - 1 : -1;
  }

  /** From counts indexed by {@link #classOf}: an array of {@link #CODES}{@code .size()} longs. */
  public static StatusClasses of(long[] counts) {
    return new StatusClasses(counts[0], counts[1], counts[2], counts[3], counts[4]);
  }

  /** The count of the class at {@code index} in {@link #CODES}. */
  public long count(int index) {
    return switch (index) {
      case 0 -> c1xx;
      case 1 -> c2xx;
      case 2 -> c3xx;
      case 3 -> c4xx;
      case 4 -> c5xx;
      default -> throw new IndexOutOfBoundsException(index);
    };
  }

  public long total() {
    return c1xx + c2xx + c3xx + c4xx + c5xx;
  }

  public StatusClasses plus(StatusClasses o) {
    return new StatusClasses(c1xx + o.c1xx, c2xx + o.c2xx, c3xx + o.c3xx, c4xx + o.c4xx, c5xx + o.c5xx);
  }
}
