package io.holdfast.accesslog;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The time fields of a line, rendered once per second (nginx caches its time strings the same way):
 * {@code $time_local} ({@code 25/Nov/2026:07:00:00 +0100}, the process's time zone) and ISO-8601 with
 * milliseconds for JSON ({@code 2026-11-25T07:00:00.123+01:00}). Writer thread only.
 */
final class LogClock {

  private static final DateTimeFormatter LOCAL =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH);
  private static final DateTimeFormatter ISO_SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
  private static final DateTimeFormatter ISO_OFFSET = DateTimeFormatter.ofPattern("xxx");

  private final ZoneId zone;
  private long second = Long.MIN_VALUE;
  private byte[] local;
  private byte[] isoSeconds;
  private byte[] isoOffset;

  LogClock(ZoneId zone) {
    this.zone = zone;
  }

  /** {@code $time_local} of {@code epochMillis}, without brackets. */
  byte[] local(long epochMillis) {
    at(epochMillis);
    return local;
  }

  /** ISO-8601 with milliseconds and offset, into {@code out}. */
  void iso(long epochMillis, LineBuffer out) {
    at(epochMillis);
    long millis = Math.floorMod(epochMillis, 1000L);
    out.append(isoSeconds).append('.').append((char) ('0' + millis / 100)).append((char) ('0' + millis / 10 % 10))
        .append((char) ('0' + millis % 10)).append(isoOffset);
  }

  private void at(long epochMillis) {
    long s = Math.floorDiv(epochMillis, 1000L);
    if (s != second) {
      second = s;
      ZonedDateTime time = Instant.ofEpochSecond(s).atZone(zone);
      local = LOCAL.format(time).getBytes(StandardCharsets.US_ASCII);
      isoSeconds = ISO_SECONDS.format(time).getBytes(StandardCharsets.US_ASCII);
      isoOffset = ISO_OFFSET.format(time).getBytes(StandardCharsets.US_ASCII);
    }
  }
}
