package io.holdfast.accesslog;

import io.holdfast.config.AccessLogFormat;

import java.time.ZoneId;

/** Appends one record as one line, newline included. Writer thread only. */
interface LineFormat {

  void append(AccessRecord record, LineBuffer out);

  static LineFormat of(AccessLogFormat format, ZoneId zone) {
    return switch (format) {
      case COMBINED -> new CombinedFormat(new LogClock(zone));
      case JSON -> new JsonFormat(new LogClock(zone));
    };
  }
}
