package dev.arbiter.cli;

import java.io.Console;
import java.lang.reflect.Method;

/** Whether standard output is an interactive terminal, for colour and progress. */
final class Terminal {
  private Terminal() {}

  /**
   * True when the JVM has a console attached to a terminal. On JDK 17 to 21 {@link
   * System#console()} is null when a stream is redirected; from JDK 22 it is never null and {@code
   * Console.isTerminal()} (looked up reflectively, as we compile for 17) tells instead.
   */
  @SuppressWarnings("SystemConsoleNull") // handled: isTerminal() is consulted where it exists
  static boolean interactive() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      Method isTerminal = Console.class.getMethod("isTerminal");
      return Boolean.TRUE.equals(isTerminal.invoke(console));
    } catch (ReflectiveOperationException e) {
      return true; // JDK 17-21: a non-null console is a terminal
    }
  }

  /** Whether to colour output: on a terminal and unless {@code NO_COLOR} is set. */
  static boolean colour() {
    String noColor = System.getenv("NO_COLOR");
    return interactive() && (noColor == null || noColor.isEmpty());
  }
}
