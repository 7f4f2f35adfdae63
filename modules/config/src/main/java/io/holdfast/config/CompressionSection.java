package io.holdfast.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * {@code listeners.<name>.compression}. Absent (or null) means off; an object turns it on unless it says
 * {@code "enabled": false}, so {@code {}} is compression with every default.
 */
final class CompressionSection {

  private static final List<String> CODINGS = Arrays.stream(ContentCoding.values()).map(ContentCoding::key).toList();

  private CompressionSection() {
  }

  static CompressionConfig parse(ConfigReader listener, List<ConfigError> errors) {
    if (!listener.has("compression")) {
      return CompressionConfig.OFF;
    }
    JsonObject json = listener.object("compression");
    if (json == null) {
      return CompressionConfig.OFF;
    }
    ConfigReader r = new ConfigReader(json, listener.path("compression"), errors);
    boolean enabled = r.bool("enabled", true);
    List<String> types = types(r, errors);
    int minLength = r.integer("minLength", CompressionConfig.DEFAULT_MIN_LENGTH, 0, Integer.MAX_VALUE);
    List<ContentCoding> algorithms = algorithms(r, errors);
    r.rejectUnknown();
    return new CompressionConfig(enabled, types, minLength, algorithms);
  }

  private static List<String> types(ConfigReader r, List<ConfigError> errors) {
    JsonArray array = r.array("types");
    if (array == null) {
      return CompressionConfig.DEFAULT_TYPES;
    }
    if (array.isEmpty()) {
      r.error("types", "must name at least one media type, such as \"text/*\"");
    }
    List<String> types = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      Object value = array.getValue(i);
      if (value instanceof String type && isMediaRange(type)) {
        types.add(type);
      } else {
        errors.add(new ConfigError(r.path("types") + "[" + i + "]", "must be a media type such as \"text/html\", "
            + "\"text/*\" or \"*/*\" (no parameters), got " + (value instanceof String s ? "\"" + s + "\"" : value)));
      }
    }
    return types;
  }

  private static List<ContentCoding> algorithms(ConfigReader r, List<ConfigError> errors) {
    JsonArray array = r.array("algorithms");
    if (array == null) {
      return CompressionConfig.DEFAULT_ALGORITHMS;
    }
    if (array.isEmpty()) {
      r.error("algorithms", "must name at least one of " + String.join(", ", CODINGS));
    }
    Set<ContentCoding> seen = EnumSet.noneOf(ContentCoding.class);
    List<ContentCoding> algorithms = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      String path = r.path("algorithms") + "[" + i + "]";
      Object value = array.getValue(i);
      ContentCoding coding = null;
      for (ContentCoding candidate : ContentCoding.values()) {
        if (candidate.key().equals(value)) {
          coding = candidate;
        }
      }
      if (coding == null) {
        errors.add(new ConfigError(path, "must be one of " + String.join(", ", CODINGS) + ", got "
            + (value instanceof String s ? "\"" + s + "\"" + ConfigReader.hint(s, CODINGS) : value)));
      } else if (!seen.add(coding)) {
        errors.add(new ConfigError(path, "\"" + coding.key() + "\" is listed twice"));
      } else {
        algorithms.add(coding);
      }
    }
    return algorithms;
  }

  /** {@code type/subtype}, {@code type/*} or {@code *}{@code /*}: RFC 9110 tokens, no parameters. */
  static boolean isMediaRange(String range) {
    int slash = range.indexOf('/');
    if (slash <= 0 || slash == range.length() - 1) {
      return false;
    }
    String type = range.substring(0, slash);
    String subtype = range.substring(slash + 1);
    if (type.equals("*")) {
      return subtype.equals("*");
    }
    return isToken(type) && (subtype.equals("*") || isToken(subtype));
  }

  private static boolean isToken(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean tchar = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || "!#$%&'+-.^_`|~".indexOf(c) >= 0;
      if (!tchar) {
        return false;
      }
    }
    return !s.isEmpty();
  }
}
