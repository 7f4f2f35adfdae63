package io.holdfast.app.lifecycle;

import java.util.logging.Level;
import java.util.logging.Logger;
import sun.misc.Signal;

/**
 * Routes the process signals of contract §1 to the server: TERM and INT stop it gracefully, HUP reloads
 * the config, USR1 reopens the access log (logrotate's {@code postrotate}, as nginx). Handling TERM ourselves replaces the JVM's default (run shutdown hooks, exit 143), which
 * could neither drain in-flight requests nor exit 0.
 */
final class Signals {

  private static final Logger LOG = Logger.getLogger(Signals.class.getName());

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

  private static void handle(String name, Runnable action) {
    try {
      Signal.handle(new Signal(name), signal -> action.run());
    } catch (IllegalArgumentException e) {
      // The JVM reserves the signal (e.g. started with -Xrs) or the OS lacks it: keep running without it.
      LOG.log(Level.WARNING, "SIG" + name + " cannot be handled here: " + e.getMessage());
    }
  }
}
