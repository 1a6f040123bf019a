package io.sluice.cli;

/**
 * A failure the command line has already put into words: the exit code and a message that names
 * the path the user gave and the reason. Thrown by commands; {@link CliErrors} prints it as is.
 */
final class CliException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int exitCode;

  CliException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  CliException(int exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  int exitCode() {
    return exitCode;
  }

  static CliException usage(String message) {
    return new CliException(CliErrors.BAD_ARGUMENTS, message);
  }

  static CliException notFound(String userPath) {
    return new CliException(CliErrors.NO_SUCH_FILE, userPath + ": no such file or directory");
  }

  static CliException alreadyExists(String userPath, String hint) {
    return new CliException(CliErrors.ALREADY_EXISTS, userPath + ": already exists" + hint);
  }

  static CliException wrongType(String userPath, String reason) {
    return new CliException(CliErrors.WRONG_TYPE, userPath + ": " + reason);
  }
}
