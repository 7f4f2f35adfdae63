package io.holdfast.config;

import java.time.Duration;

/**
 * Sticky sessions by an inserted cookie (HAProxy's {@code cookie ... insert}, NGINX Plus's
 * {@code sticky cookie}): the response that pins a client sets {@code cookie}; later requests carrying it
 * go to that server while it can take them. {@code maxAge} null makes it a session cookie.
 */
public record StickyConfig(String cookie, String path, Duration maxAge, boolean httpOnly, boolean secure) {

  public static final String DEFAULT_COOKIE = "hf_srv";
  public static final String DEFAULT_PATH = "/";
  public static final boolean DEFAULT_HTTP_ONLY = true;
  public static final boolean DEFAULT_SECURE = false;
}
