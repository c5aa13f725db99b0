package dev.arbiter.cli;

import dev.arbiter.lint.Linter;
import dev.arbiter.lint.config.LintConfig;
import dev.arbiter.lint.config.LintConfigException;
import dev.arbiter.policy.Policy;
import dev.arbiter.policy.PolicyParseException;
import dev.arbiter.policy.PolicyProblem;
import dev.arbiter.policy.PolicyType;
import dev.arbiter.policy.internal.OneLine;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code arbiter validate}: does each file parse, and is it valid for its policy type? */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Parse and validate policy files. Prints path:line:col: message for each problem and a summary.",
      "Directories are searched recursively for *.json files; '-' reads standard input.",
      "Inputs that cannot be used (unreadable, empty, binary, not UTF-8, a directory without"
          + " policies) get one line each on standard error; the others are still checked."
    },
    footer = {
      "",
      "Exit codes: 0 all valid, 3 some file invalid or unreadable, 2 usage error.",
      "",
      "Examples:",
      "  arbiter validate policy.json",
      "  arbiter validate --type scp org/scps/",
      "  cat policy.json | arbiter validate --type resource -"
    })
final class ValidateCommand implements Callable<Integer> {

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

  @Parameters(
      arity = "1..*",
      paramLabel = "FILE|DIR|-",
      description = "Policy files, directories or - for stdin.")
  List<String> paths = new ArrayList<>();

  @Override
  public Integer call() {
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
    List<Inputs.Problem> listing = new ArrayList<>();
    List<Inputs.Input> inputs = Inputs.expand(paths, listing);
    int invalid = 0;
    for (Inputs.Problem problem : listing) {
      err.println("arbiter validate: " + problem.name() + ": " + problem.message());
      invalid++;
    }
    for (Inputs.Input input : inputs) {
      byte[] bytes;
      try {
        bytes = Inputs.read(input);
      } catch (Inputs.Unusable e) {
        err.println("arbiter validate: " + input.name() + ": " + e.reason());
        invalid++;
        continue;
      }
      List<String> lines = check(linter, input.name(), bytes);
      lines.forEach(out::println);
      if (!lines.isEmpty()) {
        invalid++;
      }
    }
    err.flush();
    int total = inputs.size() + listing.size();
    out.printf(
        "%d file%s checked%s: %d valid, %d invalid%n",
        total,
        total == 1 ? "" : "s",
        type == null ? "" : " as " + type.cliName(),
        total - invalid,
        invalid);
    return invalid == 0 ? ExitCodes.OK : ExitCodes.INVALID_INPUT;
  }

  private static List<String> check(Linter linter, String name, byte[] bytes) {
    List<String> lines = new ArrayList<>();
    try {
      Policy policy = Policy.parse(bytes);
      PolicyType checkedAs = linter.policyTypeOf(name, policy);
      for (PolicyProblem problem : policy.validate(checkedAs)) {
        lines.add(format(name, problem));
      }
    } catch (PolicyParseException e) {
      e.problems().forEach(p -> lines.add(format(name, p)));
    }
    return lines;
  }

  /** {@code path:line:col: message [CODE at /pointer]}. */
  static String format(String name, PolicyProblem problem) {
    return name
        + ":"
        + problem.position()
        + ": "
        + problem.message()
        + " ["
        + problem.code()
        + " at "
        + (problem.pointer().tokens().isEmpty()
            ? "/"
            : OneLine.of(problem.pointer().toString(), 200))
        + "]";
  }
}
