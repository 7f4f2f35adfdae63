package io.holdfast.config;

/**
 * {@code accessLog}: one line per request, written off the event loops. {@code path} is a file (relative
 * paths start at the working directory; missing directories are created) or {@value #STDOUT}. Absent
 * from the config (null in {@link HoldfastConfig}) when the log is off.
 */
public record AccessLogConfig(String path, AccessLogFormat format) {

  public static final String DEFAULT_PATH = "logs/access.log";
  public static final AccessLogFormat DEFAULT_FORMAT = AccessLogFormat.COMBINED;
  /** The {@code path} that writes to the process's standard output. */
  public static final String STDOUT = "stdout";

  public boolean toStdout() {
    return STDOUT.equals(path);
  }
}
