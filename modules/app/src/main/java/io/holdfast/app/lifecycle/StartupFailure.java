package io.holdfast.app.lifecycle;

import io.holdfast.app.ExitCode;
import io.holdfast.bus.PortInUseException;
import java.net.BindException;

/** Maps whatever made start-up fail to the contract's exit code and the one line the operator sees. */
public record StartupFailure(ExitCode exitCode, String message) {

  private static final String EADDRINUSE = "Address already in use";

  public static StartupFailure of(Throwable failure) {
    for (Throwable t = failure; t != null; t = next(t)) {
      if (t instanceof PortInUseException portInUse) {
        return new StartupFailure(ExitCode.PORT_IN_USE, portInUse.getMessage());
      }
    }
    // A verticle that let a raw bind failure through: still exit 2, with whatever the step said.
    for (Throwable t = failure; t != null; t = next(t)) {
      if (t instanceof BindException || (t.getMessage() != null && t.getMessage().contains(EADDRINUSE))) {
        return new StartupFailure(ExitCode.PORT_IN_USE, message(failure) + " (a port is already in use)");
      }
    }
    return new StartupFailure(ExitCode.STARTUP_FAILED, message(failure));
  }

  private static Throwable next(Throwable t) {
    return t.getCause() == t ? null : t.getCause();
  }

  private static String message(Throwable failure) {
    String message = failure.getMessage();
    return message == null || message.isBlank() ? failure.toString() : message;
  }
}
