package io.holdfast.config;

import java.util.Locale;

/**
 * Whether two listeners would fight over one port, decided from the spelling of their hosts (resolving a
 * name here would make validation depend on DNS). A wildcard takes the port on every address of its
 * family, and the IPv6 wildcard on IPv4 too (Linux binds it dual-stack): {@code 0.0.0.0:8080} and
 * {@code 127.0.0.1:8080} cannot both be bound, which the kernel would only say at start-up.
 */
final class BindAddresses {

  private BindAddresses() {
  }

  static boolean overlap(String a, String b) {
    String x = normal(a);
    String y = normal(b);
    if (x.equals(y) || isIpv6Wildcard(x) || isIpv6Wildcard(y)) {
      return true;
    }
    return (isIpv4Wildcard(x) && !isIpv6Literal(y)) || (isIpv4Wildcard(y) && !isIpv6Literal(x));
  }

  static boolean isWildcard(String host) {
    String h = normal(host);
    return isIpv4Wildcard(h) || isIpv6Wildcard(h);
  }

  private static String normal(String host) {
    String h = host.trim().toLowerCase(Locale.ROOT);
    return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
  }

  private static boolean isIpv4Wildcard(String host) {
    return host.equals("0.0.0.0");
  }

  private static boolean isIpv6Wildcard(String host) {
    return isIpv6Literal(host) && host.replace("0", "").replace(":", "").isEmpty();
  }

  private static boolean isIpv6Literal(String host) {
    return host.indexOf(':') >= 0;
  }
}
