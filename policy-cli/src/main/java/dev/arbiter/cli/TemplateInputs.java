package dev.arbiter.cli;

import dev.arbiter.iac.EmbeddedPolicy;
import dev.arbiter.iac.Placeholders;
import dev.arbiter.iac.TemplateException;
import dev.arbiter.iac.Templates;
import dev.arbiter.lint.Check;
import dev.arbiter.lint.Finding;
import dev.arbiter.lint.FindingType;
import dev.arbiter.lint.LintResult;
import dev.arbiter.lint.Linter;
import dev.arbiter.policy.json.Json;
import dev.arbiter.policy.json.JsonReadException;
import dev.arbiter.policy.json.JsonReader;
import dev.arbiter.policy.json.PolicyReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * Templates and plans as inputs of {@code lint} (and the commands that share its inputs): the
 * options that say how to read them, and the linting of each policy found in one, with findings at
 * the template's lines, less those on values not known offline and those the template's {@code
 * Metadata} ignores.
 */
final class TemplateInputs {
  private TemplateInputs() {}

  /** The options: {@code --input}, {@code --parameters}, {@code --account/--region/--partition}. */
  static final class Options {
    @Option(
        names = "--input",
        paramLabel = "KIND",
        description =
            "What the inputs are: cloudformation, terraform-plan or policy. Default: detected from"
                + " each file's content (a CloudFormation template has Resources with a Type).")
    @Nullable String input;

    @Option(
        names = "--parameters",
        paramLabel = "FILE|KEY=VALUE",
        description =
            "Template parameter values (repeatable): KEY=VALUE, or a JSON file of {\"Key\":"
                + " \"Value\"}, of [{\"ParameterKey\", \"ParameterValue\"}] or with a"
                + " \"Parameters\" object. Conditions that depend only on given values are decided;"
                + " others lint both branches of each Fn::If.")
    List<String> parameters = new ArrayList<>();

    @Option(
        names = "--account",
        paramLabel = "ID",
        description = "AWS::AccountId in templates (default 123456789012).")
    @Nullable String account;

    @Option(
        names = "--region",
        paramLabel = "REGION",
        description = "AWS::Region in templates (default us-east-1).")
    @Nullable String region;

    @Option(
        names = "--partition",
        paramLabel = "PARTITION",
        description = "AWS::Partition in templates (default aws).")
    @Nullable String partition;

    /** The kind {@code --input} forces, if any. */
    Optional<Templates.Kind> forced(CommandLine command) {
      if (input == null) {
        return Optional.empty();
      }
      return Optional.of(
          Templates.Kind.fromName(input)
              .orElseThrow(
                  () ->
                      new CommandLine.ParameterException(
                          command,
                          "unknown --input '"
                              + input
                              + "'; expected cloudformation, terraform-plan or policy")));
    }

    /**
     * The reading options.
     *
     * @throws CommandLine.ParameterException if a {@code --parameters} value cannot be used
     */
    Templates.Options options(CommandLine command) {
      Placeholders defaults = Placeholders.DEFAULT;
      Set<String> given = new HashSet<>();
      if (account != null) {
        if (!account.matches("[0-9]{12}")) {
          throw new CommandLine.ParameterException(
              command, "--account takes a 12-digit account ID, got '" + account + "'");
        }
        given.add("AWS::AccountId");
      }
      if (region != null) {
        given.add("AWS::Region");
      }
      if (partition != null) {
        given.add("AWS::Partition");
        given.add("AWS::URLSuffix");
      }
      Placeholders placeholders =
          new Placeholders(
              account != null ? account : defaults.account(),
              region != null ? region : defaults.region(),
              partition != null ? partition : defaults.partition());
      Map<String, String> values = new LinkedHashMap<>();
      for (String parameter : parameters) {
        int equals = parameter.indexOf('=');
        if (Files.isRegularFile(Path.of(parameter))) {
          values.putAll(parameterFile(command, Path.of(parameter)));
        } else if (equals > 0) {
          values.put(parameter.substring(0, equals), parameter.substring(equals + 1));
        } else {
          throw new CommandLine.ParameterException(
              command, "--parameters takes KEY=VALUE or a file; no such file '" + parameter + "'");
        }
      }
      return new Templates.Options(placeholders, given, values);
    }

