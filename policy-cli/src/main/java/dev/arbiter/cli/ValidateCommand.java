package dev.arbiter.cli;

import dev.arbiter.lint.Check;
import dev.arbiter.lint.Finding;
import dev.arbiter.lint.FindingType;
import dev.arbiter.lint.LintResult;
import dev.arbiter.lint.Linter;
import dev.arbiter.lint.config.LintConfig;
import dev.arbiter.lint.config.LintConfigException;
import dev.arbiter.policy.Policy;
import dev.arbiter.policy.PolicyParseException;
import dev.arbiter.policy.PolicyProblem;
import dev.arbiter.policy.PolicyType;
import dev.arbiter.policy.SourcePosition;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code arbiter validate}: does each file parse, and is it valid for its policy type? */
@Command(
    name = "validate",
    header = "Parse and validate policy files (the checks AWS applies when it stores a policy).",
    mixinStandardHelpOptions = true,
    description = {
      "Parse and validate policy files. Prints path:line:col: TYPE CODE message for each"
          + " problem, as 'arbiter lint' does, and a summary.",
      "Directories are searched recursively for *.json files that look like policies (a"
          + " top-level Statement or Version); other JSON files there are skipped and counted. A"
          + " file named on the command line is always checked. '-' reads standard input.",
      "Inputs that cannot be used (unreadable, empty, binary, not UTF-8, a directory without"
          + " policies) get one line each on standard error; the others are still checked."
    },
    footer = {
      "",
      "Exit codes: 0 all valid, 1 some policy invalid (AWS would reject it), 2 usage error,",
      "3 some input could not be read.",
      "",
      "Examples:",
      "  arbiter validate policy.json",
      "  arbiter validate --type scp org/scps/",
      "  arbiter validate --format sarif --exclude 'build/**' . > validate.sarif",
      "  cat policy.json | arbiter validate --type resource -"
    })
final class ValidateCommand implements Callable<Integer> {

  /** Output formats, as for lint. */
  enum Format {
    text,
    json,
    sarif
  }

  @Spec CommandSpec spec;

  @Option(
      names = {"-t", "--type"},
      paramLabel = "TYPE",
      converter = PolicyTypeConverter.class,
      description =
          "Policy type whose rules apply: identity, resource, trust, scp, rcp, session, boundary,"
              + " vpce. Default: as 'arbiter lint' takes it: the policy-types entry of"
              + " .arbiter.yaml that matches the file, else detected (no Principal: identity;"
              + " principals with only sts:AssumeRole* actions and no Resource: trust; Principal"
              + " \"*\" and Resource \"*\" denies on RCP services: rcp; otherwise resource).")
  @Nullable PolicyType type;

