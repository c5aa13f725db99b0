package dev.arbiter.cli;

import dev.arbiter.iac.EmbeddedPolicy;
import dev.arbiter.lint.Finding;
import dev.arbiter.lint.FindingType;
import dev.arbiter.lint.LintResult;
import dev.arbiter.policy.JsonPointer;
import dev.arbiter.policy.Policy;
import dev.arbiter.policy.PolicyType;
import dev.arbiter.policy.SourceLocation;
import dev.arbiter.reason.CheckResult;
import dev.arbiter.reason.Reason;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
   * Writes the log of a check over one policy file.
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
    write(
        out,
        check,
        List.of(
            new TemplateChecks.Outcome(
                new TemplateChecks.Item(file, Optional.empty(), policy, type), result)));
  }

  /**
   * Writes the log of a check over several policies (those of templates): each FAIL reason at its
   * statement in the file, each INCONCLUSIVE answer at the start of its policy, with the template's
   * resource as a logical location.
   */
  static void write(PrintWriter out, String check, List<TemplateChecks.Outcome> outcomes)
      throws IOException {
    String rule = check.toUpperCase(Locale.ROOT).replace('-', '_');
    List<LintResult> results = new ArrayList<>();
    // By identity: two policies without findings are equal records.
    @SuppressWarnings("IdentityHashMapUsage")
    Map<LintResult, TemplateInputs.Embedded> embedded = new IdentityHashMap<>();
    for (TemplateChecks.Outcome outcome : TemplateChecks.sorted(outcomes)) {
      TemplateChecks.Item item = outcome.item();
      List<Finding> findings = new ArrayList<>();
      if (outcome.result() instanceof CheckResult.Fail fail) {
        for (Reason reason : fail.reasons()) {
          SourceLocation at = TemplateChecks.statement(item, reason.statementIndex());
          findings.add(
              new Finding(
                  rule,
                  FindingType.ERROR,
                  reason.description(),
                  item.file(),
                  at.pointer(),
                  at.position()));
        }
      } else if (outcome.result() instanceof CheckResult.Inconclusive inconclusive) {
        findings.add(
            new Finding(
                INCONCLUSIVE,
                FindingType.WARNING,
                check + " is inconclusive: " + inconclusive.cause(),
                item.file(),
                item.embedded().map(EmbeddedPolicy::property).orElse(JsonPointer.ROOT),
                TemplateChecks.start(item)));
      }
      LintResult result =
          new LintResult(item.file(), Optional.of(item.type()), false, true, findings, 0);
      results.add(result);
      item.embedded()
          .ifPresent(
              e -> {
                Map<JsonPointer, String> resources = new HashMap<>();
                for (Finding finding : findings) {
                  String resource = e.resourceAt(finding.pointer());
                  if (!resource.equals(e.resource())) {
                    resources.put(finding.pointer(), resource);
                  }
                }
                embedded.put(
                    result,
                    new TemplateInputs.Embedded(
                        e.resource(),
                        e.resourceType(),
                        e.property(),
                        e.branches(),
                        Map.of(),
                        0,
                        resources));
              });
    }
    Reports.sarif(out, results, ArbiterCli.Version.number(), new Reports.Totals(0, 0, 0, embedded));
  }
}