    private static Map<String, String> parameterFile(CommandLine command, Path file) {
      Json root;
      try {
        root = JsonReader.read(Files.readAllBytes(file), PolicyReader.LIMITS);
      } catch (IOException e) {
        throw new CommandLine.ParameterException(
            command, "--parameters " + file + ": cannot read: " + Messages.describe(e));
      } catch (JsonReadException e) {
        throw new CommandLine.ParameterException(
            command, "--parameters " + file + ": " + e.getMessage());
      }
      if (root instanceof Json.Obj object && object.get("Parameters").isPresent()) {
        root = object.get("Parameters").get();
      }
      Map<String, String> values = new LinkedHashMap<>();
      if (root instanceof Json.Obj object) {
        for (Json.Member member : object.members()) {
          values.put(member.name(), text(member.value()));
        }
        return values;
      }
      if (root instanceof Json.Arr array) {
        for (Json element : array.elements()) {
          if (element instanceof Json.Obj entry
              && entry.get("ParameterKey").flatMap(Json::scalarText).isPresent()
              && entry.get("ParameterValue").isPresent()) {
            values.put(
                entry.get("ParameterKey").flatMap(Json::scalarText).get(),
                text(entry.get("ParameterValue").get()));
          } else {
            throw new CommandLine.ParameterException(
                command,
                "--parameters "
                    + file
                    + ": "
                    + element.position()
                    + ": expected {\"ParameterKey\": ..., \"ParameterValue\": ...}");
          }
        }
        return values;
      }
      throw new CommandLine.ParameterException(
          command, "--parameters " + file + ": expected a JSON object or array of parameters");
    }

    private static String text(Json value) {
      if (value instanceof Json.Arr list) {
        List<String> items = new ArrayList<>();
        list.elements().forEach(e -> items.add(e.scalarText().orElse("")));
        return String.join(",", items);
      }
      return value.scalarText().orElse("");
    }
  }

  /**
   * Where a result's policy sits in its template.
   *
   * @param policy the policy
   * @param cdkPath the resource's CDK construct path, if it has one
   * @param unknownDropped findings left out because they are about values not known offline
   */
  record Embedded(EmbeddedPolicy policy, Optional<String> cdkPath, int unknownDropped) {
    /** {@code (MyRole /Resources/MyRole/Properties/...; when IsProd is true)} for the text. */
    String describe(Finding finding) {
      return " ("
          + policy.resource()
          + " "
          + finding.pointer()
          + (policy.branches().isEmpty() ? "" : "; when " + String.join(" and ", policy.branches()))
          + ")";
    }
  }

  /** A template's results, one per policy found, with where each sits. */
  record Linted(List<LintResult> results, Map<LintResult, Embedded> embedded, int unknownDropped) {}

  /**
   * Lints every policy of {@code template}: findings point into the template (pointer and
   * position), those on unknown values are dropped and counted, those the template's Metadata
   * ignores are counted as suppressed.
   */
  static Linted lint(Linter linter, String file, Templates.Template template) {
    List<LintResult> results = new ArrayList<>();
    // By identity: two policies of one template without findings are equal records.
    @SuppressWarnings("IdentityHashMapUsage")
    Map<LintResult, Embedded> embedded = new java.util.IdentityHashMap<>();
    int dropped = 0;
    for (EmbeddedPolicy policy : template.policies()) {
      LintResult raw =
          linter.lint(file, policy.document(), policy.policyType(), policy.attachedTo());
      List<Finding> kept = new ArrayList<>();
      int unknown = 0;
      int ignored = 0;
      for (Finding finding : raw.findings()) {
        if (policy.touchesUnknown(finding.pointer())) {
          unknown++;
          continue;
        }
        if (template.ignores().stream()
            .anyMatch(i -> i.covers(policy.resource(), finding.code()))) {
          ignored++;
          continue;
        }
        kept.add(relocate(policy, finding));
      }
      LintResult result =
          new LintResult(
              file,
              raw.policyType(),
              false,
              raw.parsed(),
              kept,
              raw.suppressed() + ignored,
              raw.resourceType(),
              false);
      results.add(result);
      embedded.put(
          result,
          new Embedded(
              policy, Optional.ofNullable(template.cdkPaths().get(policy.resource())), unknown));
      dropped += unknown;
    }
    return new Linted(results, embedded, dropped);
  }

