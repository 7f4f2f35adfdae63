package io.holdfast.app.lifecycle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A guard for code not yet written: a verticle that registers a plain (cluster-wide) consumer would advertise
 * a local address to the fleet. {@link LocalMessagesStayLocalTest} proves today's verticles at runtime; this
 * finds a new {@code consumer(...)} in the sources. The fleet verticle's one node address is the exception.
 */
class LocalConsumersOnlyTest {

  private static final Pattern CLUSTER_WIDE_CONSUMER = Pattern.compile("\\.(<[^>]*>)?consumer\\(");
  private static final List<String> ALLOWED = List.of("io/holdfast/fleet/FleetVerticle.java");

  @Test
  void everyProductionConsumerIsLocalButTheFleetAddress() throws IOException {
    Path modules = Path.of("..").toAbsolutePath().normalize();
    assertThat(modules.resolve("bus")).isDirectory();
    List<String> offenders;
    try (Stream<Path> files = Files.walk(modules)) {
      offenders = files.filter(f -> f.toString().endsWith(".java") && f.toString().contains("/src/main/java/"))
          .filter(f -> ALLOWED.stream().noneMatch(a -> f.toString().endsWith(a)))
          .filter(LocalConsumersOnlyTest::registersClusterWide)
          .map(f -> modules.relativize(f).toString())
          .toList();
    }
    assertThat(offenders).as("sources with eventBus().consumer(...): use localConsumer").isEmpty();
  }

  private static boolean registersClusterWide(Path file) {
    try {
      return CLUSTER_WIDE_CONSUMER.matcher(Files.readString(file)).find();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
