package dev.arbiter.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.arbiter.eval.InvalidPolicyException;
import dev.arbiter.eval.PolicySet;
import dev.arbiter.eval.Request;
import dev.arbiter.eval.RequestContext;
import dev.arbiter.policy.Policy;
import dev.arbiter.policy.PolicyParseException;
import dev.arbiter.policy.PolicyType;
import dev.arbiter.reason.CheckResult;
import dev.arbiter.reason.Reason;
import dev.arbiter.reason.Reasoner;
import dev.arbiter.reason.RequestShape;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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
 * {@code arbiter check}: Access Analyzer's custom policy checks, offline (docs/reasoning.md). Each
 * subcommand prints PASS, FAIL with the statements and a confirmed request each, or INCONCLUSIVE
 * with what stopped the proof.
 */
@Command(
    name = "check",
    header = "Prove a policy grants no new access, or never grants some actions (offline).",
    mixinStandardHelpOptions = true,
    description = {
      "Prove a property of every request a policy allows, or show a request that breaks it.",
      "A counterexample is always confirmed on the evaluator before it is printed.",
      "A scenario file (docs/scenario.md, detected by its content) is checked as a whole: every"
          + " policy one caller meets (identity policies, boundary, session policies, SCPs, RCPs,"
          + " resource policy), as the evaluator combines them; so is the set an account"
          + " snapshot gives a principal (access-not-granted --snapshot). See docs/reasoning.md,"
          + " \"Policy sets\"."
    },
    subcommands = {
      CheckCommand.NoNewAccess.class,
      CheckCommand.AccessNotGranted.class,
      CheckNoPublicAccessCommand.class
    },
    footer = {
      "",
      "Exit codes: 0 PASS, 1 FAIL or INCONCLUSIVE (--inconclusive pass: 0), 2 usage error,"
          + " 3 a policy file, template, scenario or snapshot unreadable, or a policy invalid for"
          + " its type."
    })
