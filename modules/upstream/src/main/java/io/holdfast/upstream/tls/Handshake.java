package io.holdfast.upstream.tls;

/** How a new upstream connection was set up. */
public enum Handshake {
  /** Plain TCP: no TLS. */
  NONE,
  /** A full TLS handshake: the server's certificate chain was sent and checked. */
  FULL,
  /** An abbreviated TLS handshake that resumed an earlier session (TLS 1.2 session id or ticket, TLS 1.3 PSK). */
  RESUMED
}
