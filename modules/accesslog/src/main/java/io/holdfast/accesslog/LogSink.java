package io.holdfast.accesslog;

import io.holdfast.config.AccessLogConfig;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Where lines go: a file opened for appending (created with its missing directories), or the process's
 * standard output. Writer thread only. Appending with {@code O_APPEND} keeps every batch whole at the
 * end of the file even when logrotate's {@code copytruncate} shortens it meanwhile.
 */
abstract class LogSink implements AutoCloseable {

  static LogSink open(AccessLogConfig config) throws IOException {
    if (config.toStdout()) {
      return new Stdout();
    }
    Path file = Path.of(config.path()).toAbsolutePath();
    Path dir = file.getParent();
    if (dir != null) {
      Files.createDirectories(dir);
    }
    return new AppendFile(FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.APPEND));
  }

  /** Writes all of {@code bytes}. */
  abstract void write(ByteBuffer bytes) throws IOException;

  @Override
  public abstract void close() throws IOException;

  private static final class AppendFile extends LogSink {

    private final FileChannel channel;

    AppendFile(FileChannel channel) {
      this.channel = channel;
    }

    @Override
    void write(ByteBuffer bytes) throws IOException {
      while (bytes.hasRemaining()) {
        channel.write(bytes);
      }
    }

    @Override
    public void close() throws IOException {
      channel.close();
    }
  }

  /** File descriptor 1 itself, past {@code System.out}'s buffer and lock; never closed. */
  private static final class Stdout extends LogSink {

    private final FileChannel channel = new FileOutputStream(FileDescriptor.out).getChannel();

    @Override
    void write(ByteBuffer bytes) throws IOException {
      while (bytes.hasRemaining()) {
        channel.write(bytes);
      }
    }

    @Override
    public void close() {
      // Closing the channel would close the process's standard output.
    }
  }
}
