package dev.arbiter.cli;

import dev.arbiter.eval.InvalidPolicyException;
import dev.arbiter.policy.Policy;
import dev.arbiter.policy.PolicyParseException;
import dev.arbiter.policy.PolicyType;
import dev.arbiter.reason.CheckResult;
import dev.arbiter.reason.Differences;
import dev.arbiter.reason.Reason;
import dev.arbiter.reason.Reasoner;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code arbiter diff}: every difference between two policies, both ways ({@link
 * Reasoner#differences}), each as a sentence with a request the evaluator confirmed.
 */
@Command(
    name = "diff",
    header = "Show what two policies allow differently, both ways, with a request each (offline).",
    mixinStandardHelpOptions = true,
    description = {
      "Compare what OLD and NEW allow over every request: each statement of NEW that allows",
      "something OLD does not, and each statement of OLD whose access NEW drops, with a request",
      "that shows it (confirmed on the evaluator). EQUIVALENT is a proof for every request."
    },
    footer = {
      "",
      "Example:",
      "  arbiter diff --type identity corpus/reason/diff/old.json corpus/reason/diff/new.json",
      "",
      "Exit codes: 0 equivalent, 1 different or inconclusive, 2 usage error,"
          + " 3 a policy file unreadable or invalid for its type."
    })
final class DiffCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = {"-t", "--type"},
      required = true,
      paramLabel = "TYPE",
      converter = PolicyTypeConverter.class,
      description = "Policy type of both: identity, resource or trust.")
  PolicyType type = PolicyType.IDENTITY;

  @Option(
      names = {"-f", "--format"},
      description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Format format = Format.text;

  /** Output formats. */
  enum Format {
    text,
    json
  }

  @Parameters(index = "0", paramLabel = "OLD", description = "The first policy file.")
  String first = "";

  @Parameters(index = "1", paramLabel = "NEW", description = "The second policy file.")
  String second = "";

  /** The three answers of a diff. */
  enum Result {
    EQUIVALENT,
    DIFFERENT,
    INCONCLUSIVE
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Differences differences;
    try {
      differences =
          Reasoner.create()
              .differences(Policy.parse(Path.of(first)), Policy.parse(Path.of(second)), type);
    } catch (IOException e) {
      err.println("arbiter diff: cannot read " + e.getMessage());
      return ExitCodes.INVALID_INPUT;
    } catch (PolicyParseException | InvalidPolicyException e) {
      err.println("arbiter diff: " + e.getMessage());
      return ExitCodes.INVALID_INPUT;
    }
    Result result = result(differences);
    out.println(format == Format.json ? json(result, differences) : text(result, differences));
    return result == Result.EQUIVALENT ? ExitCodes.OK : ExitCodes.DENIED_OR_FINDINGS;
  }

  /**
   * DIFFERENT as soon as one direction has a confirmed difference; EQUIVALENT only when both
   * directions are proved; otherwise INCONCLUSIVE.
   */
  static Result result(Differences differences) {
    if (differences.added().outcome() == CheckResult.Outcome.FAIL
        || differences.removed().outcome() == CheckResult.Outcome.FAIL) {
      return Result.DIFFERENT;
    }
    return differences.equivalent() ? Result.EQUIVALENT : Result.INCONCLUSIVE;
  }

  private String text(Result result, Differences differences) {
    StringBuilder out = new StringBuilder(result.name());
    direction(out, "Allowed by " + second + " and not by " + first, differences.added());
    direction(out, "Allowed by " + first + " and not by " + second, differences.removed());
    return out.toString();
  }

  private static void direction(StringBuilder out, String heading, CheckResult result) {
    out.append("\n").append(heading).append(':');
    if (result instanceof CheckResult.Fail fail) {
      for (Reason reason : fail.reasons()) {
        out.append("\n  ").append(CheckCommand.line(reason));
      }
    } else if (result instanceof CheckResult.Inconclusive inconclusive) {
      out.append("\n  not decided: ").append(inconclusive.cause());
    } else {
      out.append("\n  nothing");
    }
  }

  private static String json(Result result, Differences differences) {
    return JsonOutput.render(
        json -> {
          json.writeStartObject();
          json.writeStringField("result", result.name());
          json.writeFieldName("added");
          CheckCommand.write(json, differences.added());
          json.writeFieldName("removed");
          CheckCommand.write(json, differences.removed());
          json.writeEndObject();
        });
  }
}
