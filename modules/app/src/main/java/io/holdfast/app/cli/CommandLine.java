package io.holdfast.app.cli;

import java.nio.file.Path;
import java.util.Map;

/**
 * What the operator asked for: run, check the config, print help or the version. The config file comes
 * from {@code --config}, else {@code HOLDFAST_CONFIG}, else {@link #DEFAULT_CONFIG}: the flag wins so a
 * one-off run can override the environment of a service unit.
 */
public record CommandLine(Mode mode, Path configFile) {

  public static final String CONFIG_ENV = "HOLDFAST_CONFIG";
  public static final Path DEFAULT_CONFIG = Path.of("conf", "holdfast.json");

  public static final String USAGE = String.join("\n",
      "Usage: holdfast [--config PATH] [--check] [--help] [--version]",
      "",
      "  -c, --config PATH   config file (default: $" + CONFIG_ENV + ", else " + DEFAULT_CONFIG + ")",
      "  -t, --check         validate the config, print \"ok\" or every error, exit 0/1; starts nothing",
      "  -h, --help          print this help",
      "  -v, --version       print the version",
      "",
      "Exit codes: 0 clean stop, 1 config invalid, 2 a port is in use, 3 other start-up failure",
      "            (including a command line that cannot be understood).",
      "Signals:    SIGTERM/SIGINT stop gracefully, SIGHUP re-reads the config file.",
      "");

  /** Declared from weakest to strongest: see {@link #stronger}. */
  public enum Mode { RUN, CHECK, VERSION, HELP }

  public static CommandLine parse(String[] args, Map<String, String> env) throws UsageException {
    Mode mode = Mode.RUN;
    Path config = null;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.startsWith("--config=")) {
        config = path(arg.substring("--config=".length()), "--config");
        continue;
      }
      switch (arg) {
        case "-c", "--config" -> {
          if (i + 1 >= args.length) {
            throw new UsageException(arg + " needs a PATH");
          }
          config = path(args[++i], arg);
        }
        case "-t", "--check" -> mode = stronger(mode, Mode.CHECK);
        case "-h", "--help" -> mode = stronger(mode, Mode.HELP);
        case "-v", "--version" -> mode = stronger(mode, Mode.VERSION);
        default -> throw new UsageException("unknown argument \"" + arg + "\"");
      }
    }
    if (config == null) {
      String fromEnv = env.get(CONFIG_ENV);
      config = fromEnv == null || fromEnv.isBlank() ? DEFAULT_CONFIG : Path.of(fromEnv);
    }
    return new CommandLine(mode, config);
  }

  private static Path path(String value, String flag) throws UsageException {
    if (value.isBlank()) {
      throw new UsageException(flag + " needs a PATH");
    }
    return Path.of(value);
  }

  /** --help beats --version beats --check beats running, whatever the order, as most tools behave. */
  private static Mode stronger(Mode current, Mode requested) {
    return requested.ordinal() > current.ordinal() ? requested : current;
  }
}
