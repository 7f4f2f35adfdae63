package io.holdfast.admin;

import io.holdfast.bus.VersionPrecondition;
import io.vertx.core.http.HttpServerRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * The config's entity tag is its version, {@code "<version>"}; {@code If-Match} (RFC 9110 §13.1.1) names the
 * version a write was prepared against. Comparison is strong, so a weak tag ({@code W/"3"}) never matches;
 * {@code *} matches whatever runs. The header becomes a {@link VersionPrecondition} that the config verticle
 * checks in the same step as the write.
 */
final class IfMatch {

  static final String HEADER = "If-Match";

  private IfMatch() {
  }

  static String etag(long version) {
    return "\"" + version + "\"";
  }

  /** The header's value, several header lines joined with commas; null when absent. */
  static String header(HttpServerRequest request) {
    List<String> values = request.headers().getAll(HEADER);
    return values.isEmpty() ? null : String.join(", ", values);
  }

  static VersionPrecondition precondition(HttpServerRequest request) {
    return parse(header(request));
  }

  static VersionPrecondition parse(String header) {
    if (header == null || header.trim().equals("*")) {
      return VersionPrecondition.ANY;
    }
    List<Long> versions = new ArrayList<>();
    for (String tag : header.split(",")) {
      String t = tag.trim();
      if (t.length() > 2 && t.startsWith("\"") && t.endsWith("\"")) {
        try {
          versions.add(Long.parseLong(t.substring(1, t.length() - 1)));
        } catch (NumberFormatException notOurs) {
          // Not a tag this API ever gave out: it matches no version.
        }
      }
    }
    return VersionPrecondition.oneOf(versions);
  }
}
