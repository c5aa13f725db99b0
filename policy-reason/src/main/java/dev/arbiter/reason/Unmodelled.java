package dev.arbiter.reason;

/**
 * A construct the reasoner does not model, or a budget it ran out of: the check is inconclusive.
 */
final class Unmodelled extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String construct;

  Unmodelled(String construct) {
    super(construct, null, false, false);
    this.construct = construct;
  }

  /** What stopped the check. */
  String construct() {
    return construct;
  }
}
