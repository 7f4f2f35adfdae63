package io.holdfast.config;

import io.holdfast.config.tls.TlsFile;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What changed between two configs, key path by key path, as an operator reads it:
 * {@code upstreams.app.keepalive.connections: 32 → 64}. Compared with every default written out, so a key
 * removed from the file whose default equals its old value is no change. Only leaf values are listed: an
 * added upstream shows as its keys with {@code null} before. Arrays compare index by index
 * ({@code servers[1].weight}). The token and certificate passwords are never shown: its values read {@value ConfigJson#REDACTED}. A
 * TLS file re-read with new content under the same path shows as its key path with both SHA-256 digests.
 */
public final class ConfigDiff {

  /** One changed value; {@code null} on a side where the key is absent. */
  public record Change(String path, Object oldValue, Object newValue) {
  }

  private ConfigDiff() {
  }

  /** Changes in document order; empty when the two configs are equal. */
  public static List<Change> between(HoldfastConfig before, HoldfastConfig after) {
    List<Change> changes = new ArrayList<>();
    compare("", ConfigJson.toJson(before), ConfigJson.toJson(after), changes);
    fileContents(before.tlsFiles(), after.tlsFiles(), changes);
    return List.copyOf(changes);
  }

  private static void compare(String path, Object before, Object after, List<Change> changes) {
    if (before instanceof JsonObject || after instanceof JsonObject) {
      JsonObject a = before instanceof JsonObject o ? o : new JsonObject();
      JsonObject b = after instanceof JsonObject o ? o : new JsonObject();
      leafAgainstContainer(path, before, after, changes);
      Set<String> keys = new LinkedHashSet<>(a.fieldNames());
      keys.addAll(b.fieldNames());
      for (String key : keys) {
        compare(path.isEmpty() ? key : path + "." + key, a.getValue(key), b.getValue(key), changes);
      }
    } else if (before instanceof JsonArray || after instanceof JsonArray) {
      JsonArray a = before instanceof JsonArray l ? l : new JsonArray();
      JsonArray b = after instanceof JsonArray l ? l : new JsonArray();
      leafAgainstContainer(path, before, after, changes);
      for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
        compare(path + "[" + i + "]", i < a.size() ? a.getValue(i) : null, i < b.size() ? b.getValue(i) : null, changes);
      }
    } else if (!Objects.equals(before, after)) {
      changes.add(ConfigJson.isSecret(path)
          ? new Change(path, redact(before), redact(after))
          : new Change(path, before, after));
    }
  }

  /** A scalar on one side and an object or array on the other (not in a parsed config, but kept exact). */
  private static void leafAgainstContainer(String path, Object before, Object after, List<Change> changes) {
    boolean scalarBefore = before != null && !(before instanceof JsonObject) && !(before instanceof JsonArray);
    boolean scalarAfter = after != null && !(after instanceof JsonObject) && !(after instanceof JsonArray);
    if (scalarBefore || scalarAfter) {
      changes.add(new Change(path, scalarBefore ? before : null, scalarAfter ? after : null));
    }
  }

  /** A TLS file whose path stayed but whose content changed: the JSON alone would show no change. */
  private static void fileContents(Map<String, TlsFile> before, Map<String, TlsFile> after, List<Change> changes) {
    before.forEach((path, old) -> {
      TlsFile now = after.get(path);
      if (now != null && old.path().equals(now.path()) && !old.sha256().equals(now.sha256())) {
        changes.add(new Change(path, "sha256:" + old.sha256(), "sha256:" + now.sha256()));
      }
    });
  }

  private static Object redact(Object token) {
    return token == null ? null : ConfigJson.REDACTED;
  }
}
