package io.holdfast.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.apache.commons.text.similarity.LevenshteinDistance;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads one JSON object of the config, recording every problem as a {@link ConfigError} at its key path
 * instead of stopping at the first, and remembering which keys it was asked for so that the rest can be
 * refused as unknown.
 */
final class ConfigReader {

  /** The spelling of a value Holdfast derives, as nginx's {@code worker_processes auto}. */
  static final String AUTO = "auto";

  private static final LevenshteinDistance DISTANCE = new LevenshteinDistance(3);

  private final JsonObject json;
  private final String path;
  private final List<ConfigError> errors;
  private final Set<String> known = new java.util.HashSet<>();

  ConfigReader(JsonObject json, String path, List<ConfigError> errors) {
    this.json = json == null ? new JsonObject() : json;
    this.path = path;
    this.errors = errors;
  }

  String path(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  boolean has(String key) {
    known.add(key);
    return json.getValue(key) != null;
  }

  void error(String key, String message) {
    errors.add(new ConfigError(path(key), message));
  }

  /** The raw value at {@code key} (null when absent), for values of more than one type. */
  Object value(String key) {
    known.add(key);
    return json.getValue(key);
  }

  /** Marks keys that are accepted and ignored. */
  void ignore(String... keys) {
    known.addAll(List.of(keys));
  }

  /**
   * A whole number, or empty when the key is absent or says {@code "auto"}: the value is then derived
   * (an invalid value is recorded and reads as empty too).
   */
  OptionalInt integerOrAuto(String key, int min, int max) {
    if (!has(key) || AUTO.equals(json.getValue(key))) {
      return OptionalInt.empty();
    }
    if (!(json.getValue(key) instanceof Number)) {
      error(key, "must be a whole number or \"" + AUTO + "\"");
      return OptionalInt.empty();
    }
    int before = errors.size();
    int value = integer(key, min, min, max);
    return errors.size() == before ? OptionalInt.of(value) : OptionalInt.empty();
  }

  int integer(String key, int fallback, int min, int max) {
    if (!has(key)) {
      return fallback;
    }
    Object v = json.getValue(key);
    if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
      error(key, "must be a whole number");
      return fallback;
    }
    long value = n.longValue();
    if (value < min) {
      error(key, "must be ≥ " + min);
      return fallback;
    }
    if (value > max) {
      error(key, "must be ≤ " + max);
      return fallback;
    }
    return (int) value;
  }

  /** A duration; {@code allowZero} false means it must be {@code > 0}. */
  Duration duration(String key, Duration fallback, boolean allowZero) {
    if (!has(key)) {
      return fallback;
    }
    Object value = json.getValue(key);
    Duration d = Durations.parse(value);
    if (d == null && Durations.isNegative(value)) {
      String given = value instanceof String ? "\"" + value + "\"" : String.valueOf(value);
      error(key, (allowZero ? "must be ≥ 0" : "must be > 0") + ", got a negative duration " + given);
      return fallback;
    }
    if (d == null) {
      error(key, Durations.EXPECTED);
      return fallback;
    }
    if (!allowZero && d.isZero()) {
      error(key, "must be > 0");
      return fallback;
    }
    return d;
  }

  boolean bool(String key, boolean fallback) {
    if (!has(key)) {
      return fallback;
    }
    if (!(json.getValue(key) instanceof Boolean b)) {
      error(key, "must be true or false");
      return fallback;
    }
    return b;
  }

  String string(String key, String fallback) {
    if (!has(key)) {
      return fallback;
    }
    if (!(json.getValue(key) instanceof String s) || s.isBlank()) {
      error(key, "must be a non-empty string");
      return fallback;
    }
    return s;
  }

  /** One of {@code values}, by their config spelling. */
  <E> E choice(String key, E fallback, E[] values, Function<E, String> spelling) {
    if (!has(key)) {
      return fallback;
    }
    Object v = json.getValue(key);
    for (E e : values) {
      if (spelling.apply(e).equals(v)) {
        return e;
      }
    }
    List<String> names = java.util.Arrays.stream(values).map(spelling).toList();
    error(key, "must be one of " + String.join(", ", names) + hint(String.valueOf(v), names));
    return fallback;
  }

  /** The object at {@code key} (empty when absent), or null after recording a type error. */
  JsonObject object(String key) {
    if (!has(key)) {
      return new JsonObject();
    }
    if (!(json.getValue(key) instanceof JsonObject o)) {
      error(key, "must be an object");
      return null;
    }
    return o;
  }

  JsonArray array(String key) {
    if (!has(key)) {
      return null;
    }
    if (!(json.getValue(key) instanceof JsonArray a)) {
      error(key, "must be an array");
      return null;
    }
    return a;
  }

  /** Records every key that no one asked for. Call after reading. */
  void rejectUnknown() {
    for (String key : json.fieldNames()) {
      if (!known.contains(key)) {
        error(key, "unknown key" + hint(key, known));
      }
    }
  }

  /** {@code " (did you mean \"x\"?)"} when one of {@code candidates} is close to {@code given}. */
  static String hint(String given, Collection<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      int d = DISTANCE.apply(given.toLowerCase(), candidate.toLowerCase());
      if (d >= 0 && d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    return best == null ? "" : " (did you mean \"" + best + "\"?)";
  }
}
