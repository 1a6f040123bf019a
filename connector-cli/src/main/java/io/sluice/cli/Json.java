package io.sluice.cli;

import io.sluice.fs.FileInfo;
import java.time.temporal.ChronoUnit;

/** The JSON of {@code stat --json} and {@code ls --json}: one object per path, keys as API.md lists them. */
final class Json {
  private Json() {}

  /**
   * {@code {"path", "type", "size", "mtime", "permissions", "owner", "group", "replication",
   * "blockSize"}}: type {@code file} or {@code directory}, size in bytes ({@code null} for a
   * directory), mtime ISO-8601 UTC in milliseconds, permissions as {@code rwxr-xr-x}; fields a file
   * system does not have (replication and block size on local disks) are {@code null}.
   */
  static String object(String path, FileDetails details) {
    FileInfo info = details.info();
    return "{\"path\":" + string(path)
        + ",\"type\":" + string(info.isDirectory() ? "directory" : "file")
        + ",\"size\":" + (info.isFile() ? Long.toString(info.size()) : "null")
        + ",\"mtime\":" + (info.mtime() == null ? "null" : string(info.mtime().truncatedTo(ChronoUnit.MILLIS).toString()))
        + ",\"permissions\":" + string(details.permissions())
        + ",\"owner\":" + string(details.owner())
        + ",\"group\":" + string(details.group())
        + ",\"replication\":" + details.replication()
        + ",\"blockSize\":" + details.blockSize()
        + "}";
  }

  static String string(String text) {
    if (text == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
