package dev.arbiter.cli;

import dev.arbiter.policy.Policy;
import dev.arbiter.policy.PolicyParseException;
import dev.arbiter.policy.PolicyProblem;
import dev.arbiter.policy.PolicyType;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
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
      "Directories are searched recursively for *.json files; '-' reads standard input."
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
              + " vpce. Default: detected per file (no Principal: identity; principals and only"
              + " sts:AssumeRole* actions without Resource: trust; otherwise resource).")
  @Nullable PolicyType type;

  @Parameters(
      arity = "1..*",
      paramLabel = "FILE|DIR|-",
      description = "Policy files, directories or - for stdin.")
  List<String> paths = new ArrayList<>();

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    List<Inputs.Problem> listing = new ArrayList<>();
    List<Inputs.Input> inputs = Inputs.expand(paths, listing);
    int invalid = 0;
    for (Inputs.Problem problem : listing) {
      out.println(problem.name() + ": " + problem.message());
      invalid++;
    }
    for (Inputs.Input input : inputs) {
      List<String> lines = check(input);
      lines.forEach(out::println);
      if (!lines.isEmpty()) {
        invalid++;
      }
    }
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

  private List<String> check(Inputs.Input input) {
    List<String> lines = new ArrayList<>();
    try {
      Policy policy = input.stdin() ? Policy.parse(System.in) : Policy.parse(input.path());
      PolicyType checkedAs = type != null ? type : PolicyType.detect(policy);
      for (PolicyProblem problem : policy.validate(checkedAs)) {
        lines.add(format(input.name(), problem));
      }
    } catch (PolicyParseException e) {
      e.problems().forEach(p -> lines.add(format(input.name(), p)));
    } catch (IOException e) {
      lines.add(input.name() + ": cannot read: " + Messages.describe(e));
    } catch (UncheckedIOException e) {
      lines.add(input.name() + ": cannot read: " + Messages.describe(e));
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
        + (problem.pointer().tokens().isEmpty() ? "/" : problem.pointer())
        + "]";
  }
}