  @Option(
      names = {"-f", "--format"},
      paramLabel = "FORMAT",
      description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Format format = Format.text;

  @Option(
      names = "--exclude",
      paramLabel = "GLOB",
      description =
          "Skip files and directories matching GLOB while searching directories (repeatable);"
              + " a glob without '/' matches a file or directory name anywhere.")
  List<String> excludes = new ArrayList<>();

  @Option(
      names = {"-q", "--quiet"},
      description = "Print only the problems: no summary, no skipped-file notes.")
  boolean quiet;

  @CommandLine.Mixin TemplateInputs.Options templateOptions = new TemplateInputs.Options();

  @Parameters(
      arity = "1..*",
      paramLabel = "FILE|DIR|-",
      description =
          "Policy files, CloudFormation templates (each policy in them is checked), directories or"
              + " - for stdin.")
  List<String> paths = new ArrayList<>();

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Linter.Builder builder = Linter.builder().withoutCatalog();
    try {
      LintConfig.find(Path.of("")).map(LintConfig::load).ifPresent(builder::config);
    } catch (LintConfigException e) {
      err.println("arbiter validate: " + e.getMessage());
      return ExitCodes.USAGE;
    }
    if (type != null) {
      builder.policyType(type);
    }
    Linter linter = builder.build();
    Inputs.Listing listing =
        Inputs.expand(paths, Inputs.Filter.of(spec.commandLine(), excludes, List.of()));
    int unreadable = 0;
    List<LintResult> results = new ArrayList<>();
    int skipped = 0;
    Optional<dev.arbiter.iac.Templates.Kind> forced = templateOptions.forced(spec.commandLine());
    dev.arbiter.iac.Templates.Options reading = templateOptions.options(spec.commandLine());
    // By identity: two policies of one template without findings are equal records.
    @SuppressWarnings("IdentityHashMapUsage")
    Map<LintResult, TemplateInputs.Embedded> embedded = new IdentityHashMap<>();
    for (Inputs.Problem problem : listing.problems()) {
      err.println("arbiter validate: " + problem.name() + ": " + problem.message());
      unreadable++;
    }
    for (Inputs.Input input : listing.inputs()) {
      byte[] bytes;
      try {
        bytes = Inputs.read(input);
      } catch (Inputs.Unusable e) {
        err.println("arbiter validate: " + input.name() + ": " + e.reason());
        unreadable++;
        continue;
      }
      dev.arbiter.iac.Templates.Template template;
      try {
        template = dev.arbiter.iac.Templates.read(input.name(), bytes, forced, reading);
      } catch (dev.arbiter.iac.TemplateException e) {
        results.add(TemplateInputs.unreadable(linter, input.name(), e));
        continue;
      }
      if (template.kind() != dev.arbiter.iac.Templates.Kind.POLICY) {
        for (dev.arbiter.iac.EmbeddedPolicy policy : template.policies()) {
          TemplateInputs.Linted validated = TemplateInputs.validate(input.name(), policy, template);
          results.addAll(validated.results());
          embedded.putAll(validated.embedded());
        }
        for (dev.arbiter.iac.Templates.Problem problem : template.problems()) {
          LintResult result = TemplateInputs.problem(linter, input.name(), problem, template);
          results.add(result);
          embedded.put(result, TemplateInputs.Embedded.of(problem, template));
        }
        continue;
      }
      if (input.found() && Inputs.notPolicy(input, bytes).isPresent()) {
        skipped++;
        continue;
      }
      results.add(check(linter, input.name(), bytes));
    }
    err.flush();
    switch (format) {
      case text -> {
        for (LintResult result : results) {
          TemplateInputs.Embedded where = embedded.get(result);
          for (Finding finding : result.findings()) {
            out.println(finding + (where == null ? "" : where.describe(finding)));
          }
        }
        if (!quiet) {
          int total = results.size() + unreadable;
          long invalid = results.stream().filter(r -> !r.findings().isEmpty()).count();
          out.printf(
              Locale.ROOT,
              "%d file%s checked%s: %d valid, %d invalid%s%s%n",
              total,
              total == 1 ? "" : "s",
              type == null ? "" : " as " + type.cliName(),
              results.size() - invalid,
              invalid,
              unreadable == 0 ? "" : ", " + unreadable + " unreadable",
              skipped == 0
                  ? ""
                  : "; "
                      + skipped
                      + (skipped == 1 ? " JSON file" : " JSON files")
                      + " skipped as not policies (name a file to check it anyway)");
        }
      }
      case json ->
          Reports.json(
              out, results, LintConfig.DEFAULT, new Reports.Totals(skipped, 0, 0, embedded));
      case sarif ->
          Reports.sarif(
              out,
              results,
              ArbiterCli.Version.number(),
              new Reports.Totals(skipped, 0, 0, embedded));
    }
    out.flush();
    if (unreadable > 0) {
      return ExitCodes.INVALID_INPUT;
    }
    return results.stream().anyMatch(r -> !r.findings().isEmpty())
        ? ExitCodes.DENIED_OR_FINDINGS
        : ExitCodes.OK;
  }

  /** The problems of one document as findings, in the layout lint uses. */
  private LintResult check(Linter linter, String name, byte[] bytes) {
    List<Finding> findings = new ArrayList<>();
    PolicyType checkedAs = type;
    try {
      Policy policy = Policy.parse(bytes);
      checkedAs = linter.policyTypeOf(name, policy);
      for (PolicyProblem problem : policy.validate(checkedAs)) {
        findings.add(finding(name, problem));
      }
    } catch (PolicyParseException e) {
      e.problems().forEach(p -> findings.add(finding(name, p)));
      return new LintResult(name, Optional.empty(), false, false, findings, 0);
    }
    return new LintResult(name, Optional.of(checkedAs), type == null, true, findings, 0);
  }

  /**
   * A problem as an ERROR finding: AWS refuses to store a policy with any of them (the check's own
   * type where the registry has one).
   */
  private static Finding finding(String name, PolicyProblem problem) {
    FindingType findingType =
        Linter.check(problem.code()).map(Check::defaultType).orElse(FindingType.ERROR);
    return new Finding(
        problem.code(),
        findingType,
        problem.message(),
        name,
        problem.pointer(),
        problem.position().isKnown() ? problem.position() : new SourcePosition(1, 1));
  }
}
