package io.holdfast.config;

import io.vertx.core.json.JsonObject;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code accessLog}: off when absent or null, on with every default for {@code {}}. A file path is checked
 * the way {@code nginx -t} opens its logs, without creating anything: the file must be writable, or the
 * nearest existing directory above it must be, so that the writer can create what is missing.
 */
final class AccessLogSection {

  private AccessLogSection() {
  }

  static AccessLogConfig parse(ConfigReader root, List<ConfigError> errors) {
    if (!root.has("accessLog")) {
      return null;
    }
    JsonObject json = root.object("accessLog");
    if (json == null) {
      return null;
    }
    ConfigReader r = new ConfigReader(json, "accessLog", errors);
    String path = r.string("path", AccessLogConfig.DEFAULT_PATH);
    AccessLogFormat format = r.choice("format", AccessLogConfig.DEFAULT_FORMAT, AccessLogFormat.values(),
        AccessLogFormat::key);
    r.rejectUnknown();
    if (!AccessLogConfig.STDOUT.equals(path)) {
      String problem = unwritable(path);
      if (problem != null) {
        r.error("path", problem);
      }
    }
    return new AccessLogConfig(path, format);
  }

  /** Why {@code path} cannot be appended to, or null when it can (or can be created). */
  static String unwritable(String path) {
    Path file;
    try {
      file = Path.of(path).toAbsolutePath();
    } catch (InvalidPathException e) {
      return "not a valid file path: " + e.getMessage();
    }
    if (Files.isDirectory(file)) {
      return "\"" + path + "\" is a directory, not a file";
    }
    if (Files.exists(file)) {
      return Files.isWritable(file) ? null : "\"" + path + "\" cannot be written: permission denied";
    }
    Path dir = file.getParent();
    while (dir != null && !Files.exists(dir)) {
      dir = dir.getParent();
    }
    if (dir == null || !Files.isDirectory(dir)) {
      return "\"" + path + "\" cannot be created: " + (dir == null ? "no existing directory above it" : dir + " is not a directory");
    }
    return Files.isWritable(dir) ? null
        : "\"" + path + "\" cannot be created: directory " + dir + " is not writable";
  }
}
