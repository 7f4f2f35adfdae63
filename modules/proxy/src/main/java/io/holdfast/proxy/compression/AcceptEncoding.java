package io.holdfast.proxy.compression;

import io.holdfast.config.ContentCoding;

/**
 * Reads a request's {@code Accept-Encoding} (RFC 9110 §12.5.3) with its q-values: {@code q=0} refuses a
 * coding, {@code *} stands for every coding not named, {@code x-gzip} is {@code gzip}. No header means no
 * compression (as nginx and every browser-facing server do). Parsed by hand: one short header per
 * response, no regex, no split.
 */
final class AcceptEncoding {

  private static final int UNLISTED = -1;

  private AcceptEncoding() {
  }

  /**
   * Of {@code offered} (the operator's order of preference), the coding the client gives the highest
   * q-value above 0; on a tie the earlier one. Null when the client accepts none of them.
   */
  static ContentCoding choose(String header, ContentCoding[] offered) {
    if (header == null || header.isEmpty()) {
      return null;
    }
    int[] q = new int[ContentCoding.values().length];
    java.util.Arrays.fill(q, UNLISTED);
    int star = UNLISTED;
    int at = 0;
    int length = header.length();
    while (at < length) {
      int end = header.indexOf(',', at);
      if (end < 0) {
        end = length;
      }
      int semicolon = header.indexOf(';', at);
      int nameEnd = semicolon >= 0 && semicolon < end ? semicolon : end;
      int weight = nameEnd < end ? qValue(header, nameEnd + 1, end) : 1000;
      int from = skipSpace(header, at, nameEnd);
      int to = trimSpace(header, from, nameEnd);
      if (to - from == 1 && header.charAt(from) == '*') {
        star = Math.max(star, weight);
      } else {
        ContentCoding coding = coding(header, from, to);
        if (coding != null) {
          q[coding.ordinal()] = Math.max(q[coding.ordinal()], weight);
        }
      }
      at = end + 1;
    }
    ContentCoding best = null;
    int bestQ = 0;
    for (ContentCoding coding : offered) {
      int weight = q[coding.ordinal()] != UNLISTED ? q[coding.ordinal()] : Math.max(star, 0);
      if (weight > bestQ) {
        best = coding;
        bestQ = weight;
      }
    }
    return best;
  }

  private static ContentCoding coding(String header, int from, int to) {
    if (header.regionMatches(true, from, "gzip", 0, 4) && to - from == 4
        || header.regionMatches(true, from, "x-gzip", 0, 6) && to - from == 6) {
      return ContentCoding.GZIP;
    }
    if (header.regionMatches(true, from, "br", 0, 2) && to - from == 2) {
      return ContentCoding.BR;
    }
    return null;
  }

  /**
   * The q parameter among the parameters in {@code [from, to)} in thousandths; 1000 when absent; 0 (refused)
   * when it is not a valid qvalue, so a malformed weight never turns compression on.
   */
  private static int qValue(String header, int from, int to) {
    int at = from;
    while (at < to) {
      int end = header.indexOf(';', at);
      if (end < 0 || end > to) {
        end = to;
      }
      int name = skipSpace(header, at, end);
      if (name < end && (header.charAt(name) == 'q' || header.charAt(name) == 'Q')) {
        int equals = skipSpace(header, name + 1, end);
        if (equals < end && header.charAt(equals) == '=') {
          int value = skipSpace(header, equals + 1, end);
          return parseQ(header, value, trimSpace(header, value, end));
        }
      }
      at = end + 1;
    }
    return 1000;
  }

  /** {@code 0[.ddd]} or {@code 1[.000]} in thousandths, else 0. */
  private static int parseQ(String s, int from, int to) {
    if (from >= to || (s.charAt(from) != '0' && s.charAt(from) != '1')) {
      return 0;
    }
    int whole = s.charAt(from) - '0';
    if (to - from == 1) {
      return whole * 1000;
    }
    if (s.charAt(from + 1) != '.' || to - from > 5) {
      return 0;
    }
    int thousandths = 0;
    int scale = 100;
    for (int i = from + 2; i < to; i++, scale /= 10) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return 0;
      }
      thousandths += (c - '0') * scale;
    }
    return whole == 1 ? (thousandths == 0 ? 1000 : 0) : thousandths;
  }

  private static int skipSpace(String s, int from, int to) {
    while (from < to && (s.charAt(from) == ' ' || s.charAt(from) == '\t')) {
      from++;
    }
    return from;
  }

  private static int trimSpace(String s, int from, int to) {
    while (to > from && (s.charAt(to - 1) == ' ' || s.charAt(to - 1) == '\t')) {
      to--;
    }
    return to;
  }
}
