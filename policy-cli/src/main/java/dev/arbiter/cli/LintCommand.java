package dev.arbiter.cli;

import dev.arbiter.lint.Check;
import dev.arbiter.lint.FindingType;
import dev.arbiter.lint.LintResult;
import dev.arbiter.lint.Linter;
import dev.arbiter.lint.PolicyResourceType;
import dev.arbiter.lint.config.LintConfig;
import dev.arbiter.lint.config.LintConfigException;
import dev.arbiter.policy.PolicyType;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code arbiter lint}: Access Analyzer's policy checks and Arbiter's own, offline. */
@Command(
    name = "lint",
    header = "Lint policy files: IAM Access Analyzer's checks and Arbiter's own, offline.",
    mixinStandardHelpOptions = true,
    description = {
      "Lint policy files: IAM Access Analyzer's policy checks, with the bundled AWS service catalog"
          + " (unknown actions and condition keys, ARN formats, key types), plus Arbiter's own"
          + " security checks (privilege escalation, credentials exposure, data exfiltration,"
          + " wildcards and more).",
      "Prints path:line:col: TYPE CODE message for each finding and a summary. Directories are"
          + " searched recursively for *.json files; those that are not policies (no top-level"
          + " Statement or Version, such as package.json, scenarios or account snapshots) are"
          + " skipped and counted. A file named on the command line is always linted. '-' reads"
          + " standard input.",
      "CloudFormation templates (JSON or YAML, CDK's cdk.out/*.template.json too) are recognised"
          + " by their content, also among the *.yaml and *.yml files of a directory: every policy"
          + " in them is linted, each finding at the template's line with its resource and"
          + " template pointer. See docs/templates.md."
    },
    footer = {
      "",
      "Configuration: .arbiter.yaml (or .arbiter.yml) in the working directory or the nearest"
          + " parent turns checks off, changes their type, ignores findings by codes (or \"*\")"
          + " and path glob, each with a reason, and excludes paths. See 'arbiter lint"
          + " --list-checks' for the codes and 'arbiter explain CODE' for one.",
      "",
      "Adopting on an existing repository: record today's findings once with --write-baseline,"
          + " commit the file, and run with --baseline so that only new findings fail.",
      "",
      "Exit codes: 0 no finding at or above --fail-on, 1 findings at or above it (a file that"
          + " is not valid JSON or a policy AWS would reject is an ERROR finding), 2 usage or"
          + " invalid configuration, 3 some input could not be read (reported; the other files"
          + " are linted).",
      "",
      "Examples:",
      "  arbiter lint policies/",
      "  arbiter lint --type scp --fail-on warning org/scps/",
      "  arbiter lint --format sarif --output lint.sarif --exclude 'test/**' .",
      "  arbiter lint --write-baseline .arbiter-baseline.json .",
      "  arbiter lint --baseline .arbiter-baseline.json ."
    })
final class LintCommand implements Callable<Integer> {

