package dev.arbiter.cli;

import dev.arbiter.eval.InvalidPolicyException;
import dev.arbiter.policy.Policy;
import dev.arbiter.policy.PolicyParseException;
import dev.arbiter.policy.PolicyType;
import dev.arbiter.reason.CheckResult;
import dev.arbiter.reason.Differences;
import dev.arbiter.reason.Reason;
import dev.arbiter.reason.Reasoner;
import dev.arbiter.reason.RequestShape;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
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
      "that shows it (confirmed on the evaluator). EQUIVALENT is a proof for every request.",
      "OLD and NEW may both be CloudFormation templates or Terraform plans: their policies are"
          + " paired by resource (logical ID or plan address), property and Fn::If branch; a"
          + " policy only in NEW is all added, one only in OLD all removed. See docs/templates.md.",
      "OLD and NEW may both be scenario files: what their caller (--principal, or the one"
          + " principal of their requests) may do under each scenario's policies as a whole (an"
          + " SCP or boundary change). See docs/reasoning.md, \"Policy sets\"."
    },
    footer = {
      "",
      "Example:",
      "  arbiter diff --type identity corpus/reason/diff/old.json corpus/reason/diff/new.json",
      "  arbiter diff old-stack.yaml new-stack.yaml",
      "  arbiter diff corpus/scenarios/scp-change-before.json corpus/scenarios/scp-change-after.json",
      "",
      "Exit codes: 0 equivalent, 1 different or inconclusive, 2 usage error,"
          + " 3 a policy file, template or scenario unreadable, or a policy invalid for its type."
    })
