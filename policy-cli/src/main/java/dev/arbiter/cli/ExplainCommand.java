package dev.arbiter.cli;

import dev.arbiter.lint.Check;
import dev.arbiter.lint.Linter;
import dev.arbiter.policy.internal.Spelling;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code arbiter explain CODE}: what a finding code means and how to fix it. */
@Command(
    name = "explain",
    header = "Say what a finding code means and how to fix it.",
    mixinStandardHelpOptions = true,
    description = {
      "Prints what the check behind a finding code finds, what to do about it, its default"
          + " finding type, whether IAM Access Analyzer has the same check, and where it is"
          + " documented. Codes ignore case."
    },
    footer = {
      "",
      "Exit codes: 0 explained, 2 unknown code.",
      "",
      "Examples:",
      "  arbiter explain ALLOW_ALL_ACTIONS",
      "  arbiter explain missing_version",
      "  arbiter lint --list-checks      # every code"
    })
final class ExplainCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "CODE", description = "Finding codes, as lint prints.")
  List<String> codes = new ArrayList<>();

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    List<Check> found = new ArrayList<>();
    for (String code : codes) {
      String upper = code.trim().toUpperCase(Locale.ROOT);
      Optional<Check> check = Linter.check(upper);
      if (check.isEmpty()) {
        List<String> known = new ArrayList<>();
        Linter.checks().forEach(c -> known.add(c.code()));
        String hint =
            Spelling.closest(upper, known).map(s -> " (did you mean " + s + "?)").orElse("");
        throw new CommandLine.ParameterException(
            spec.commandLine(),
            "unknown code '" + code + "'" + hint + "; 'arbiter lint --list-checks' lists them");
      }
      found.add(check.get());
    }
    for (int i = 0; i < found.size(); i++) {
      if (i > 0) {
        out.println();
      }
      print(out, found.get(i));
    }
    out.flush();
    return ExitCodes.OK;
  }

  private static void print(PrintWriter out, Check check) {
    out.println(check.code() + " (" + check.defaultType().awsName() + ")");
    for (String line : HelpLayout.wrap(check.summary(), HelpLayout.WIDTH - 2)) {
      out.println("  " + line);
    }
    out.println();
    for (String line : HelpLayout.wrap(check.help(), HelpLayout.WIDTH - 2)) {
      out.println("  " + line);
    }
    out.println();
    for (String line : HelpLayout.wrap(Reports.origin(check) + ".", HelpLayout.WIDTH - 2)) {
      out.println("  " + line);
    }
    out.println("  More: " + Reports.helpUri(check));
  }
}
