package io.sluice.cli;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Runs {@code sluice} in-process and captures exit code, stdout bytes and stderr text. */
record CliRunner(int exitCode, byte[] stdout, String stderr) {
  static CliRunner run(String... args) {
    return withInput(new byte[0], args);
  }

  /** With {@code stdin} as standard input (for {@code -} as a source). */
  static CliRunner withInput(byte[] stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = SluiceCli.run(new java.io.ByteArrayInputStream(stdin), out, err, args);
    return new CliRunner(code, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
  }

  String out() {
    return new String(stdout, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "exit " + exitCode + "\n--- stdout\n" + out() + "\n--- stderr\n" + stderr;
  }
}
