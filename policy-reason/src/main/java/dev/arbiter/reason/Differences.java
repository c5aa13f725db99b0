package dev.arbiter.reason;

/**
 * How two policies differ, in both directions.
 *
 * @param added what the second policy grants that the first does not: {@link CheckResult.Pass} when
 *     nothing, else the statements of the second that add access
 * @param removed what the first grants that the second does not, as statements of the first
 */
public record Differences(CheckResult added, CheckResult removed) {

  /** Whether the policies are proved to grant exactly the same requests. */
  public boolean equivalent() {
    return added.outcome() == CheckResult.Outcome.PASS
        && removed.outcome() == CheckResult.Outcome.PASS;
  }
}
