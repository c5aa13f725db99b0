package dev.arbiter.lint;

import dev.arbiter.policy.PolicyType;
import java.util.List;
import java.util.Optional;

/**
 * What linting one document found.
 *
 * @param file the file name as given to the linter
 * @param policyType the type the document was checked as; empty when it could not be parsed
 * @param typeDetected whether that type was detected from the document rather than given
 * @param parsed whether the document was read and parsed as a policy
 * @param findings the findings in document order, after configuration (disabled checks, changed
 *     types and ignores applied)
 * @param suppressed how many findings the configuration's ignores removed
 */
public record LintResult(
    String file,
    Optional<PolicyType> policyType,
    boolean typeDetected,
    boolean parsed,
    List<Finding> findings,
    int suppressed) {

  /** Copies the list. */
  public LintResult {
    findings = List.copyOf(findings);
  }

  /** Whether any finding is at least as serious as {@code threshold}. */
  public boolean hasFindingsAtLeast(FindingType threshold) {
    return findings.stream().anyMatch(f -> f.type().atLeast(threshold));
  }
}
