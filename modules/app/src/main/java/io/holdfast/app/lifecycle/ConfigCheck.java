package io.holdfast.app.lifecycle;

import io.holdfast.app.ExitCode;
import io.holdfast.config.ConfigError;
import io.holdfast.config.ConfigLoader;
import io.holdfast.config.ConfigResult;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * {@code holdfast --check}, like {@code nginx -t}: validates the file and starts nothing. The same output
 * is printed when a server start finds the config invalid, so one command explains both.
 */
public final class ConfigCheck {

  public static final String OK = "ok";

  private ConfigCheck() {
  }

  public static ExitCode run(Path configFile, PrintStream out, PrintStream err) {
    Path file = resolve(configFile);
    ConfigResult result = ConfigLoader.load(file);
    if (result.isValid()) {
      // Valid but likely wrong (an expired certificate): said on stderr, as nginx -t says [warn] lines.
      for (ConfigError warning : result.config().warnings(java.time.Instant.now())) {
        err.println("warning: " + format(file, warning));
      }
      out.println(OK);
      return ExitCode.OK;
    }
    printErrors(file, result, err);
    return ExitCode.CONFIG_INVALID;
  }

  /**
   * The config file as both {@code --check} and a start name it: absolute, so a message about the file
   * says which one whatever the working directory was, and the same in both.
   */
  static Path resolve(Path configFile) {
    return configFile.toAbsolutePath().normalize();
  }

  /** One line per error, {@code key.path: message}; an error about the file itself names the file. */
  static void printErrors(Path configFile, ConfigResult result, PrintStream err) {
    for (ConfigError error : result.errors()) {
      err.println(format(configFile, error));
    }
  }

  static String format(Path configFile, ConfigError error) {
    String path = error.path() == null || error.path().isBlank() ? configFile.toString() : error.path();
    return path + ": " + error.message();
  }
}
