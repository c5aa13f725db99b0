package dev.arbiter.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs several {@code arbiter} command lines in one JVM, discarding their output, so that the build
 * can record every class a typical run loads ({@code -XX:DumpLoadedClassList}). The launchers make
 * a class-data sharing archive from that list; one JVM is needed because separate lists cannot be
 * concatenated (the JDK refuses a list that names a class twice). Not API: run by the build only.
 *
 * <p>Arguments: command lines separated by a lone {@code ::}, for example {@code lint
 * corpus/policies :: simulate scenario.json}. Each must exit 0 or 1 (a denial, findings); any other
 * exit code (a usage error, unreadable input, an internal error) fails the training, so that a
 * stale command line in the build is noticed rather than recording a list of the wrong classes.
 */
final class StartupTraining {

  private static final String SEPARATOR = "::";

  private StartupTraining() {}

  public static void main(String[] args) {
    PrintWriter discard = new PrintWriter(Writer.nullWriter());
    for (List<String> command : commands(args)) {
      StringWriter err = new StringWriter();
      int code = ArbiterCli.run(command.toArray(String[]::new), discard, new PrintWriter(err));
      if (code > ExitCodes.DENIED_OR_FINDINGS) {
        System.err.print(err);
        System.err.println(
            "startup training: 'arbiter " + String.join(" ", command) + "' exited " + code);
        System.exit(code);
      }
    }
  }

  /**
   * The command lines in {@code args}, split at each {@code ::}. Empty command lines are dropped.
   */
  static List<List<String>> commands(String... args) {
    List<List<String>> commands = new ArrayList<>();
    List<String> current = new ArrayList<>();
    for (String arg : Arrays.asList(args)) {
      if (arg.equals(SEPARATOR)) {
        if (!current.isEmpty()) {
          commands.add(List.copyOf(current));
        }
        current = new ArrayList<>();
      } else {
        current.add(arg);
      }
    }
    if (!current.isEmpty()) {
      commands.add(List.copyOf(current));
    }
    return List.copyOf(commands);
  }
}
