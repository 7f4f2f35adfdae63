package io.holdfast.app.lifecycle;

import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Routes the process signals of contract §1 to the server: TERM and INT stop it gracefully, HUP reloads
 * the config, USR1 reopens the access log (logrotate's {@code postrotate}, as nginx). Handling TERM ourselves replaces the JVM's default (run shutdown hooks, exit 143), which
 * could neither drain in-flight requests nor exit 0.
 */
final class Signals {

  private static final Logger LOG = Logger.getLogger(Signals.class.getName());
  /** The JVM's shutdown signals: for these alone it leaves an ignore the process started with in place. */
  private static final Set<String> JVM_KEEPS_IGNORED = Set.of("HUP", "INT", "TERM");

  interface Handler {
    void stop(String signal);

    void reload();

    void reopenLogs();
  }

  private Signals() {
  }

  static void install(Handler handler) {
    handle("TERM", () -> handler.stop("SIGTERM"));
    handle("INT", () -> handler.stop("SIGINT"));
    handle("HUP", handler::reload);
    handle("USR1", handler::reopenLogs);
  }

  /**
   * Installs {@code action} for SIG{@code name}; false when it cannot be, with a warning saying why (none for an
   * INT ignored since start: that is a background job's, and meant).
   */
  static boolean handle(String name, Runnable action) {
    try {
      SignalHandler previous = Signal.handle(new Signal(name), signal -> action.run());
      if (previous != SignalHandler.SIG_IGN || !JVM_KEEPS_IGNORED.contains(name)) {
        return true;
      }
      // A process started with HUP, INT or TERM ignored keeps it ignored: the JVM installs no handler then. A shell
      // ignores INT in every background job, as meant; HUP (nohup) or TERM would be lost without a word.
      if (!"INT".equals(name)) {
        LOG.log(Level.WARNING, "SIG" + name + " is ignored by this process (it was started with the signal "
            + "ignored, as under nohup): it does nothing here" + ("HUP".equals(name)
            ? "; reload through the admin API or the config file watch" : ""));
      }
      return false;
    } catch (IllegalArgumentException e) {
      // The JVM reserves the signal (e.g. started with -Xrs) or the OS lacks it: keep running without it.
      LOG.log(Level.WARNING, "SIG" + name + " cannot be handled here: " + e.getMessage());
      return false;
    }
  }
}
