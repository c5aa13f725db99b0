package dev.arbiter.lint;

/**
 * One check the linter can run: its stable code, its default finding type and its documentation.
 * Codes of checks that IAM Access Analyzer also runs are Access Analyzer's issue codes.
 *
 * @param code the stable issue code, for example {@code MISSING_VERSION}; used as the SARIF rule id
 * @param defaultType the finding type unless the configuration changes it
 * @param summary one line saying what the check finds
 * @param help what the problem means and how to fix it, a few sentences of plain text
 * @param origin who defines the check
 */
public record Check(
    String code, FindingType defaultType, String summary, String help, Origin origin) {

  /** Where a check comes from. */
  public enum Origin {
    /** One of IAM Access Analyzer's policy validation checks, with its issue code and type. */
    ACCESS_ANALYZER,
    /** Arbiter's own check; its code is not an Access Analyzer code. */
    ARBITER
  }

  /** Checks that the code is an upper-case identifier and the texts are not blank. */
  public Check {
    if (!code.matches("[A-Z][A-Z0-9_]*")) {
      throw new IllegalArgumentException("check code must be UPPER_SNAKE_CASE: " + code);
    }
    if (summary.isBlank() || help.isBlank()) {
      throw new IllegalArgumentException("check " + code + " needs a summary and help text");
    }
  }
}
