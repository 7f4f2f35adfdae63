package io.holdfast.listener.edge;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The curl command (with nghttp2) as a client: its output, its verbose trace, its exit code. */
final class Curl {

  record Result(int exit, String out, String trace) {
    /** The status of the last response, from the trace ({@code < HTTP/2 200}). */
    int status() {
      int status = -1;
      for (String line : trace.split("\n")) {
        if (line.startsWith("< HTTP/")) {
          status = Integer.parseInt(line.split(" ")[2].trim());
        }
      }
      return status;
    }

    boolean saidHttp2() {
      return trace.contains("< HTTP/2 ");
    }

    /** A response header of the last response, from the trace; null when absent. */
    String header(String name) {
      String found = null;
      for (String line : trace.split("\n")) {
        if (line.regionMatches(true, 0, "< " + name + ":", 0, name.length() + 3)) {
          found = line.substring(name.length() + 3).trim();
        }
      }
      return found;
    }
  }

  private Curl() {
  }

  static Result run(byte[] stdin, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("curl", "-sS", "-v", "--max-time", "20"));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).start();
    if (stdin != null) {
      process.getOutputStream().write(stdin);
    }
    process.getOutputStream().close();
    byte[] out = process.getInputStream().readAllBytes();
    byte[] err = process.getErrorStream().readAllBytes();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("curl did not finish: " + command);
    }
    return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
  }
}
