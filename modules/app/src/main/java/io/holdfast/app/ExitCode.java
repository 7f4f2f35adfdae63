package io.holdfast.app;

/** The process exit codes of contract §1; scripts and service managers rely on them. */
public enum ExitCode {
  /** Clean stop (SIGTERM/SIGINT), or --help, --version, a passing --check. */
  OK(0),
  /** The config file is missing, not JSON, or refused by validation. */
  CONFIG_INVALID(1),
  /** A port could not be bound because something else holds it. */
  PORT_IN_USE(2),
  /** Any other start-up failure, including a command line that cannot be understood. */
  STARTUP_FAILED(3);

  private final int code;

  ExitCode(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }
}
