package io.holdfast.app.runtime;

import io.vertx.core.transport.Transport;
import java.util.ArrayList;
import java.util.List;

/**
 * The network transport that will run, and why a preferred one does not. The config asks for
 * {@code auto}, {@code io_uring}, {@code epoll} or {@code nio}; whatever cannot run on this kernel or
 * under this container's policy falls back along io_uring → epoll → NIO, and the reason is kept so the
 * start-up log and the status show it instead of a silent slowdown.
 *
 * @param transport the Vert.x transport to build with
 * @param name its config spelling ({@code io_uring}, {@code epoll}, {@code nio})
 * @param fallbackReason why the preferred transport does not run; null when it does
 * @param explicit whether the operator named a transport (a fallback then deserves a warning)
 */
public record TransportChoice(Transport transport, String name, String fallbackReason, boolean explicit) {

  /** Says why a transport cannot run here, or null when it can. */
  @FunctionalInterface
  interface Probe {
    Throwable unavailability(Candidate candidate);
  }

  enum Candidate {
    IO_URING("io_uring", Transport.IO_URING), EPOLL("epoll", Transport.EPOLL), NIO("nio", Transport.NIO);

    final String key;
    final Transport transport;

    Candidate(String key, Transport transport) {
      this.key = key;
      this.transport = transport;
    }
  }

  private static final Probe LIVE = TransportChoice::probe;

  public static TransportChoice select(io.holdfast.config.Transport wanted) {
    return select(wanted, LIVE);
  }

  static TransportChoice select(io.holdfast.config.Transport wanted, Probe probe) {
    List<String> reasons = new ArrayList<>();
    for (Candidate candidate : candidates(wanted)) {
      Throwable cause = candidate == Candidate.NIO ? null : probe.unavailability(candidate);
      if (cause == null) {
        String reason = reasons.isEmpty() ? null : String.join("; ", reasons);
        return new TransportChoice(candidate.transport, candidate.key, reason,
            wanted != io.holdfast.config.Transport.AUTO);
      }
      reasons.add(candidate.key + " unavailable: " + describe(cause));
    }
    throw new IllegalStateException("NIO is always available");
  }

  /** True when the transport that runs is not the one asked for (or, for auto, not the best one). */
  public boolean fellBack() {
    return fallbackReason != null;
  }

  private static List<Candidate> candidates(io.holdfast.config.Transport wanted) {
    return switch (wanted) {
      case AUTO, IO_URING -> List.of(Candidate.IO_URING, Candidate.EPOLL, Candidate.NIO);
      case EPOLL -> List.of(Candidate.EPOLL, Candidate.NIO);
      case NIO -> List.of(Candidate.NIO);
    };
  }

  private static Throwable probe(Candidate candidate) {
    try {
      if (candidate.transport.available()) {
        return null;
      }
      Throwable cause = candidate.transport.unavailabilityCause();
      return cause != null ? cause : new IllegalStateException("not available");
    } catch (LinkageError | RuntimeException e) {
      // A missing or broken native library shows up as an error rather than a cause.
      return e;
    }
  }

  private static String describe(Throwable cause) {
    Throwable root = cause;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return message == null || message.isBlank() ? root.getClass().getSimpleName() : message;
  }
}
