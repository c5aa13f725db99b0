package dev.arbiter.cli;

/**
 * The exit codes of every command, so CI scripts can rely on them; {@code arbiter --help} and the
 * README's "Exit codes" section print the same table.
 */
final class ExitCodes {
  private ExitCodes() {}

  /** Everything valid, allowed, or no findings at or above the threshold. */
  static final int OK = 0;

  /**
   * A domain "no": findings at or above the threshold (a policy AWS would reject is an ERROR
   * finding), or a denied request.
   */
  static final int DENIED_OR_FINDINGS = 1;

  /** The command line itself was wrong, or the configuration it names is invalid. */
  static final int USAGE = 2;

  /** Some input could not be read or used at all, or the tool failed. */
  static final int INVALID_INPUT = 3;
}
