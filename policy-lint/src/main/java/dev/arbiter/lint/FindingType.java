package dev.arbiter.lint;

import java.util.Locale;
import java.util.Optional;

/**
 * How serious a finding is, with IAM Access Analyzer's four finding types, most serious first.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html">IAM
 *     policy validation check reference</a>
 */
public enum FindingType {
  /** Part of the policy does not work, or AWS rejects the document. */
  ERROR("ERROR", "error", 4),
  /** The policy grants more access than it probably should. */
  SECURITY_WARNING("SECURITY_WARNING", "security warning", 3),
  /** A best-practice problem that is not about security. */
  WARNING("WARNING", "warning", 2),
  /** Style and redundancy: no effect on access. */
  SUGGESTION("SUGGESTION", "suggestion", 1);

  private final String awsName;
  private final String label;
  private final int rank;

  FindingType(String awsName, String label, int rank) {
    this.awsName = awsName;
    this.label = label;
    this.rank = rank;
  }

  /** The spelling Access Analyzer's API uses, for example {@code SECURITY_WARNING}. */
  public String awsName() {
    return awsName;
  }

  /** Lower-case words for sentences, for example {@code security warning}. */
  public String label() {
    return label;
  }

  /** Whether this type is as serious as {@code threshold} or more. */
  public boolean atLeast(FindingType threshold) {
    return rank >= threshold.rank;
  }

  /**
   * The type named {@code name}: its AWS name or label in any case, with {@code -} or a space for
   * {@code _}; {@code GENERAL_WARNING} (the doc page's word for WARNING) is accepted too.
   */
  public static Optional<FindingType> fromName(String name) {
    String wanted = name.trim().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
    if (wanted.equals("GENERAL_WARNING")) {
      return Optional.of(WARNING);
    }
    for (FindingType type : values()) {
      if (type.awsName.equals(wanted)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }
}
