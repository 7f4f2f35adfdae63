package io.holdfast.config;

import java.util.ArrayList;
import java.util.List;

/**
 * The response statuses an active health probe accepts: ranges and single codes, written
 * {@code "200-399"}, {@code "200,204"} or {@code "200-299,304"}. Each bound lies in 100..599.
 */
public record ExpectStatus(String expression, List<Range> ranges) {

  public static final ExpectStatus DEFAULT = parse("200-399");
  public static final String EXPECTED =
      "must be status codes and ranges from 100 to 599 such as \"200-399\" or \"200,204\"";

  public ExpectStatus {
    ranges = List.copyOf(ranges);
  }

  /** From {@code low} to {@code high}, both included. */
  public record Range(int low, int high) {
  }

  /** Null when {@code expression} is not a list of codes and ranges within 100..599. */
  public static ExpectStatus parse(String expression) {
    if (expression == null || expression.isBlank()) {
      return null;
    }
    List<Range> ranges = new ArrayList<>();
    for (String part : expression.split(",", -1)) {
      String item = part.trim();
      int dash = item.indexOf('-', 1);
      int low = code(dash < 0 ? item : item.substring(0, dash).trim());
      int high = dash < 0 ? low : code(item.substring(dash + 1).trim());
      if (low < 0 || high < low) {
        return null;
      }
      ranges.add(new Range(low, high));
    }
    return new ExpectStatus(expression.trim(), ranges);
  }

  public boolean matches(int status) {
    for (Range r : ranges) {
      if (status >= r.low && status <= r.high) {
        return true;
      }
    }
    return false;
  }

  private static int code(String digits) {
    if (digits.length() != 3 || !digits.chars().allMatch(Character::isDigit)) {
      return -1;
    }
    int code = Integer.parseInt(digits);
    return code >= 100 && code <= 599 ? code : -1;
  }
}
