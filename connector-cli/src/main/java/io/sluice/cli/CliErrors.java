package io.sluice.cli;

import java.io.FileNotFoundException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

/** Maps a command's failure to its exit code and a one-line message a user can act on. */
final class CliErrors {
  static final int IO_ERROR = 1;
  static final int BAD_ARGUMENTS = 2;
  static final int NO_SUCH_FILE = 3;
  static final int PERMISSION_DENIED = 4;
  static final int UNREACHABLE = 5;

  private CliErrors() {}

  static int exitCode(Throwable e) {
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
    return IO_ERROR;
  }

  static String describe(Throwable e) {
    Throwable unreachable = find(e, ConnectException.class, UnknownHostException.class,
        NoRouteToHostException.class, SocketTimeoutException.class);
    if (unreachable != null) {
      return "file system unreachable: " + firstLine(unreachable.getMessage());
    }
    Throwable missing = find(e, NoSuchFileException.class, FileNotFoundException.class);
    if (missing instanceof NoSuchFileException noSuchFile) {
      return "no such file or directory: " + noSuchFile.getFile()
          + (noSuchFile.getReason() != null ? " (" + noSuchFile.getReason() + ")" : "");
    }
    if (missing != null) {
      return "no such file or directory: " + firstLine(missing.getMessage());
    }
    if (isPermissionProblem(e)) {
      Throwable denied = find(e, AccessDeniedException.class);
      return "permission denied: " + firstLine(denied != null ? denied.getMessage() : permissionCause(e).getMessage());
    }
    String message = e.getMessage();
    return message == null ? e.getClass().getSimpleName() : firstLine(message);
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

  @SafeVarargs
  private static Throwable find(Throwable e, Class<? extends Throwable>... types) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      for (Class<? extends Throwable> type : types) {
        if (type.isInstance(t)) {
          return t;
        }
      }
    }
    return null;
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
