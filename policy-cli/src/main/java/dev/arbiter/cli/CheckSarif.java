package dev.arbiter.cli;

import dev.arbiter.lint.Finding;
import dev.arbiter.lint.FindingType;
import dev.arbiter.lint.LintResult;
import dev.arbiter.policy.JsonPointer;
import dev.arbiter.policy.Policy;
import dev.arbiter.policy.PolicyType;
import dev.arbiter.policy.SourceLocation;
import dev.arbiter.policy.SourcePosition;
import dev.arbiter.reason.CheckResult;
import dev.arbiter.reason.Reason;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code arbiter check ... --format sarif}: a check's answer as lint's SARIF log ({@link
 * Reports#sarif}, one writer for both), so that code scanning shows each failing statement where it
 * is written. Each FAIL reason is an {@code error} result at its statement, with rule ID the
 * check's name ({@code NO_NEW_ACCESS}); an INCONCLUSIVE answer is one {@code warning} result at the
 * start of the file, with what stopped the proof; a PASS has no result.
 */
final class CheckSarif {
  /** The rule ID of an inconclusive answer. */
  static final String INCONCLUSIVE = "CHECK_INCONCLUSIVE";

  private CheckSarif() {}

  /**
   * Writes the log.
   *
   * @param check the check's command name ({@code no-new-access})
   * @param file the policy file the reasons' statements are in, as given
   * @param policy that policy
   */
  static void write(
      PrintWriter out,
      String check,
      CheckResult result,
      String file,
      Policy policy,
      PolicyType type)
      throws IOException {
    List<Finding> findings = new ArrayList<>();
    String rule = check.toUpperCase(Locale.ROOT).replace('-', '_');
    if (result instanceof CheckResult.Fail fail) {
      for (Reason reason : fail.reasons()) {
        SourceLocation at =
            reason.statementIndex() < policy.statements().size()
                ? policy.statements().get(reason.statementIndex()).location()
                : SourceLocation.UNKNOWN;
        findings.add(
            new Finding(
                rule,
                FindingType.ERROR,
                reason.description(),
                file,
                at.pointer(),
                at.position().isKnown() ? at.position() : new SourcePosition(1, 1)));
      }
    } else if (result instanceof CheckResult.Inconclusive inconclusive) {
      findings.add(
          new Finding(
              INCONCLUSIVE,
              FindingType.WARNING,
              check + " is inconclusive: " + inconclusive.cause(),
              file,
              JsonPointer.ROOT,
              new SourcePosition(1, 1)));
    }
    Reports.sarif(
        out,
        List.of(new LintResult(file, Optional.of(type), false, true, findings, 0)),
        ArbiterCli.Version.number());
  }
}
