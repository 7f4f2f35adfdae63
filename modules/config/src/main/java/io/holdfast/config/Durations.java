package io.holdfast.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Config durations: a string with a unit ({@code "500ms"}, {@code "75s"}, {@code "5m"}, {@code "1h"},
 * {@code "1d"}) or a bare number of seconds, as nginx writes them.
 */
public final class Durations {

  /** The message for a value that is not a duration. */
  public static final String EXPECTED = "must be a duration such as \"75s\", \"500ms\", \"5m\" or a number of seconds";

  // Parsed once per config load, never per request.
  private static final Pattern WITH_UNIT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h|d)");

  private Durations() {
  }

  /** The duration {@code value} stands for, or null when it is not one (negative values included). */
  public static Duration parse(Object value) {
    if (value instanceof Number number) {
      return seconds(new BigDecimal(number.toString()));
    }
    if (!(value instanceof String text)) {
      return null;
    }
    String trimmed = text.trim();
    Matcher m = WITH_UNIT.matcher(trimmed);
    if (m.matches()) {
      BigDecimal amount = new BigDecimal(m.group(1));
      return switch (m.group(2)) {
        case "ms" -> Duration.ofNanos(amount.movePointRight(6).longValue());
        case "s" -> seconds(amount);
        case "m" -> seconds(amount.multiply(BigDecimal.valueOf(60)));
        case "h" -> seconds(amount.multiply(BigDecimal.valueOf(3600)));
        default -> seconds(amount.multiply(BigDecimal.valueOf(86400)));
      };
    }
    try {
      return seconds(new BigDecimal(trimmed));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Whether {@code value} is a duration with a minus sign ({@code "-5s"}, {@code -3}): refused, but worth saying why. */
  public static boolean isNegative(Object value) {
    if (value instanceof Number number) {
      return new BigDecimal(number.toString()).signum() < 0;
    }
    if (!(value instanceof String text)) {
      return false;
    }
    String trimmed = text.trim();
    return trimmed.startsWith("-") && parse(trimmed.substring(1)) != null;
  }

  /** The shortest exact spelling: {@code "1h"}, {@code "75s"}, {@code "500ms"}, {@code "0"}. */
  public static String format(Duration d) {
    long ms = d.toMillis();
    if (ms == 0) {
      return "0";
    }
    if (ms % 86_400_000 == 0) {
      return ms / 86_400_000 + "d";
    }
    if (ms % 3_600_000 == 0) {
      return ms / 3_600_000 + "h";
    }
    if (ms % 60_000 == 0) {
      return ms / 60_000 + "m";
    }
    if (ms % 1000 == 0) {
      return ms / 1000 + "s";
    }
    return ms + "ms";
  }

  private static Duration seconds(BigDecimal seconds) {
    if (seconds.signum() < 0) {
      return null;
    }
    return Duration.ofNanos(seconds.movePointRight(9).longValue());
  }
}
