package dev.arbiter.cli;

/** The exit codes of every command, so CI scripts can rely on them. */
final class ExitCodes {
  private ExitCodes() {}

  /** Everything valid, allowed, or no findings at or above the threshold. */
  static final int OK = 0;

  /** A domain "no": a denial, or findings at or above the threshold. */
  static final int DENIED_OR_FINDINGS = 1;

  /** The command line itself was wrong (picocli's default for usage errors). */
  static final int USAGE = 2;

  /** Some input could not be read or is not valid. */
  static final int INVALID_INPUT = 3;
}