  private static Finding relocate(EmbeddedPolicy policy, Finding finding) {
    List<Finding> related = new ArrayList<>();
    for (Finding other : finding.related()) {
      related.add(relocate(policy, other));
    }
    return new Finding(
        finding.code(),
        finding.type(),
        finding.message(),
        finding.file(),
        policy.filePointer(finding.pointer()),
        finding.position(),
        related);
  }

  /**
   * {@code arbiter validate} on one policy of a template: the problems AWS would refuse it for, at
   * the template's positions, less those on values not known offline.
   */
  static LintResult validate(String file, EmbeddedPolicy policy) {
    List<dev.arbiter.policy.PolicyProblem> problems = new ArrayList<>();
    boolean parsed = true;
    try {
      problems.addAll(PolicyReader.read(policy.document()).validate(policy.policyType()));
    } catch (dev.arbiter.policy.PolicyParseException e) {
      problems.addAll(e.problems());
      parsed = false;
    }
    List<Finding> findings = new ArrayList<>();
    for (dev.arbiter.policy.PolicyProblem problem : problems) {
      if (policy.touchesUnknown(problem.pointer())) {
        continue;
      }
      FindingType type =
          Linter.check(problem.code()).map(Check::defaultType).orElse(FindingType.ERROR);
      findings.add(
          new Finding(
              problem.code(),
              type,
              problem.message(),
              file,
              policy.filePointer(problem.pointer()),
              problem.position().isKnown() ? problem.position() : policy.document().position()));
    }
    return new LintResult(
        file,
        Optional.of(policy.policyType()),
        false,
        parsed,
        findings,
        0,
        policy.attachedTo(),
        false);
  }

  /** A template that cannot be read, as an ERROR finding at the problem's position. */
  static LintResult unreadable(Linter linter, String file, TemplateException e) {
    Check check =
        Linter.check("JSON_SYNTAX_ERROR").orElseThrow(() -> new IllegalStateException("no check"));
    FindingType type = check.defaultType();
    Finding finding =
        new Finding(
            check.code(),
            type,
            "not a readable template: " + e.problem(),
            file,
            e.location().pointer(),
            e.location().position().isKnown()
                ? e.location().position()
                : new dev.arbiter.policy.SourcePosition(1, 1));
    dev.arbiter.lint.config.LintConfig.Applied applied = linter.config().apply(List.of(finding));
    return new LintResult(
        file, Optional.empty(), false, false, applied.findings(), applied.suppressed());
  }

  /** {@code --list-policies}: one line per policy found, then a count. */
  static void list(PrintWriter out, String file, Templates.Template template) {
    for (EmbeddedPolicy policy : template.policies()) {
      out.println(
          file
              + ": "
              + policy.resource()
              + " "
              + policy.resourceType()
              + " "
              + policy.property()
              + " "
              + policy.policyType().cliName()
              + policy.attachedTo().map(t -> " (" + t.awsName() + ")").orElse("")
              + (policy.branches().isEmpty()
                  ? ""
                  : " when " + String.join(" and ", policy.branches()))
              + (policy.unknowns().isEmpty()
                  ? ""
                  : " ["
                      + policy.unknowns().size()
                      + " unknown "
                      + (policy.unknowns().size() == 1 ? "value" : "values")
                      + "]"));
    }
    out.println(
        file
            + ": "
            + template.policies().size()
            + (template.policies().size() == 1 ? " policy" : " policies")
            + " found ("
            + template.kind().cliName()
            + ")");
  }

  /** Whether a file found in a directory is worth reading as a template (by its name). */
  static boolean templateName(Path file) {
    String name = file.getFileName() == null ? "" : file.getFileName().toString();
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.endsWith(".yaml") || lower.endsWith(".yml");
  }
}