final class DiffCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = {"-t", "--type"},
      paramLabel = "TYPE",
      converter = PolicyTypeConverter.class,
      description =
          "Policy type of both: identity, resource or trust. Required for policy files; for"
              + " templates and plans, only the policies of this type are compared (default:"
              + " identity, resource and trust policies, each pair as NEW's type).")
  @Nullable PolicyType type;

  @Option(
      names = {"-f", "--format"},
      description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Format format = Format.text;

  @Mixin TemplateInputs.Options templateOptions = new TemplateInputs.Options();

  @Mixin PolicySets.CallerOptions caller = new PolicySets.CallerOptions();

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
    List<PolicySets.Read> reads;
    try {
      reads = PolicySets.scenarios(spec, List.of(first, second), caller, type);
    } catch (PolicySets.Unreadable e) {
      err.println("arbiter diff: " + e.getMessage());
      return ExitCodes.INVALID_INPUT;
    }
    if (!reads.isEmpty()) {
      return sets(reads, out, err);
    }
    List<TemplateChecks.Source> sources;
    try {
      sources = TemplateChecks.sources(spec.commandLine(), templateOptions, List.of(first, second));
      if (sources.stream().anyMatch(TemplateChecks.Source::isTemplate)) {
        return templates(sources, out);
      }
    } catch (TemplateChecks.Unreadable e) {
      err.println("arbiter diff: " + e.describe());
      return ExitCodes.INVALID_INPUT;
    }
    PolicyType fileType = CheckCommand.required(spec, type);
    Differences differences;
    try {
      differences =
          Reasoner.create()
              .differences(Policy.parse(Path.of(first)), Policy.parse(Path.of(second)), fileType);
    } catch (IOException e) {
      err.println("arbiter diff: cannot read " + e.getMessage());
      return ExitCodes.INVALID_INPUT;
    } catch (PolicyParseException | InvalidPolicyException e) {
      err.println("arbiter diff: " + e.getMessage());
      return ExitCodes.INVALID_INPUT;
    }
    Result result = result(differences);
    PolicySets.PolicyFiles files = PolicySets.PolicyFiles.NONE;
    out.println(
        format == Format.json
            ? json(result, differences, files)
            : text(result, differences, files));
    return result == Result.EQUIVALENT ? ExitCodes.OK : ExitCodes.DENIED_OR_FINDINGS;
  }

  /**
   * Two scenarios: what the caller may do under one set of policies and not the other, each set
   * decided as a whole (docs/reasoning.md, "Policy sets").
   */
  private int sets(List<PolicySets.Read> reads, PrintWriter out, PrintWriter err) {
    RequestShape shape = PolicySets.shape(spec, caller, reads);
    Differences differences;
    try {
      differences =
          Reasoner.create()
              .differences(
                  reads.get(0).scenario().policies(), reads.get(1).scenario().policies(), shape);
    } catch (InvalidPolicyException e) {
      err.println("arbiter diff: " + e.getMessage());
      return ExitCodes.INVALID_INPUT;
    } catch (IllegalArgumentException e) {
      // The evaluator refuses requests by this caller (a role ARN rather than a session).
      throw new ParameterException(spec.commandLine(), String.valueOf(e.getMessage()));
    }
    Result result = result(differences);
    PolicySets.PolicyFiles files = PolicySets.files(reads);
    out.println(
        format == Format.json
            ? json(result, differences, files)
            : text(result, differences, files));
    return result == Result.EQUIVALENT ? ExitCodes.OK : ExitCodes.DENIED_OR_FINDINGS;
  }

  /**
   * Two templates (or a template of one policy and a policy file): each pair of policies compared
   * both ways ({@code no-new-access} each way), a policy only in NEW against nothing (all it grants
   * is added), one only in OLD likewise (all it granted is removed).
   */
  private int templates(List<TemplateChecks.Source> sources, PrintWriter out)
      throws TemplateChecks.Unreadable {
    Reasoner reasoner = Reasoner.create();
    List<String> notAsked = new ArrayList<>();
    List<TemplateChecks.Outcome> refused = new ArrayList<>();
    List<TemplateChecks.Pair> pairs =
        TemplateChecks.pairs(
            spec.commandLine(), sources.get(0), sources.get(1), type, refused, notAsked);
    List<TemplateChecks.Outcome> added = new ArrayList<>();
    List<TemplateChecks.Outcome> removed = new ArrayList<>();
    for (TemplateChecks.Outcome outcome : refused) {
      (outcome.item().file().equals(first) ? removed : added).add(outcome);
    }
    for (TemplateChecks.Pair pair : pairs) {
      Policy before = pair.old().map(TemplateChecks.Item::policy).orElse(TemplateChecks.EMPTY);
      Policy after = pair.now().map(TemplateChecks.Item::policy).orElse(TemplateChecks.EMPTY);
      if (pair.now().isPresent()) {
        added.add(
            TemplateChecks.answer(
                pair.now().get(),
                pair.old(),
                item -> reasoner.noNewAccess(before, item.policy(), pair.type())));
      }
      if (pair.old().isPresent()) {
        removed.add(
            TemplateChecks.answer(
                pair.old().get(),
                pair.now(),
                item -> reasoner.noNewAccess(after, item.policy(), pair.type())));
      }
    }
    CheckResult.Outcome gained = TemplateChecks.overall(added);
    CheckResult.Outcome lost = TemplateChecks.overall(removed);
    Result result =
        gained == CheckResult.Outcome.FAIL || lost == CheckResult.Outcome.FAIL
            ? Result.DIFFERENT
            : gained == CheckResult.Outcome.PASS && lost == CheckResult.Outcome.PASS
                ? Result.EQUIVALENT
                : Result.INCONCLUSIVE;
    if (format == Format.json) {
      out.println(
          JsonOutput.render(
              json -> {
                json.writeStartObject();
                json.writeStringField("result", result.name());
                json.writeObjectFieldStart("added");
                TemplateChecks.body(json, gained, added);
                json.writeEndObject();
                json.writeObjectFieldStart("removed");
                TemplateChecks.body(json, lost, removed);
                json.writeEndObject();
                JsonOutput.strings(json, "notAsked", notAsked);
                json.writeEndObject();
              }));
    } else {
      StringBuilder text = new StringBuilder(result.name());
      for (boolean gain : new boolean[] {true, false}) {
        text.append("\nAllowed by ")
            .append(gain ? second : first)
            .append(" and not by ")
            .append(gain ? first : second)
            .append(':');
        int before = text.length();
        TemplateChecks.lines(text, "\n  ", gain ? added : removed, false);
        if (text.length() == before) {
          text.append("\n  nothing");
        }
      }
      if (!notAsked.isEmpty()) {
        text.append("\nnot asked: ").append(String.join(", ", notAsked));
      }
      out.println(text);
    }
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

  private String text(Result result, Differences differences, PolicySets.PolicyFiles files) {
    StringBuilder out = new StringBuilder(result.name());
    direction(out, "Allowed by " + second + " and not by " + first, differences.added(), files);
    direction(out, "Allowed by " + first + " and not by " + second, differences.removed(), files);
    return out.toString();
  }

  private static void direction(
      StringBuilder out, String heading, CheckResult result, PolicySets.PolicyFiles files) {
    out.append("\n").append(heading).append(':');
    if (result instanceof CheckResult.Fail fail) {
      for (Reason reason : fail.reasons()) {
        out.append("\n  ").append(CheckCommand.line(reason, files));
      }
    } else if (result instanceof CheckResult.Inconclusive inconclusive) {
      out.append("\n  not decided: ").append(inconclusive.cause());
    } else {
      out.append("\n  nothing");
    }
  }

  private static String json(Result result, Differences differences, PolicySets.PolicyFiles files) {
    return JsonOutput.render(
        json -> {
          json.writeStartObject();
          json.writeStringField("result", result.name());
          json.writeFieldName("added");
          CheckCommand.write(json, differences.added(), files);
          json.writeFieldName("removed");
          CheckCommand.write(json, differences.removed(), files);
          json.writeEndObject();
        });
  }
}
