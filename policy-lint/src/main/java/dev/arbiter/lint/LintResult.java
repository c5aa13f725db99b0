package dev.arbiter.lint;

import dev.arbiter.policy.PolicyType;
import java.util.ArrayList;
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
 * @param resourceType what the resource-based policy is attached to, as given or inferred; empty
 *     when not known or not a resource-based policy
 * @param resourceTypeInferred whether that resource type was inferred from the policy's ARNs rather
 *     than given
 */
public record LintResult(
    String file,
    Optional<PolicyType> policyType,
    boolean typeDetected,
    boolean parsed,
    List<Finding> findings,
    int suppressed,
    Optional<PolicyResourceType> resourceType,
    boolean resourceTypeInferred) {

  /** Copies the list. */
  public LintResult {
    findings = List.copyOf(findings);
  }

  /** A result without a resource type. */
  public LintResult(
      String file,
      Optional<PolicyType> policyType,
      boolean typeDetected,
      boolean parsed,
      List<Finding> findings,
      int suppressed) {
    this(file, policyType, typeDetected, parsed, findings, suppressed, Optional.empty(), false);
  }

  /**
   * Every finding, those folded into another ({@link Finding#related()}) included, each right after
   * the one it is folded into.
   */
  public List<Finding> allFindings() {
    List<Finding> all = new ArrayList<>();
    for (Finding finding : findings) {
      all.add(finding);
      all.addAll(finding.related());
    }
    return all;
  }

  /** Whether any finding is at least as serious as {@code threshold}. */
  public boolean hasFindingsAtLeast(FindingType threshold) {
    return findings.stream().anyMatch(f -> f.type().atLeast(threshold));
  }
}
