package io.holdfast.config.key;

/**
 * Finds one cookie's value in a {@code Cookie} header by scanning it, as nginx's {@code $cookie_<name>}
 * does: no parsing into objects, no allocation. Names match exactly (cookie names are case-sensitive);
 * the value is taken as sent, up to the next {@code ;}.
 */
public final class Cookies {

  private Cookies() {
  }

  /**
   * Where the value of cookie {@code name} lies in {@code header}: {@code start << 32 | end}, or -1 when
   * the header has no such cookie. The first occurrence wins.
   */
  public static long find(String header, String name) {
    int length = header.length();
    int i = 0;
    while (i < length) {
      while (i < length && (header.charAt(i) == ' ' || header.charAt(i) == '\t')) {
        i++;
      }
      int end = header.indexOf(';', i);
      if (end < 0) {
        end = length;
      }
      int eq = i + name.length();
      if (eq < end && header.charAt(eq) == '=' && header.startsWith(name, i)) {
        int from = eq + 1;
        int to = end;
        while (to > from && (header.charAt(to - 1) == ' ' || header.charAt(to - 1) == '\t')) {
          to--;
        }
        return (long) from << 32 | to;
      }
      i = end + 1;
    }
    return -1;
  }

  public static int start(long range) {
    return (int) (range >>> 32);
  }

  public static int end(long range) {
    return (int) range;
  }

  /** A cookie name: an RFC 6265 token (visible ASCII, none of {@code ()<>@,;:\"/[]?={}}). */
  public static boolean validName(String name) {
    if (name == null || name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c <= ' ' || c >= 0x7F || "()<>@,;:\\\"/[]?={}".indexOf(c) >= 0) {
        return false;
      }
    }
    return true;
  }
}
