package io.holdfast.proxy.compression;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The media types compression applies to, as nginx's {@code gzip_types}: exact {@code type/subtype}
 * (a set lookup), {@code type/*} (a prefix match) or {@code *}{@code /*} (any response that names a type).
 * A Content-Type's parameters ({@code ; charset=utf-8}) and case do not matter. Validated by the config.
 */
final class MediaRanges {

  private final Set<String> exact = new HashSet<>();
  private final String[] prefixes;
  private final boolean any;

  MediaRanges(List<String> ranges) {
    List<String> wildcards = new ArrayList<>();
    boolean all = false;
    for (String range : ranges) {
      String r = range.toLowerCase(Locale.ROOT);
      if (r.equals("*/*")) {
        all = true;
      } else if (r.endsWith("/*")) {
        wildcards.add(r.substring(0, r.length() - 1));
      } else {
        exact.add(r);
      }
    }
    this.prefixes = wildcards.toArray(new String[0]);
    this.any = all;
  }

  /** Whether a response with this {@code Content-Type} header (null when absent) is compressed. */
  boolean matches(String contentType) {
    if (contentType == null) {
      return false;
    }
    int semicolon = contentType.indexOf(';');
    String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    if (type.isEmpty()) {
      return false;
    }
    if (any || exact.contains(type)) {
      return true;
    }
    for (String prefix : prefixes) {
      if (type.startsWith(prefix) && type.length() > prefix.length()) {
        return true;
      }
    }
    return false;
  }
}
