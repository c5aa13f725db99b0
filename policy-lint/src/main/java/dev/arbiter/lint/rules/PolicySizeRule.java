package dev.arbiter.lint.rules;

import static dev.arbiter.lint.FindingType.ERROR;
import static dev.arbiter.lint.FindingType.WARNING;

import dev.arbiter.lint.Check;
import java.util.List;

/**
 * Checks the size of a policy against the quota of its type, counting characters other than
 * whitespace as IAM does: 6,144 for managed policies (identity-based and permissions boundaries),
 * 2,048 for role trust policies (the default quota, which can be raised), 5,120 for SCPs and RCPs.
 * Resource-based policies have service-specific quotas and are not checked.
 */
final class PolicySizeRule implements Rule {

  private static final CheckList CHECKS = new CheckList();

  static final Check POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA =
      CHECKS.aws(
          "POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA",
          WARNING,
          "The policy is longer than 6,144 characters (whitespace not counted).",
          "A managed policy may hold at most 6,144 characters, whitespace not counted. Split it"
              + " into several policies.");
  static final Check POLICY_SIZE_EXCEEDS_ROLE_TRUST_POLICY_QUOTA =
      CHECKS.aws(
          "POLICY_SIZE_EXCEEDS_ROLE_TRUST_POLICY_QUOTA",
          WARNING,
          "The trust policy is longer than 2,048 characters (whitespace not counted).",
          "By default a role trust policy may hold at most 2,048 characters (the quota can be"
              + " raised to 8,192). Shorten it or request a higher quota.");
  static final Check POLICY_SIZE_EXCEEDS_SCP_QUOTA =
      CHECKS.aws(
          "POLICY_SIZE_EXCEEDS_SCP_QUOTA",
          ERROR,
          "The SCP is longer than 5,120 characters.",
          "A service control policy may hold at most 5,120 characters. Split it into several"
              + " policies.");
  static final Check POLICY_SIZE_EXCEEDS_RCP_QUOTA =
      CHECKS.aws(
          "POLICY_SIZE_EXCEEDS_RCP_QUOTA",
          ERROR,
          "The RCP is longer than 5,120 characters.",
          "A resource control policy may hold at most 5,120 characters. Split it into several"
              + " policies.");

  @Override
  public List<Check> checks() {
    return CHECKS.all();
  }

  @Override
  public void check(RuleContext context) {
    Check check;
    int quota;
    String what;
    switch (context.type()) {
      case IDENTITY, PERMISSIONS_BOUNDARY -> {
        check = POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA;
        quota = 6144;
        what = "a managed policy";
      }
      case TRUST -> {
        check = POLICY_SIZE_EXCEEDS_ROLE_TRUST_POLICY_QUOTA;
        quota = 2048;
        what = "a role trust policy (default quota)";
      }
      case SCP -> {
        check = POLICY_SIZE_EXCEEDS_SCP_QUOTA;
        quota = 5120;
        what = "a service control policy";
      }
      case RCP -> {
        check = POLICY_SIZE_EXCEEDS_RCP_QUOTA;
        quota = 5120;
        what = "a resource control policy";
      }
      default -> {
        return;
      }
    }
    byte[] bytes = context.bytes();
    if (bytes.length <= quota) {
      return; // every character is at least one byte
    }
    int size = nonWhitespaceCharacters(bytes);
    if (size > quota) {
      context.report(
          check,
          context.policy().location(),
          "the policy has "
              + size
              + " characters without whitespace; "
              + what
              + " may have at most "
              + quota
              + "; split it into smaller policies");
    }
  }

  /** Characters other than JSON whitespace in UTF-8 text; each code point counts once. */
  static int nonWhitespaceCharacters(byte[] utf8) {
    int count = 0;
    for (byte b : utf8) {
      if (b == ' ' || b == '\t' || b == '\n' || b == '\r' || (b & 0xC0) == 0x80) {
        continue;
      }
      count++;
    }
    return count;
  }
}
