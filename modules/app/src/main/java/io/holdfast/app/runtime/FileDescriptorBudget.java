package io.holdfast.app.runtime;

import io.holdfast.config.HoldfastConfig;
import io.holdfast.config.ListenerConfig;
import io.holdfast.config.UpstreamConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * How many file descriptors the config may need against the process's limit, so that a limit too low
 * for {@code maxConnections} is a start-up warning rather than "Too many open files" under load.
 *
 * <p>The estimate: every client connection the listeners admit, plus one upstream connection for each
 * (a busy proxy holds one upstream connection per request in flight), plus the idle pools kept per
 * server and instance, plus {@link #RESERVE} for the JVM, jars, event loops and the admin port.
 */
public record FileDescriptorBudget(OptionalLong limit, long needed) {

  public static final Path PROC_LIMITS = Path.of("/proc/self/limits");
  public static final long RESERVE = 256;

  public static FileDescriptorBudget of(HoldfastConfig config) {
    return new FileDescriptorBudget(readLimit(PROC_LIMITS), estimate(config));
  }

  public static long estimate(HoldfastConfig config) {
    long clients = 0;
    for (ListenerConfig listener : config.listeners().values()) {
      clients += listener.maxConnections();
    }
    long idlePools = 0;
    for (UpstreamConfig upstream : config.upstreams().values()) {
      idlePools += (long) upstream.servers().size() * upstream.keepalive().connections() * config.instances();
    }
    return clients * 2 + idlePools + RESERVE;
  }

  /** True when the limit is known and below the estimate. */
  public boolean tooLow() {
    return limit.isPresent() && limit.getAsLong() < needed;
  }

  static OptionalLong readLimit(Path procLimits) {
    try {
      return parseLimit(Files.readAllLines(procLimits));
    } catch (IOException | RuntimeException e) {
      // Not Linux, or /proc hidden: the check is advisory.
      return OptionalLong.empty();
    }
  }

  /** The soft limit from the "Max open files" line; "unlimited" counts as no limit. */
  static OptionalLong parseLimit(List<String> lines) {
    for (String line : lines) {
      if (line.startsWith("Max open files")) {
        String[] fields = line.substring("Max open files".length()).trim().split("\\s+");
        return "unlimited".equals(fields[0]) ? OptionalLong.of(Long.MAX_VALUE)
            : OptionalLong.of(Long.parseLong(fields[0]));
      }
    }
    return OptionalLong.empty();
  }
}
