package dev.arbiter.cli;

import dev.arbiter.iac.EmbeddedPolicy;
import dev.arbiter.iac.Placeholders;
import dev.arbiter.iac.S3PublicAccessBlock;
import dev.arbiter.iac.TemplateException;
import dev.arbiter.iac.Templates;
import dev.arbiter.lint.Check;
import dev.arbiter.lint.Finding;
import dev.arbiter.lint.FindingType;
import dev.arbiter.lint.LintResult;
import dev.arbiter.lint.Linter;
import dev.arbiter.lint.config.LintConfig;
import dev.arbiter.policy.JsonPointer;
import dev.arbiter.policy.json.Json;
import dev.arbiter.policy.json.JsonReadException;
import dev.arbiter.policy.json.JsonReader;
import dev.arbiter.policy.json.PolicyReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
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
   * Where a result's policy (or a part that could not be read) sits in its template.
   *
   * @param resource the resource it belongs to (logical ID or plan address)
   * @param resourceType the resource's type, or "" when not known (a part that could not be read)
   * @param property where the policy sits in the file
   * @param branches the {@code Fn::If} branches taken to reach the policy
   * @param cdkPaths the template's CDK construct paths, by logical ID
   * @param unknownDropped findings left out because they are about values not known offline
   * @param resources for findings (by their file pointer) in a statement that another resource
   *     wrote into a policy (a Lambda function's policy merged from its permissions), that resource
   */
  record Embedded(
      String resource,
      String resourceType,
      JsonPointer property,
      List<String> branches,
      Map<String, String> cdkPaths,
      int unknownDropped,
      Map<JsonPointer, String> resources) {
    Embedded {
      branches = List.copyOf(branches);
      cdkPaths = Map.copyOf(cdkPaths);
      resources = Map.copyOf(resources);
    }

    /** Where {@code policy} of {@code template} sits. */
    static Embedded of(
        EmbeddedPolicy policy,
        Templates.Template template,
        int unknownDropped,
        Map<JsonPointer, String> resources) {
      return new Embedded(
          policy.resource(),
          policy.resourceType(),
          policy.property(),
          policy.branches(),
          template.cdkPaths(),
          unknownDropped,
          resources);
    }

    /** Where {@code problem} of {@code template} sits. */
    static Embedded of(Templates.Problem problem, Templates.Template template) {
      return new Embedded(
          problem.resource(), "", problem.pointer(), List.of(), template.cdkPaths(), 0, Map.of());
    }

    /** The resource {@code finding} is in. */
    String resource(Finding finding) {
      return resources.getOrDefault(finding.pointer(), resource);
    }

    /** The CDK construct path of the resource {@code finding} is in, if it has one. */
    Optional<String> cdkPath(Finding finding) {
      return Optional.ofNullable(cdkPaths.get(resource(finding)));
    }

    /** The CDK construct path of the resource, if it has one. */
    Optional<String> cdkPath() {
      return Optional.ofNullable(cdkPaths.get(resource));
    }

    /** {@code (MyRole /Resources/MyRole/Properties/...; when IsProd is true)} for the text. */
    String describe(Finding finding) {
      return " ("
          + resource(finding)
          + " "
          + finding.pointer()
          + (branches.isEmpty() ? "" : "; when " + String.join(" and ", branches))
          + ")";
    }
  }

  /** A template's results, one per policy found, with where each sits. */
  record Linted(List<LintResult> results, Map<LintResult, Embedded> embedded, int unknownDropped) {}

  /**
   * Lints every policy of {@code template}: findings point into the template (pointer and
   * position), those on unknown values are dropped and counted, those the template's Metadata
   * ignores are counted as suppressed. Each part that could not be read is a result of its own with
   * one error ({@link #problem}).
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
      Map<JsonPointer, String> resources = new HashMap<>();
      int unknown = 0;
      int ignored = 0;
      for (Finding finding : raw.findings()) {
        if (policy.touchesUnknown(finding.pointer())) {
          unknown++;
          continue;
        }
        String resource = policy.resourceAt(finding.pointer());
        if (template.ignores().stream().anyMatch(i -> i.covers(resource, finding.code()))) {
          ignored++;
          continue;
        }
        Finding relocated = relocate(policy, blockPublicAccess(finding, policy, linter.config()));
        if (!resource.equals(policy.resource())) {
          resources.put(relocated.pointer(), resource);
        }
        kept.add(relocated);
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
      embedded.put(result, Embedded.of(policy, template, unknown, resources));
      dropped += unknown;
    }
    for (Templates.Problem problem : template.problems()) {
      LintResult result = problem(linter, file, problem, template);
      results.add(result);
      embedded.put(result, Embedded.of(problem, template));
    }
    return new Linted(results, embedded, dropped);
  }

  /**
   * A part of a template that could not be read, as a result with one {@code JSON_SYNTAX_ERROR}
   * (the code a template that cannot be read at all gets, {@link #unreadable}) at its place, less
   * what the configuration or the template's Metadata suppresses.
   */
  static LintResult problem(
      Linter linter, String file, Templates.Problem problem, Templates.Template template) {
    Finding finding = syntaxError(file, problem.message(), problem.pointer(), problem.position());
    dev.arbiter.lint.config.LintConfig.Applied applied = linter.config().apply(List.of(finding));
    List<Finding> kept = new ArrayList<>();
    int ignored = 0;
    for (Finding f : applied.findings()) {
      if (template.ignores().stream().anyMatch(i -> i.covers(problem.resource(), f.code()))) {
        ignored++;
      } else {
        kept.add(f);
      }
    }
    return new LintResult(
        file, Optional.empty(), false, false, kept, applied.suppressed() + ignored);
  }

  /** The check whose findings the template's S3 Block Public Access settings bear on. */
  static final String PUBLIC_ACCESS = "PUBLIC_ACCESS";

  /**
   * A {@code PUBLIC_ACCESS} finding (pointer in the document) on a bucket policy whose bucket has
   * S3 Block Public Access settings in the same file (docs/templates.md, "S3 Block Public Access"):
   * the message says what they do to it; with {@code RestrictPublicBuckets} on and a statement S3
   * certainly counts as public ({@link #publicToS3}), the public cannot make the request (S3 User
   * Guide, "Blocking public access to your Amazon S3 storage"), so the finding is a WARNING rather
   * than a SECURITY_WARNING, unless the configuration sets the check's type. Kept either way: the
   * policy text grants public access, and grants it again without the setting. Any other finding is
   * returned as it is.
   */
  static Finding blockPublicAccess(Finding finding, EmbeddedPolicy policy, LintConfig config) {
    S3PublicAccessBlock settings = policy.s3PublicAccessBlock();
    if (!finding.code().equals(PUBLIC_ACCESS) || !settings.any()) {
      return finding;
    }
    FindingType type =
        settings.restrictPublicBuckets()
                && finding.type() == FindingType.SECURITY_WARNING
                && !config.findingTypes().containsKey(PUBLIC_ACCESS)
                && publicToS3(policy, finding.pointer())
            ? FindingType.WARNING
            : finding.type();
    return new Finding(
        finding.code(),
        type,
        finding.message() + " " + settings.effect(),
        finding.file(),
        finding.pointer(),
        finding.position(),
        finding.related());
  }

  /** S3's "bad actions", lower case: a public grant of one makes a bucket policy public. */
  private static final List<String> BAD_ACTION_PREFIXES =
      List.of("s3:get", "s3:list", "s3:put", "s3:delete");

  private static final List<String> BAD_ACTIONS =
      List.of("s3:abortmultipartupload", "s3:restoreobject");

  /**
   * Whether S3 certainly counts the policy as public because of the statement at {@code statement},
   * so that {@code RestrictPublicBuckets} restricts it: the statement's {@code Action} names or
   * covers one of S3's "bad actions" ({@code s3:Get*}, {@code s3:List*}, {@code s3:Put*}, {@code
   * s3:Delete*}, {@code s3:AbortMultipartUpload}, {@code s3:RestoreObject}), and no statement of
   * the policy tests {@code aws:SourceIp}, which S3 may take as limiting access (S3 API Reference,
   * {@code PublicAccessBlockConfiguration}: "Amazon S3 considers a bucket policy public unless
   * ..."). A {@code NotAction} statement, or one whose patterns cover bad actions only through
   * other wildcards, is not certain.
   */
  private static boolean publicToS3(EmbeddedPolicy embedded, JsonPointer statement) {
    dev.arbiter.policy.Policy policy;
    try {
      policy = PolicyReader.read(embedded.document());
    } catch (dev.arbiter.policy.PolicyParseException e) {
      return false;
    }
    boolean bad = false;
    for (dev.arbiter.policy.Statement s : policy.statements()) {
      for (dev.arbiter.policy.Condition condition : s.conditions()) {
        if (condition.key().normalized().equals("aws:sourceip")) {
          return false;
        }
      }
      if (s.location().pointer().equals(statement) && !s.actions().negated()) {
        for (dev.arbiter.policy.ActionPattern pattern : s.actions().patterns()) {
          String text = pattern.text().toLowerCase(Locale.ROOT);
          bad |=
              text.equals("*")
                  || text.equals("s3:*")
                  || BAD_ACTIONS.contains(text)
                  || BAD_ACTION_PREFIXES.stream().anyMatch(text::startsWith);
        }
      }
    }
    return bad;
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
   * the template's positions, less those on values not known offline; one result, with where it
   * sits.
   */
  static Linted validate(String file, EmbeddedPolicy policy, Templates.Template template) {
    List<dev.arbiter.policy.PolicyProblem> problems = new ArrayList<>();
    boolean parsed = true;
    try {
      problems.addAll(PolicyReader.read(policy.document()).validate(policy.policyType()));
    } catch (dev.arbiter.policy.PolicyParseException e) {
      problems.addAll(e.problems());
      parsed = false;
    }
    List<Finding> findings = new ArrayList<>();
    Map<JsonPointer, String> resources = new HashMap<>();
    for (dev.arbiter.policy.PolicyProblem problem : problems) {
      if (policy.touchesUnknown(problem.pointer())) {
        continue;
      }
      FindingType type =
          Linter.check(problem.code()).map(Check::defaultType).orElse(FindingType.ERROR);
      JsonPointer at = policy.filePointer(problem.pointer());
      String resource = policy.resourceAt(problem.pointer());
      if (!resource.equals(policy.resource())) {
        resources.put(at, resource);
      }
      findings.add(
          new Finding(
              problem.code(),
              type,
              problem.message(),
              file,
              at,
              problem.position().isKnown() ? problem.position() : policy.document().position()));
    }
    LintResult result =
        new LintResult(
            file,
            Optional.of(policy.policyType()),
            false,
            parsed,
            findings,
            0,
            policy.attachedTo(),
            false);
    return new Linted(
        List.of(result), Map.of(result, Embedded.of(policy, template, 0, resources)), 0);
  }

  /** A template that cannot be read, as an ERROR finding at the problem's position. */
  static LintResult unreadable(Linter linter, String file, TemplateException e) {
    dev.arbiter.lint.config.LintConfig.Applied applied =
        linter
            .config()
            .apply(
                List.of(
                    syntaxError(
                        file,
                        "not a readable template: " + e.problem(),
                        e.location().pointer(),
                        e.location().position())));
    return new LintResult(
        file, Optional.empty(), false, false, applied.findings(), applied.suppressed());
  }

  /** A {@code JSON_SYNTAX_ERROR} at {@code position} (the file's start when it is not known). */
  private static Finding syntaxError(
      String file,
      String message,
      JsonPointer pointer,
      dev.arbiter.policy.SourcePosition position) {
    Check check =
        Linter.check("JSON_SYNTAX_ERROR")
            .orElseThrow(() -> new IllegalStateException("no check JSON_SYNTAX_ERROR"));
    return new Finding(
        check.code(),
        check.defaultType(),
        message,
        file,
        pointer,
        position.isKnown() ? position : new dev.arbiter.policy.SourcePosition(1, 1));
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
              + (policy.resources().isEmpty()
                  ? ""
                  : ", one policy with the statements of " + String.join(", ", others(policy)))
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
    for (Templates.Problem problem : template.problems()) {
      out.println(
          file
              + ":"
              + problem.position()
              + ": "
              + (problem.resource().isEmpty() ? "" : problem.resource() + " ")
              + problem.pointer()
              + " not read: "
              + problem.message());
    }
    int problems = template.problems().size();
    out.println(
        file
            + ": "
            + template.policies().size()
            + (template.policies().size() == 1 ? " policy" : " policies")
            + " found"
            + (problems == 0
                ? ""
                : ", " + problems + (problems == 1 ? " part" : " parts") + " not read")
            + " ("
            + template.kind().cliName()
            + ")");
  }

  /** The other resources that wrote statements into {@code policy}, in statement order. */
  private static List<String> others(EmbeddedPolicy policy) {
    return policy.resources().entrySet().stream()
        .sorted(
            java.util.Comparator.comparing(
                    (Map.Entry<JsonPointer, String> e) -> e.getKey().tokens().size())
                .thenComparing(e -> index(e.getKey()))
                .thenComparing(e -> e.getKey().toString()))
        .map(Map.Entry::getValue)
        .distinct()
        .toList();
  }

  private static int index(JsonPointer pointer) {
    List<String> tokens = pointer.tokens();
    String last = tokens.isEmpty() ? "" : tokens.get(tokens.size() - 1);
    return last.matches("[0-9]{1,9}") ? Integer.parseInt(last) : Integer.MAX_VALUE;
  }

  /** Whether a file found in a directory is worth reading as a template (by its name). */
  static boolean templateName(Path file) {
    String name = file.getFileName() == null ? "" : file.getFileName().toString();
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.endsWith(".yaml") || lower.endsWith(".yml");
  }
}
