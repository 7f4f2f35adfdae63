package io.holdfast.app.lifecycle;

/** A start-up step failed; the message names the step, the cause says why. */
public final class StartupException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public StartupException(String step, Throwable cause) {
    super("could not start " + step + ": " + describe(cause), cause);
  }

  private static String describe(Throwable cause) {
    String message = cause.getMessage();
    return message == null || message.isBlank() ? cause.getClass().getName() : message;
  }
}
