package io.holdfast.accesslog;

/** Records as the listener makes them, for the format and writer tests. */
final class Records {

  /** 2026-11-25T07:00:00.123Z */
  static final long AT = 1_795_590_000_123L;

  private Records() {
  }

  static AccessRecord proxied(boolean reused) {
    return new AccessRecord("main", AT, "127.0.0.1", null, "GET", "/a?b=1", "HTTP/1.1", 200, 12, null,
        "curl/8.0", 2_400_000, "app", "127.0.0.1:8000", reused ? AccessRecord.REUSED : AccessRecord.FRESH,
        reused ? -1 : 350_000, 1_900_000, 200);
  }

  static AccessRecord selfAnswered(int status) {
    return new AccessRecord("main", AT, "10.0.0.7", null, "GET", "/nowhere", "HTTP/1.1", status, 14, null, null,
        100_000, null, null, AccessRecord.NO_UPSTREAM, -1, -1, 0);
  }

  static AccessRecord numbered(int n) {
    return new AccessRecord("main", AT, "127.0.0.1", null, "GET", "/" + n, "HTTP/1.1", 200, n, null, null,
        1_000_000, null, null, AccessRecord.NO_UPSTREAM, -1, -1, 0);
  }
}
