package io.sluice.cli;

import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.regex.Pattern;

/**
 * Maps a command's failure to its exit code and a one-line message a user can act on. The codes
 * are the same for the same situation in every command and on every file system:
 * 0 ok, 1 I/O, 2 usage, 3 not found, 4 permission denied, 5 unreachable, 6 already exists,
 * 7 wrong type (a directory where a file is needed, or the reverse).
 */
final class CliErrors {
  static final int OK = 0;
  static final int IO_ERROR = 1;
  static final int BAD_ARGUMENTS = 2;
  static final int NO_SUCH_FILE = 3;
  static final int PERMISSION_DENIED = 4;
  static final int UNREACHABLE = 5;
  static final int ALREADY_EXISTS = 6;
  static final int WRONG_TYPE = 7;

  /** The exit code list every command's usage shows. */
  static final String[] EXIT_CODE_LIST = {"0:success", "1:input/output error (also corrupt data)",
      "2:bad arguments", "3:no such file (or a glob matched nothing)", "4:permission denied",
      "5:file system unreachable", "6:already exists (use -f to replace)",
      "7:wrong type (a directory where a file is needed, or the reverse)"};

  /**
   * The hidden names atomic writes use beside their target ({@code .name.sluice-tmp-<random>} on
   * local disks, {@code .name.sluice-<uuid>.tmp} on HDFS); messages show the target instead.
   */
  private static final Pattern TEMPORARY_NAME =
      Pattern.compile("(^|/)\\.([^/]+?)\\.sluice-(?:tmp-[A-Za-z0-9]+|[0-9a-f-]{36}\\.tmp)");

  private CliErrors() {}

  static int exitCode(Throwable e) {
    if (e instanceof CliException cli) {
      return cli.exitCode();
    }
    if (find(e, ConnectException.class, UnknownHostException.class, NoRouteToHostException.class,
        SocketTimeoutException.class) != null) {
      return UNREACHABLE;
    }
    if (e instanceof IllegalArgumentException || e instanceof UnsupportedOperationException) {
      return BAD_ARGUMENTS;
    }
    if (find(e, NoSuchFileException.class, FileNotFoundException.class) != null) {
      return NO_SUCH_FILE;
    }
    if (isPermissionProblem(e)) {
      return PERMISSION_DENIED;
    }
    if (find(e, FileAlreadyExistsException.class) != null || hasCauseNamed(e, ".FileAlreadyExistsException")) {
      return ALREADY_EXISTS;
    }
    if (find(e, NotDirectoryException.class, DirectoryNotEmptyException.class) != null
        || hasCauseNamed(e, ".ParentNotDirectoryException") || hasCauseNamed(e, ".PathIsNotEmptyDirectoryException")) {
      return WRONG_TYPE;
    }
    return IO_ERROR;
  }

  static String describe(Throwable e) {
    return withoutTemporaryNames(describeRaw(e));
  }

  private static String describeRaw(Throwable e) {
    if (e instanceof CliException) {
      return e.getMessage();
    }
    Throwable unreachable = find(e, ConnectException.class, UnknownHostException.class,
        NoRouteToHostException.class, SocketTimeoutException.class);
    if (unreachable != null) {
      return "file system unreachable: " + firstLine(unreachable.getMessage());
    }
    Throwable missing = find(e, NoSuchFileException.class, FileNotFoundException.class);
    if (missing instanceof NoSuchFileException noSuchFile) {
      return noSuchFile.getFile() + ": no such file or directory"
          + (noSuchFile.getReason() != null ? " (" + noSuchFile.getReason() + ")" : "");
    }
    if (missing != null) {
      return "no such file or directory: " + firstLine(missing.getMessage());
    }
    if (isPermissionProblem(e)) {
      Throwable denied = find(e, AccessDeniedException.class);
      return "permission denied: " + firstLine(denied != null ? denied.getMessage() : permissionCause(e).getMessage());
    }
    if (e instanceof FileAlreadyExistsException exists) {
      return exists.getFile() + ": already exists" + (exists.getReason() != null ? " (" + exists.getReason() + ")" : "");
    }
    String message = e.getMessage();
    return message == null ? e.getClass().getSimpleName() : firstLine(message);
  }

  /**
   * A failure while working on the user's {@code userPath}, as "userPath: reason" with the exit code
   * the failure maps to. Corrupt or truncated data reads as such, naming the file.
   */
  static CliException at(String userPath, Throwable e) {
    if (e instanceof CliException cli) {
      return cli;
    }
    int code = exitCode(e);
    String reason;
    if (code == NO_SUCH_FILE) {
      reason = "no such file or directory";
    } else if (code == PERMISSION_DENIED) {
      reason = "permission denied (" + describeRaw(e) + ")";
    } else if (code == ALREADY_EXISTS) {
      reason = "already exists";
    } else if (find(e, EOFException.class) != null) {
      reason = "truncated or corrupt data (unexpected end of input)";
    } else if (code == IO_ERROR && isDataError(e)) {
      reason = "corrupt data (" + describeRaw(e) + ")";
    } else {
      reason = describeRaw(e);
    }
    return new CliException(code, userPath + ": " + reason, e);
  }

  /** Decoder failures: java.util.zip's, commons-compress's, and the codec libraries' own exceptions. */
  private static boolean isDataError(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String name = t.getClass().getName();
      if (t instanceof java.util.zip.ZipException || name.contains("Zstd") || name.contains("LZ4")
          || name.contains("Brotli") || name.contains("Snappy") || name.contains(".compress.")
          || name.endsWith("ChecksumException") || String.valueOf(t.getMessage()).toLowerCase(java.util.Locale.ROOT)
              .matches(".*(corrupt|invalid|malformed|bad |magic|checksum|truncat|unexpected end).*")) {
        return true;
      }
    }
    return false;
  }

  /** {@code /d/.a.txt.sluice-tmp-123} becomes {@code /d/a.txt}: users never see a temporary name. */
  static String withoutTemporaryNames(String message) {
    return TEMPORARY_NAME.matcher(message).replaceAll("$1$2");
  }

  private static boolean isPermissionProblem(Throwable e) {
    return permissionCause(e) != null;
  }

  /** java.nio's AccessDeniedException, or Hadoop's AccessControlException (matched by name: no Hadoop import here). */
  private static Throwable permissionCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof AccessDeniedException || t.getClass().getName().endsWith(".AccessControlException")) {
        return t;
      }
    }
    return null;
  }

  private static boolean hasCauseNamed(Throwable e, String suffix) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getClass().getName().endsWith(suffix)) {
        return true;
      }
    }
    return false;
  }

  @SafeVarargs
  static Throwable find(Throwable e, Class<? extends Throwable>... types) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      for (Class<? extends Throwable> type : types) {
        if (type.isInstance(t)) {
          return t;
        }
      }
    }
    return null;
  }

  static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
