package dev.arbiter.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * One run of the command line in the test's JVM: its exit code and what it printed.
 *
 * @param code the exit code
 * @param out standard output
 * @param err standard error
 */
record CliRun(int code, String out, String err) {

  /** Runs {@code arbiter ARGS} and captures both streams. */
  static CliRun run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = ArbiterCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new CliRun(code, out.toString(), err.toString());
  }
}
