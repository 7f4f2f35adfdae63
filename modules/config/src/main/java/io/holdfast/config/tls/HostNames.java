package io.holdfast.config.tls;

/**
 * Whether a host is written as an IP address: such a host is never sent as SNI (RFC 6066 allows names
 * only) and is verified against the certificate's IP address entries. By spelling only, never resolved.
 */
public final class HostNames {

  private HostNames() {
  }

  public static boolean isIpLiteral(String host) {
    if (host.indexOf(':') >= 0) {
      return true;
    }
    String[] parts = host.split("\\.", -1);
    if (parts.length != 4) {
      return false;
    }
    for (String part : parts) {
      if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)
          || Integer.parseInt(part) > 255) {
        return false;
      }
    }
    return true;
  }
}
