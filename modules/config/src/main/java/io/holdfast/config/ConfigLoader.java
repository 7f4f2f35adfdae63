package io.holdfast.config;

import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/** Reads the config file synchronously, for the command line's {@code --check} and for start-up. */
public final class ConfigLoader {

  private ConfigLoader() {
  }

  public static ConfigResult load(Path file) {
    try {
      return ConfigParser.parse(read(file));
    } catch (ConfigFileException e) {
      return ConfigResult.invalid(List.of(new ConfigError(file.toString(), e.getMessage())));
    }
  }

  /** The file's JSON object; a missing, unreadable or malformed file is a {@link ConfigFileException}. */
  public static JsonObject read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ConfigFileException("no such file");
    } catch (IOException e) {
      throw new ConfigFileException("cannot be read: " + e.getMessage());
    }
    return parseJson(text);
  }

  /** A JSON object from text, or a {@link ConfigFileException} that says where the JSON is broken. */
  public static JsonObject parseJson(String text) {
    try {
      return JsonSyntax.parseObject(text);
    } catch (JsonSyntax.SyntaxException e) {
      throw new ConfigFileException(e.getMessage());
    }
  }

  /** The file itself could not be read as JSON. */
  public static final class ConfigFileException extends RuntimeException {
    public ConfigFileException(String message) {
      super(message, null, false, false);
    }
  }
}