  /** Output formats. */
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
          "Policy type of every file: identity, resource, trust, scp, rcp, session, boundary,"
              + " vpce. Default: the policy-types entry of .arbiter.yaml that matches the file,"
              + " else detected (no Principal: identity; principals with only sts:AssumeRole*"
              + " actions and no Resource: trust; Principal \"*\" and Resource \"*\" denies on"
              + " RCP services: rcp; otherwise resource).")
  @Nullable PolicyType type;

  @Option(
      names = "--resource-type",
      paramLabel = "TYPE",
      converter = ResourceTypeConverter.class,
      description =
          "What the resource-based policies are attached to, as IAM Access Analyzer's"
              + " validatePolicyResourceType: AWS::S3::Bucket, AWS::S3::AccessPoint,"
              + " AWS::S3::MultiRegionAccessPoint, AWS::S3ObjectLambda::AccessPoint,"
              + " AWS::S3Express::DirectoryBucket, AWS::DynamoDB::Table, AWS::DynamoDB::Stream,"
              + " AWS::IAM::AssumeRolePolicyDocument. Implies --type resource (trust for"
              + " AssumeRolePolicyDocument). Default: the resource-type of the file's policy-types"
              + " entry in .arbiter.yaml, else inferred from the policy's ARNs where only one"
              + " type fits (-v shows it).")
  @Nullable PolicyResourceType resourceType;

  @Option(
      names = {"-f", "--format"},
      paramLabel = "FORMAT",
      description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Format format = Format.text;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Write the report to FILE instead of standard output.")
  @Nullable Path output;

  @Option(
      names = "--fail-on",
      paramLabel = "TYPE",
      description =
          "Lowest finding type that makes the exit code 1: error, security_warning, warning,"
              + " suggestion or none (default: security_warning, that is ERROR and"
              + " SECURITY_WARNING).")
  String failOn = "security_warning";

  @Option(
      names = {"-c", "--config"},
      paramLabel = "FILE",
      description = "Configuration file to use instead of looking for .arbiter.yaml.")
  @Nullable Path config;

  @Option(names = "--no-config", description = "Ignore any .arbiter.yaml.")
  boolean noConfig;

  @Option(
      names = "--no-catalog",
      description =
          "Run only the checks that need no AWS service catalog (skips unknown actions and keys,"
              + " ARN formats, key types and the risk checks).")
  boolean noCatalog;

  @Option(
      names = "--list-checks",
      description = "List every check and exit (as a JSON array with --format json).")
  boolean listChecks;

  @Option(
      names = "--exclude",
      paramLabel = "GLOB",
      description =
          "Skip files and directories matching GLOB while searching directories (repeatable; adds"
              + " to the exclude list of .arbiter.yaml). A glob without '/' matches a file or"
              + " directory name anywhere (node_modules, *.tf.json); one with '/' matches the path"
              + " from the working directory (build/**).")
  List<String> excludes = new ArrayList<>();

  @Option(
      names = "--baseline",
      paramLabel = "FILE",
      description =
          "Report only findings that FILE (written by --write-baseline) does not list. Findings"
              + " are matched by file, JSON pointer and code, so moved lines still match.")
  @Nullable Path baseline;

  @Option(
      names = "--write-baseline",
      paramLabel = "FILE",
      description =
          "Write every finding to FILE as the baseline and exit 0 (3 if some input could not be"
              + " read).")
  @Nullable Path writeBaseline;

  @CommandLine.Mixin TemplateInputs.Options templateOptions = new TemplateInputs.Options();

  @Option(
      names = "--list-policies",
      description =
          "Print the policies found in each template (resource, type, property, policy type,"
              + " branch) instead of linting them.")
  boolean listPolicies;

  @Option(
      names = {"-q", "--quiet"},
      description = "Print only the findings: no summary, no notes on skipped files, no progress.")
  boolean quiet;

  @Option(
      names = {"-v", "--verbose"},
      description = "Also print the policy type each file was checked as.")
  boolean verbose;

  @Parameters(
      arity = "0..*",
      paramLabel = "FILE|DIR|-",
      description =
          "Policy files, CloudFormation templates (JSON or YAML), directories or - for stdin.")
  List<String> paths = new ArrayList<>();

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (listChecks) {
      if (format == Format.sarif) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--list-checks prints text or json, not sarif");
      }
      if (format == Format.json) {
        Reports.checksJson(out);
      } else {
        listChecks(out);
      }
      return ExitCodes.OK;
    }
    if (paths.isEmpty()) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "Missing FILE|DIR|- (or --list-checks)");
    }
    if (baseline != null && writeBaseline != null) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--baseline and --write-baseline cannot be used together");
    }
    if (noConfig && config != null) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--config and --no-config cannot be used together");
    }
    Inputs.Filter.of(spec.commandLine(), excludes, List.of()); // a bad glob is a usage error
    Optional<FindingType> threshold = threshold();
    if (config != null && !Files.isRegularFile(config)) {
      err.println(
          "arbiter lint: "
              + config
              + ": "
              + (Files.isDirectory(config) ? "is a directory; -c takes a file" : "no such file"));
      return ExitCodes.INVALID_INPUT;
    }
    LintConfig lintConfig;
    try {
      lintConfig = loadConfig();
    } catch (LintConfigException e) {
      err.println("arbiter lint: " + e.getMessage());
      return ExitCodes.USAGE;
    }
    Baseline accepted = null;
    if (baseline != null) {
      try {
        accepted = Baseline.read(baseline);
      } catch (IllegalArgumentException e) {
        err.println("arbiter lint: " + baseline + ": " + e.getMessage());
        return ExitCodes.INVALID_INPUT;
      }
    }
    Linter.Builder builder = Linter.builder().config(lintConfig);
    if (type != null) {
      builder.policyType(type);
    }
    if (resourceType != null) {
      builder.resourceType(resourceType);
    }
    if (noCatalog) {
      builder.withoutCatalog();
    }
    Linter linter = builder.build();

    Optional<dev.arbiter.iac.Templates.Kind> forced = templateOptions.forced(spec.commandLine());
    dev.arbiter.iac.Templates.Options reading = templateOptions.options(spec.commandLine());
    Inputs.Listing listing =
        Inputs.expand(paths, Inputs.Filter.of(spec.commandLine(), excludes, lintConfig.excludes()));
    if (listPolicies) {
      return listPolicies(listing, forced, reading, out, err);
    }
    List<LintResult> results = new ArrayList<>();
    int unreadable = 0;
    for (Inputs.Problem problem : listing.problems()) {
      err.println("arbiter lint: " + problem.name() + ": " + problem.message());
      results.add(linter.unreadable(problem.name(), problem.message()));
      unreadable++;
    }
    int skipped = 0;
    int unknown = 0;
    // By identity: two policies of one template without findings are equal records.
    @SuppressWarnings("IdentityHashMapUsage")
    Map<LintResult, TemplateInputs.Embedded> embedded = new IdentityHashMap<>();
    for (Linted linted : lintAll(linter, listing.inputs(), err, forced, reading)) {
      if (linted.skipped()) {
        skipped++;
        if (verbose) {
          err.println("arbiter lint: " + linted.name() + ": skipped, " + linted.why().orElse(""));
        }
        continue;
      }
      if (linted.why().isPresent()) {
        err.println("arbiter lint: " + linted.name() + ": " + linted.why().get());
        unreadable++;
      }
      results.addAll(linted.results());
      embedded.putAll(linted.embedded());
      unknown += linted.unknownDropped();
    }
    err.flush();

    if (writeBaseline != null) {
      int written = Baseline.write(writeBaseline, results);
      err.println(
          "arbiter lint: wrote "
              + written
              + (written == 1 ? " finding" : " findings")
              + " to the baseline "
              + writeBaseline);
    }
    int baselined = 0;
    if (accepted != null) {
      Baseline.Filtered filtered = accepted.filter(results);
      // The filter gives new results, one for one: they keep their place in the template.
      for (int i = 0; i < results.size(); i++) {
        TemplateInputs.Embedded where = embedded.get(results.get(i));
        if (where != null) {
          embedded.put(filtered.results().get(i), where);
        }
      }
      results = filtered.results();
      baselined = filtered.absorbed();
    }
    Reports.Totals totals = new Reports.Totals(skipped, baselined, unknown, embedded);

    boolean color = format == Format.text && output == null && colorWanted();
    if (output != null) {
      try (PrintWriter file =
          new PrintWriter(
              new OutputStreamWriter(Files.newOutputStream(output), StandardCharsets.UTF_8))) {
        write(file, results, false, lintConfig, totals);
      }
      if (!quiet) {
        err.println(Reports.summary(results, totals));
      }
    } else {
      write(out, results, color, lintConfig, totals);
    }
    out.flush();
    if (unreadable > 0) {
      return ExitCodes.INVALID_INPUT;
    }
    if (writeBaseline != null) {
      return ExitCodes.OK;
    }
    boolean failing =
        threshold.isPresent()
            && results.stream().anyMatch(r -> r.hasFindingsAtLeast(threshold.get()));
    return failing ? ExitCodes.DENIED_OR_FINDINGS : ExitCodes.OK;
  }

  private void write(
      PrintWriter out,
      List<LintResult> results,
      boolean color,
      LintConfig used,
      Reports.Totals totals)
      throws IOException {
    switch (format) {
      case text -> Reports.text(out, results, color, verbose, quiet, totals);
      case json -> Reports.json(out, results, used, totals);
      case sarif -> Reports.sarif(out, results, ArbiterCli.Version.number(), totals);
    }
  }

  private Optional<FindingType> threshold() {
    if (failOn.trim().equalsIgnoreCase("none")) {
      return Optional.empty();
    }
    Optional<FindingType> parsed = FindingType.fromName(failOn);
    if (parsed.isEmpty()) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "unknown --fail-on '"
              + failOn
              + "'; expected error, security_warning, warning, suggestion or none");
    }
    return parsed;
  }

  private LintConfig loadConfig() {
    if (config != null) {
      return LintConfig.load(config);
    }
    if (noConfig) {
      return LintConfig.DEFAULT;
    }
    return LintConfig.find(Path.of("")).map(LintConfig::load).orElse(LintConfig.DEFAULT);
  }

  /**
   * The results of one input (one per policy found in a template); {@code why} says why it could
   * not be used, or (when {@code skipped}) why it is not a policy.
   */
  private record Linted(
      String name,
      List<LintResult> results,
      Map<LintResult, TemplateInputs.Embedded> embedded,
      int unknownDropped,
      Optional<String> why,
      boolean skipped) {
    Linted(String name, LintResult result, Optional<String> why, boolean skipped) {
      this(name, List.of(result), Map.of(), 0, why, skipped);
    }
  }

  /** {@code --list-policies}: what each template holds; exit 3 if one could not be read. */
  private static int listPolicies(
      Inputs.Listing listing,
      Optional<dev.arbiter.iac.Templates.Kind> forced,
      dev.arbiter.iac.Templates.Options reading,
      PrintWriter out,
      PrintWriter err) {
    int failed = listing.problems().size();
    for (Inputs.Problem problem : listing.problems()) {
      err.println("arbiter lint: " + problem.name() + ": " + problem.message());
    }
    for (Inputs.Input input : listing.inputs()) {
      try {
        byte[] bytes = Inputs.read(input);
        dev.arbiter.iac.Templates.Template template =
            dev.arbiter.iac.Templates.read(input.name(), bytes, forced, reading);
        if (template.kind() == dev.arbiter.iac.Templates.Kind.POLICY) {
          if (!input.found()) {
            out.println(input.name() + ": not a template (a policy file is linted as it is)");
          }
          continue;
        }
        TemplateInputs.list(out, input.name(), template);
      } catch (Inputs.Unusable e) {
        err.println("arbiter lint: " + input.name() + ": " + e.reason());
        failed++;
      } catch (dev.arbiter.iac.TemplateException e) {
        err.println("arbiter lint: " + input.name() + ":" + e.getMessage());
        failed++;
      }
    }
    out.flush();
    return failed > 0 ? ExitCodes.INVALID_INPUT : ExitCodes.OK;
  }

  /** Lints the inputs on all cores, keeping their order. */
  private List<Linted> lintAll(
      Linter linter,
      List<Inputs.Input> inputs,
      PrintWriter err,
      Optional<dev.arbiter.iac.Templates.Kind> forced,
      dev.arbiter.iac.Templates.Options reading) {
    boolean progress = !quiet && Terminal.interactive() && inputs.size() >= 200;
    int threads = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), 8));
    ExecutorService pool = Executors.newFixedThreadPool(threads, LintCommand::daemon);
    try {
      List<Future<Linted>> futures = new ArrayList<>(inputs.size());
      for (Inputs.Input input : inputs) {
        futures.add(pool.submit(() -> lintOne(linter, input, forced, reading)));
      }
      List<Linted> results = new ArrayList<>(inputs.size());
      for (int i = 0; i < futures.size(); i++) {
        results.add(get(futures.get(i)));
        if (progress && (i + 1) % 100 == 0) {
          err.print("\rlinted " + (i + 1) + "/" + inputs.size() + " files");
          err.flush();
        }
      }
      if (progress) {
        err.print("\r\033[K");
        err.flush();
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  private static Thread daemon(Runnable runnable) {
    Thread thread = new Thread(runnable, "arbiter-lint");
    thread.setDaemon(true);
    return thread;
  }

  private static Linted get(Future<Linted> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(cause);
    }
  }

  private static Linted lintOne(
      Linter linter,
      Inputs.Input input,
      Optional<dev.arbiter.iac.Templates.Kind> forced,
      dev.arbiter.iac.Templates.Options reading) {
    byte[] bytes;
    try {
      bytes = Inputs.read(input);
    } catch (Inputs.Unusable e) {
      return new Linted(
          input.name(),
          linter.unreadable(input.name(), e.reason()),
          Optional.of(e.reason()),
          false);
    }
    dev.arbiter.iac.Templates.Template template;
    try {
      template = dev.arbiter.iac.Templates.read(input.name(), bytes, forced, reading);
    } catch (dev.arbiter.iac.TemplateException e) {
      return new Linted(
          input.name(),
          TemplateInputs.unreadable(linter, input.name(), e),
          Optional.empty(),
          false);
    }
    if (template.kind() != dev.arbiter.iac.Templates.Kind.POLICY) {
      TemplateInputs.Linted linted = TemplateInputs.lint(linter, input.name(), template);
      return new Linted(
          input.name(),
          linted.results(),
          linted.embedded(),
          linted.unknownDropped(),
          Optional.empty(),
          false);
    }
    if (input.found()) {
      Optional<String> notPolicy = Inputs.notPolicy(input, bytes);
      if (notPolicy.isPresent()) {
        return new Linted(input.name(), linter.unreadable(input.name(), ""), notPolicy, true);
      }
    }
    return new Linted(input.name(), linter.lint(input.name(), bytes), Optional.empty(), false);
  }

  /** Reads {@code --resource-type} in Access Analyzer's spelling, in any case. */
  static final class ResourceTypeConverter
      implements CommandLine.ITypeConverter<PolicyResourceType> {
    @Override
    public PolicyResourceType convert(String value) {
      return PolicyResourceType.fromName(value)
          .orElseThrow(
              () ->
                  new CommandLine.TypeConversionException(
                      "unknown resource type '"
                          + value
                          + "'; expected one of "
                          + PolicyResourceType.names()));
    }
  }

  private static boolean colorWanted() {
    return Terminal.colour();
  }

  private static void listChecks(PrintWriter out) {
    for (Check check : Linter.checks()) {
      out.printf(
          Locale.ROOT,
          "%-58s %-16s %s%s%n",
          check.code(),
          check.defaultType().awsName(),
          check.summary(),
          check.origin() == Check.Origin.ARBITER ? " [arbiter]" : "");
    }
    out.printf(
        Locale.ROOT,
        "%d checks; [arbiter] marks Arbiter's own, the rest are IAM Access Analyzer's.%n",
        Linter.checks().size());
  }
}
