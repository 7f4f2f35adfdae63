package io.holdfast.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * The process's soft limit on open files ({@code RLIMIT_NOFILE}, {@code ulimit -n}) as Linux reports it in
 * {@code /proc/self/limits}. The JVM raises the soft limit to the hard one as it starts, so this is the
 * hard limit the process was given. Read once: a limit changed under a running process is not followed.
 */
public final class OpenFilesLimit {

  public static final Path PROC_LIMITS = Path.of("/proc/self/limits");

  private OpenFilesLimit() {
  }

  /** This process's limit; empty when unknown (not Linux, /proc hidden). */
  public static OptionalLong current() {
    return Holder.CURRENT;
  }

  static OptionalLong read(Path procLimits) {
    try {
      return parse(Files.readAllLines(procLimits));
    } catch (IOException | RuntimeException e) {
      return OptionalLong.empty();
    }
  }

  /** The soft limit from the "Max open files" line; "unlimited" counts as no limit. */
  static OptionalLong parse(List<String> lines) {
    for (String line : lines) {
      if (line.startsWith("Max open files")) {
        String[] fields = line.substring("Max open files".length()).trim().split("\\s+");
        return "unlimited".equals(fields[0]) ? OptionalLong.of(Long.MAX_VALUE)
            : OptionalLong.of(Long.parseLong(fields[0]));
      }
    }
    return OptionalLong.empty();
  }

  private static final class Holder {
    static final OptionalLong CURRENT = read(PROC_LIMITS);
  }
}
