package io.holdfast.accesslog;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** nginx's {@code $remote_user}: the user name of Basic authentication, read on the writer thread. */
final class RemoteUser {

  private static final String BASIC = "Basic ";

  private RemoteUser() {
  }

  /** The user in {@code authorization} (a Basic credential), as bytes in chars 0–255; null when there is none. */
  static String of(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
      return null;
    }
    byte[] decoded;
    try {
      decoded = Base64.getDecoder().decode(authorization.substring(BASIC.length()).trim());
    } catch (IllegalArgumentException e) {
      return null;
    }
    int end = 0;
    while (end < decoded.length && decoded[end] != ':') {
      end++;
    }
    return end == decoded.length || end == 0 ? null : new String(decoded, 0, end, StandardCharsets.ISO_8859_1);
  }
}
