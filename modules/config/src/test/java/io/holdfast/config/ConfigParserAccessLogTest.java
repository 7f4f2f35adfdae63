package io.holdfast.config;

import static io.holdfast.config.ConfigParserTest.assertSingleError;
import static io.holdfast.config.ConfigParserTest.parseWith;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code accessLog} (contract §7): off unless present; a path that can be written, or stdout. */
class ConfigParserAccessLogTest {

  @TempDir
  Path dir;

  private static AccessLogConfig parsed(Object accessLog) {
    ConfigResult result = parseWith("accessLog", accessLog);
    assertThat(result.errors()).isEmpty();
    return result.config().accessLog();
  }

  @Test
  void offUnlessPresentAndAnEmptyObjectTurnsItOnWithTheDefaults() {
    assertThat(ConfigParser.parse(ConfigParserTest.minimal()).config().accessLog()).isNull();
    assertThat(parsed(null)).isNull();
    assertThat(parsed(new JsonObject())).isEqualTo(new AccessLogConfig("logs/access.log", AccessLogFormat.COMBINED));
  }

  @Test
  void pathAndFormatAreRead() {
    Path file = dir.resolve("not/yet/there/access.log");
    assertThat(parsed(new JsonObject().put("path", file.toString()).put("format", "json")))
        .isEqualTo(new AccessLogConfig(file.toString(), AccessLogFormat.JSON));
    assertThat(parsed(new JsonObject().put("path", "stdout")).toStdout()).isTrue();
    assertThat(Files.exists(dir.resolve("not"))).as("validation creates nothing").isFalse();
  }

  @Test
  void badValuesAreRefusedAtTheirKeyPath() throws Exception {
    assertSingleError(parseWith("accessLog", new JsonObject().put("format", "common")),
        "accessLog.format", "must be one of combined, json");
    assertSingleError(parseWith("accessLog", new JsonObject().put("buffer", "64k")), "accessLog.buffer", "unknown key");
    assertSingleError(parseWith("accessLog", "logs/access.log"), "accessLog", "must be an object");
    assertSingleError(parseWith("accessLog", new JsonObject().put("path", dir.toString())),
        "accessLog.path", "\"" + dir + "\" is a directory");
    Path file = Files.writeString(dir.resolve("plain-file"), "x");
    assertSingleError(parseWith("accessLog", new JsonObject().put("path", file.resolve("access.log").toString())),
        "accessLog.path", "\"" + file.resolve("access.log") + "\" cannot be created");
  }

  @Test
  void aDirectoryThatCannotBeWrittenIsRefused() throws Exception {
    Path locked = Files.createDirectory(dir.resolve("locked"), PosixFilePermissions.asFileAttribute(
        PosixFilePermissions.fromString("r-xr-xr-x")));
    org.junit.jupiter.api.Assumptions.assumeFalse(Files.isWritable(locked), "running as a user who may write anywhere");
    assertSingleError(parseWith("accessLog", new JsonObject().put("path", locked.resolve("a.log").toString())),
        "accessLog.path", "\"" + locked.resolve("a.log") + "\" cannot be created: directory");
  }

  @Test
  void theRunningConfigShowsItAndParsesBackToTheSame() {
    HoldfastConfig on = parseWith("accessLog", new JsonObject().put("path", "stdout").put("format", "json")).config();
    JsonObject json = ConfigJson.toJson(on);
    assertThat(json.getJsonObject("accessLog")).isEqualTo(new JsonObject().put("path", "stdout").put("format", "json"));
    assertThat(ConfigParser.parse(json).config()).isEqualTo(on);
    assertThat(ConfigJson.toJson(ConfigParser.parse(ConfigParserTest.minimal()).config()).getValue("accessLog")).isNull();
  }
}
