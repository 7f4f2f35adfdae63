package io.holdfast.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** {@code Authorization: Bearer <token>} against the running token, compared in constant time. */
final class BearerAuth {

  private static final String SCHEME = "bearer ";

  private BearerAuth() {
  }

  /** True when no token is configured, or the header carries exactly the configured one. */
  static boolean authorized(String authorizationHeader, String token) {
    if (token == null) {
      return true;
    }
    if (authorizationHeader == null || authorizationHeader.length() < SCHEME.length()
        || !authorizationHeader.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
      return false;
    }
    byte[] presented = authorizationHeader.substring(SCHEME.length()).trim().getBytes(StandardCharsets.UTF_8);
    // isEqual does not return early on the first differing byte, so timing does not reveal a prefix.
    return MessageDigest.isEqual(presented, token.getBytes(StandardCharsets.UTF_8));
  }
}
