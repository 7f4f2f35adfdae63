package io.holdfast.app;

import io.holdfast.app.cli.CommandLine;
import io.holdfast.app.cli.UsageException;
import io.holdfast.app.lifecycle.ConfigCheck;
import io.holdfast.app.lifecycle.Server;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.logging.LogManager;

/**
 * The {@code holdfast} command (contract §1). Stays thin: parses the command line, then hands over to
 * {@link ConfigCheck} or {@link Server}; every exit goes through {@link System#exit} here.
 */
public final class Holdfast {

  private static final String LOGGING_RESOURCE = "/holdfast-logging.properties";

  private Holdfast() {
  }

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err).code());
  }

  static ExitCode run(String[] args, PrintStream out, PrintStream err) {
    CommandLine commandLine;
    try {
      commandLine = CommandLine.parse(args, System.getenv());
    } catch (UsageException e) {
      err.println("holdfast: " + e.getMessage());
      err.print(CommandLine.USAGE);
      return ExitCode.STARTUP_FAILED;
    }
    switch (commandLine.mode()) {
      case HELP:
        out.print(CommandLine.USAGE);
        return ExitCode.OK;
      case VERSION:
        out.println("holdfast " + Version.current());
        return ExitCode.OK;
      case CHECK:
        return ConfigCheck.run(commandLine.configFile(), out, err);
      default:
        configureLogging();
        return Server.run(commandLine.configFile(), err);
    }
  }

  /** One-line log records unless the operator points java.util.logging at a file of their own. */
  private static void configureLogging() {
    if (System.getProperty("java.util.logging.config.file") != null
        || System.getProperty("java.util.logging.config.class") != null) {
      return;
    }
    try (InputStream in = Holdfast.class.getResourceAsStream(LOGGING_RESOURCE)) {
      if (in != null) {
        LogManager.getLogManager().readConfiguration(in);
      }
    } catch (IOException e) {
      System.err.println("holdfast: default logging configuration unreadable: " + e.getMessage());
    }
  }
}
