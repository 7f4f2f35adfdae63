package io.holdfast.config;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.logging.Logger;

/**
 * Writes the config file so that a reader (a restart, the file watcher, an operator's editor) sees either
 * the old file or the new one, never half of one: temp file in the same directory, fsync, atomic rename.
 * The new file keeps the old one's mode, owner and group (a temp file is born 0600 and owned by whoever
 * runs Holdfast), and a symbolic link stays a link: the file it points to is the one replaced.
 */
public final class ConfigFile {

  private static final Logger LOG = Logger.getLogger(ConfigFile.class.getName());

  private ConfigFile() {
  }

  /**
   * {@code document} as the config file holds it (pretty-printed, newline-terminated), written atomically
   * on a worker thread: the fsync must not block the event loop. Unordered: the caller serialises its writes.
   */
  public static Future<Void> write(Vertx vertx, Path file, JsonObject document) {
    String text = document.encodePrettily() + "\n";
    return vertx.executeBlocking(() -> {
      writeAtomically(file, text);
      return null;
    }, false);
  }

  public static void writeAtomically(Path file, String content) throws IOException {
    Path target = Files.exists(file) ? file.toRealPath() : file.toAbsolutePath();
    Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".tmp");
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        channel.write(ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8)));
        channel.force(true);
      }
      keepAttributes(target, temp);
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static void keepAttributes(Path original, Path temp) throws IOException {
    PosixFileAttributeView originalView = Files.getFileAttributeView(original, PosixFileAttributeView.class);
    PosixFileAttributeView tempView = Files.getFileAttributeView(temp, PosixFileAttributeView.class);
    if (originalView == null || tempView == null || !Files.exists(original)) {
      return;
    }
    PosixFileAttributes was = originalView.readAttributes();
    PosixFileAttributes now = tempView.readAttributes();
    try {
      if (!was.owner().equals(now.owner())) {
        tempView.setOwner(was.owner());
      }
      if (!was.group().equals(now.group())) {
        tempView.setGroup(was.group());
      }
    } catch (IOException e) {
      // Only root may give a file away; the change itself still persists.
      LOG.warning("config file " + original + " rewritten as " + now.owner().getName() + ":" + now.group().getName()
          + ", not " + was.owner().getName() + ":" + was.group().getName() + " (" + e.getMessage() + ")");
    }
    tempView.setPermissions(was.permissions());
  }
}