final class CheckCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  /** Without a subcommand there is nothing to check: the usage, and the usage exit code. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.USAGE;
  }

  /** Output formats. */
  enum Format {
    text,
    json,
    sarif
  }

  /** How an inconclusive answer exits. */
  enum Inconclusive {
    fail,
    pass
  }

  /** The options every check shares. */
  abstract static class Base implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = {"-t", "--type"},
        paramLabel = "TYPE",
        converter = PolicyTypeConverter.class,
        description =
            "Policy type: identity, resource or trust. Required for policy files; for templates"
                + " and plans, only the policies of this type are checked (default: identity,"
                + " resource and trust policies, each as its own type).")
    @Nullable PolicyType type;

    @Option(
        names = {"-f", "--format"},
        description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format = Format.text;

    @Option(
        names = "--inconclusive",
        paramLabel = "fail|pass",
        description = "Exit code of an INCONCLUSIVE answer: fail (1, default) or pass (0).")
    Inconclusive inconclusive = Inconclusive.fail;

    @Mixin TemplateInputs.Options templateOptions = new TemplateInputs.Options();

    @Mixin PolicySets.CallerOptions caller = new PolicySets.CallerOptions();

    /** The files named on the command line, in order. */
    abstract List<String> files();

    /** The check over policy files, read as {@code fileType}. */
    abstract CheckResult check(Reasoner reasoner, PolicyType fileType) throws IOException;

    /** The check over the policies of templates (at least one of {@code sources} is one). */
    abstract List<TemplateChecks.Outcome> templates(
        Reasoner reasoner, List<TemplateChecks.Source> sources, List<String> notAsked)
        throws TemplateChecks.Unreadable;

    /** The check over the policy sets of scenarios, one per file of {@link #files()}, in order. */
    abstract CheckResult sets(Reasoner reasoner, List<PolicySet> sets, RequestShape shape);

    /**
     * The check over whole policy sets when the files are scenarios (docs/reasoning.md, "Policy
     * sets"), its exit code; empty when they are policy files or templates.
     */
    Optional<Integer> policySets() throws PolicySets.Unreadable {
      List<PolicySets.Read> reads = PolicySets.scenarios(spec, files(), caller, type);
      if (reads.isEmpty()) {
        return Optional.empty();
      }
      RequestShape shape = PolicySets.shape(spec, caller, reads);
      List<PolicySet> sets = reads.stream().map(r -> r.scenario().policies()).toList();
      return Optional.of(
          PolicySets.report(
              spec,
              format,
              inconclusive,
              r -> sets(r, sets, shape),
              PolicySets.files(reads),
              sets,
              reads.get(reads.size() - 1).file(),
              List.of()));
    }

    @Override
    public Integer call() {
      List<TemplateChecks.Source> sources;
      List<String> notAsked = new ArrayList<>();
      List<TemplateChecks.Outcome> outcomes;
      try {
        Optional<Integer> sets = policySets();
        if (sets.isPresent()) {
          return sets.get();
        }
      } catch (PolicySets.Unreadable e) {
        spec.commandLine().getErr().println("arbiter check: " + e.getMessage());
        return ExitCodes.INVALID_INPUT;
      }
      try {
        sources = TemplateChecks.sources(spec.commandLine(), templateOptions, files());
        if (sources.stream().noneMatch(TemplateChecks.Source::isTemplate)) {
          PolicyType fileType = required(spec, type);
          return run(spec, format, inconclusive, r -> check(r, fileType), reads, fileType);
        }
        outcomes = templates(Reasoner.create(), sources, notAsked);
      } catch (TemplateChecks.Unreadable e) {
        spec.commandLine().getErr().println("arbiter check: " + e.describe());
        return ExitCodes.INVALID_INPUT;
      }
      return TemplateChecks.report(spec, format, inconclusive, outcomes, notAsked);
    }

    /** The policies this check read, for {@code --format sarif}. */
    final Reads reads = new Reads();

    Policy read(String file) throws IOException {
      return reads.read(file);
    }
  }

  /**
   * {@code --type}, which policy files need.
   *
   * @throws ParameterException if it was not given
   */
  static PolicyType required(CommandSpec spec, @Nullable PolicyType type) {
    if (type == null) {
      throw new ParameterException(
          spec.commandLine(),
          "Missing required option: '--type=TYPE' (the policy files' type: identity, resource or"
              + " trust)");
    }
    return type;
  }

  @Command(
      name = "no-new-access",
      mixinStandardHelpOptions = true,
      description = {
        "Does NEW allow any request that the reference policy does not?",
        "OLD and NEW may both be CloudFormation templates or Terraform plans: their policies are"
            + " paired by resource (logical ID or plan address), property and Fn::If branch, and"
            + " each policy of NEW is checked against its pair in OLD; a policy only in NEW is"
            + " checked against nothing (all it grants is new), one only in OLD is ignored. A"
            + " policy file is compared with a template only when the template holds one policy."
            + " See docs/templates.md.",
        "OLD and NEW may both be scenario files: the caller's requests are compared under each"
            + " scenario's policies as a whole (an SCP or boundary change). The caller is"
            + " --principal, or the one principal of the scenarios' requests."
      },
      footer = {
        "",
        "Example:",
        "  arbiter check no-new-access --type identity --reference old.json new.json",
        "  arbiter check no-new-access --reference old-stack.yaml new-stack.yaml",
        "  arbiter check no-new-access --reference corpus/scenarios/scp-change-before.json \\",
        "      corpus/scenarios/scp-change-after.json"
      })
  static final class NoNewAccess extends Base {
    @Option(
        names = {"-r", "--reference"},
        required = true,
        paramLabel = "OLD",
        description = "The reference policy file, template or plan.")
    String reference = "";

    @Parameters(paramLabel = "NEW", description = "The candidate policy file, template or plan.")
    String candidate = "";

    @Override
    List<String> files() {
      return List.of(reference, candidate);
    }

    @Override
    CheckResult check(Reasoner reasoner, PolicyType fileType) throws IOException {
      return reasoner.noNewAccess(read(reference), read(candidate), fileType);
    }

    @Override
    CheckResult sets(Reasoner reasoner, List<PolicySet> sets, RequestShape shape) {
      return reasoner.noNewAccess(sets.get(0), sets.get(1), shape);
    }

    @Override
    List<TemplateChecks.Outcome> templates(
        Reasoner reasoner, List<TemplateChecks.Source> sources, List<String> notAsked)
        throws TemplateChecks.Unreadable {
      List<TemplateChecks.Outcome> outcomes = new ArrayList<>();
      for (TemplateChecks.Pair pair :
          TemplateChecks.pairs(
              spec.commandLine(), sources.get(0), sources.get(1), type, outcomes, notAsked)) {
        if (pair.now().isEmpty()) {
          continue; // only in OLD: it adds nothing
        }
        Policy old = pair.old().map(TemplateChecks.Item::policy).orElse(TemplateChecks.EMPTY);
        outcomes.add(
            TemplateChecks.answer(
                pair.now().get(),
                pair.old(),
                item -> reasoner.noNewAccess(old, item.policy(), pair.type())));
      }
      return outcomes;
    }
  }

  @Command(
      name = "access-not-granted",
      mixinStandardHelpOptions = true,
      description = {
        "Does POLICY allow any of the actions on any of the resources? Without --actions, any"
            + " action; without --resources, any resource.",
        "POLICY may be a CloudFormation template or Terraform plan: each identity, resource and"
            + " trust policy in it (only those of --type, if given) is checked as its own type,"
            + " and the answer is FAIL if one fails. See docs/templates.md.",
        "POLICY may be a scenario file: all its policies are checked together for one caller"
            + " (--principal, or the one principal of its requests). With --snapshot instead of"
            + " POLICY, the policies an account snapshot gives --principal are checked together,"
            + " as 'query' assembles them."
      },
      footer = {
        "",
        "Example:",
        "  arbiter check access-not-granted --type identity --actions iam:PassRole policy.json",
        "  arbiter check access-not-granted --actions iam:PassRole stack.yaml",
        "  arbiter check access-not-granted --actions iam:PassRole \\",
        "      --resources 'arn:aws:iam::111122223333:role/admin*' \\",
        "      corpus/scenarios/passrole-boundary.json",
        "  arbiter check access-not-granted --actions ec2:TerminateInstances \\",
        "      --snapshot corpus/accounts/example/account-111122223333.json \\",
        "      --org corpus/accounts/example/organization.json --principal user/carol"
      })
  static final class AccessNotGranted extends Base {
    @Option(
        names = {"-a", "--actions"},
        split = ",",
        paramLabel = "ACTION",
        description = "Actions (service:name, * and ? allowed), comma-separated.")
    List<String> actions = new ArrayList<>();

    @Option(
        names = {"-r", "--resources"},
        split = ",",
        paramLabel = "RESOURCE",
        description = "Resource ARN patterns, comma-separated.")
    List<String> resources = new ArrayList<>();

    @Parameters(
        arity = "0..1",
        paramLabel = "POLICY",
        description = "The policy file, template, plan or scenario (none with --snapshot).")
    @Nullable String policy;

    @Mixin PolicySets.SnapshotOptions snapshot = new PolicySets.SnapshotOptions();

    @Override
    List<String> files() {
      return policy == null ? List.of() : List.of(policy);
    }

    @Override
    CheckResult check(Reasoner reasoner, PolicyType fileType) throws IOException {
      return reasoner.accessNotGranted(read(files().get(0)), fileType, actions, resources);
    }

    @Override
    CheckResult sets(Reasoner reasoner, List<PolicySet> sets, RequestShape shape) {
      return reasoner.accessNotGranted(sets.get(0), shape, actions, resources);
    }

    /** With {@code --snapshot}, the set the account snapshot gives {@code --principal}. */
    @Override
    Optional<Integer> policySets() throws PolicySets.Unreadable {
      if (!snapshot.given()) {
        if (snapshot.needsSnapshot()) {
          throw new ParameterException(
              spec.commandLine(),
              "--org, --resource-policies, --resource, --vpc-endpoint and"
                  + " --restrict-public-buckets go with --snapshot");
        }
        if (policy == null) {
          throw new ParameterException(
              spec.commandLine(),
              "Missing required parameter: 'POLICY' (a policy file, template, plan or scenario;"
                  + " or --snapshot FILE --principal ARN)");
        }
        return super.policySets();
      }
      if (policy != null) {
        throw new ParameterException(
            spec.commandLine(),
            "--snapshot checks the policies of the account snapshot; give no POLICY file with it");
      }
      if (type != null) {
        throw new ParameterException(
            spec.commandLine(),
            "--type is for policy files; an account snapshot says what each policy is");
      }
      PolicySets.Snapshot set = PolicySets.snapshot(spec, snapshot, caller, resources);
      return Optional.of(
          PolicySets.report(
              spec,
              format,
              inconclusive,
              r -> r.accessNotGranted(set.set(), set.shape(), actions, set.resources()),
              PolicySets.PolicyFiles.NONE,
              List.of(set.set()),
              snapshot.snapshots.get(0).toString(),
              set.warnings()));
    }

    @Override
    List<TemplateChecks.Outcome> templates(
        Reasoner reasoner, List<TemplateChecks.Source> sources, List<String> notAsked)
        throws TemplateChecks.Unreadable {
      Set<PolicyType> asked = type != null ? Set.of(type) : TemplateChecks.REASONED;
      List<TemplateChecks.Outcome> outcomes = new ArrayList<>();
      TemplateChecks.Source source = sources.get(0);
      notAsked.addAll(TemplateChecks.notAsked(source, asked));
      for (TemplateChecks.Item item : TemplateChecks.items(source, asked, outcomes)) {
        outcomes.add(
            TemplateChecks.answer(
                item,
                Optional.empty(),
                i -> reasoner.accessNotGranted(i.policy(), i.type(), actions, resources)));
      }
      return outcomes;
    }
  }

  /** A check to run with a reasoner. */
  interface Check {
    CheckResult check(Reasoner reasoner) throws IOException;
  }

  /** Runs a check, prints its answer in the format asked for, and returns the exit code. */
  /**
   * The policies a check read: the last one is the policy whose statements the reasons name, for
   * {@code --format sarif} (the candidate of no-new-access, or the only policy).
   */
  static final class Reads {
    private String file = "";
    private @Nullable Policy policy;

    Policy read(String file) throws IOException {
      Policy read = Policy.parse(Path.of(file));
      this.file = file;
      this.policy = read;
      return read;
    }
  }

  static int run(
      CommandSpec spec,
      Format format,
      Inconclusive inconclusive,
      Check check,
      Reads reads,
      PolicyType type) {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    CheckResult result;
    try {
      result = check.check(Reasoner.create());
    } catch (IOException e) {
      err.println("arbiter check: cannot read " + e.getMessage());
      return ExitCodes.INVALID_INPUT;
    } catch (PolicyParseException | InvalidPolicyException e) {
      err.println("arbiter check: " + e.getMessage());
      return ExitCodes.INVALID_INPUT;
    }
    switch (format) {
      case text -> out.println(text(result));
      case json -> out.println(json(result));
      case sarif -> {
        try {
          CheckSarif.write(
              out,
              spec.name(),
              result,
              reads.file,
              reads.policy == null ? Policy.parse("{\"Statement\": []}") : reads.policy,
              type);
        } catch (IOException e) {
          err.println("arbiter check: cannot write SARIF: " + e.getMessage());
          return ExitCodes.INVALID_INPUT;
        }
      }
    }
    return exitCode(result.outcome(), inconclusive);
  }

  /** 0 for PASS, 1 for FAIL, and for INCONCLUSIVE as {@code --inconclusive} says. */
  static int exitCode(CheckResult.Outcome outcome, Inconclusive inconclusive) {
    return switch (outcome) {
      case PASS -> ExitCodes.OK;
      case FAIL -> ExitCodes.DENIED_OR_FINDINGS;
      case INCONCLUSIVE ->
          inconclusive == Inconclusive.pass ? ExitCodes.OK : ExitCodes.DENIED_OR_FINDINGS;
    };
  }

  static String text(CheckResult result) {
    if (result instanceof CheckResult.Fail fail) {
      StringBuilder out = new StringBuilder("FAIL");
      for (Reason reason : fail.reasons()) {
        out.append("\n  ").append(line(reason));
      }
      return out.toString();
    }
    if (result instanceof CheckResult.Inconclusive inconclusive) {
      return "INCONCLUSIVE: " + inconclusive.cause();
    }
    return "PASS";
  }

  /** A reason as one line: {@code statement 0 (Sid) at line 4: DESCRIPTION}. */
  static String line(Reason reason) {
    return line(reason, PolicySets.PolicyFiles.NONE);
  }

  /**
   * A reason as one line; for a statement of a policy set, {@code statement 0 (Sid) at FILE:4:
   * DESCRIPTION} (the description names the policy and its part), without a place when its file is
   * not known; for access the flow grants without a statement, the description alone.
   */
  static String line(Reason reason, PolicySets.PolicyFiles files) {
    if (reason.statementIndex() < 0) {
      return reason.description();
    }
    StringBuilder out = new StringBuilder("statement ").append(reason.statementIndex());
    reason.sid().ifPresent(sid -> out.append(" (").append(sid).append(')'));
    if (reason.origin().isPresent()) {
      Optional<String> file = files.fileOf(reason.origin().get().policy().policy());
      if (file.isPresent() && reason.line() > 0) {
        out.append(" at ").append(file.get()).append(':').append(reason.line());
      }
    } else if (reason.line() > 0) {
      out.append(" at line ").append(reason.line());
    }
    return out.append(": ").append(reason.description()).toString();
  }

  static String json(CheckResult result) {
    return JsonOutput.render(json -> write(json, result));
  }

  /** Writes the result as the JSON object {@code --format json} prints. */
  static void write(JsonGenerator json, CheckResult result) throws IOException {
    write(json, result, PolicySets.PolicyFiles.NONE);
  }

  /**
   * Writes the result; each reason about a statement of a policy set also has {@code "policy":
   * {"part", "name", "file"}} (the file only when {@code files} knows it).
   */
  static void write(JsonGenerator json, CheckResult result, PolicySets.PolicyFiles files)
      throws IOException {
    json.writeStartObject();
    json.writeStringField("result", result.outcome().name());
    json.writeArrayFieldStart("reasons");
    if (result instanceof CheckResult.Fail fail) {
      for (Reason reason : fail.reasons()) {
        json.writeStartObject();
        reasonFields(json, reason);
        if (reason.origin().isPresent()) {
          Reason.Origin origin = reason.origin().get();
          json.writeObjectFieldStart("policy");
          json.writeStringField("part", origin.part());
          json.writeStringField("name", origin.policy().name());
          Optional<String> file = files.fileOf(origin.policy().policy());
          if (file.isPresent()) {
            json.writeStringField("file", file.get());
          }
          json.writeEndObject();
        }
        json.writeEndObject();
      }
    }
    json.writeEndArray();
    if (result instanceof CheckResult.Inconclusive inconclusive) {
      json.writeStringField("cause", inconclusive.cause());
    }
    json.writeEndObject();
  }

  /**
   * A reason's fields: {@code statementIndex}, {@code sid} (if any), {@code line}, {@code
   * description} and {@code counterexample}.
   */
  static void reasonFields(JsonGenerator json, Reason reason) throws IOException {
    json.writeNumberField("statementIndex", reason.statementIndex());
    if (reason.sid().isPresent()) {
      json.writeStringField("sid", reason.sid().get());
    }
    json.writeNumberField("line", reason.line());
    json.writeStringField("description", reason.description());
    json.writeFieldName("counterexample");
    request(json, reason.counterexample());
  }

  private static void request(JsonGenerator json, Request request) throws IOException {
    json.writeStartObject();
    json.writeStringField("principal", request.principal());
    json.writeStringField("action", request.action());
    json.writeStringField("resource", request.resource());
    json.writeStringField("resourceAccount", request.resourceAccount());
    RequestContext context = request.context();
    json.writeObjectFieldStart("context");
    for (String key : context.keys()) {
      if (context.isMultivalued(key)) {
        JsonOutput.strings(json, key, context.values(key).orElse(List.of()));
      } else {
        json.writeStringField(key, context.value(key).orElse(""));
      }
    }
    json.writeEndObject();
    json.writeEndObject();
  }
}
