package dev.arbiter.cli;

import dev.arbiter.eval.InvalidPolicyException;
import dev.arbiter.iac.EmbeddedPolicy;
import dev.arbiter.iac.TemplateException;
import dev.arbiter.iac.Templates;
import dev.arbiter.policy.Effect;
import dev.arbiter.policy.JsonPointer;
import dev.arbiter.policy.Policy;
import dev.arbiter.policy.PolicyParseException;
import dev.arbiter.policy.PolicyProblem;
import dev.arbiter.policy.PolicyType;
import dev.arbiter.policy.SourceLocation;
import dev.arbiter.policy.SourcePosition;
import dev.arbiter.policy.Statement;
import dev.arbiter.policy.json.Json;
import dev.arbiter.policy.json.PolicyReader;
import dev.arbiter.reason.CheckResult;
import dev.arbiter.reason.PublicResourceType;
import dev.arbiter.reason.Reason;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine;

/**
 * {@code arbiter check} and {@code arbiter diff} over CloudFormation templates and Terraform plans
 * (docs/templates.md, "Reasoning checks"): which policies of a template a check asks about, how the
 * policies of two templates are paired, how values not known offline weaken an answer, and how the
 * per-policy answers make one.
 */
final class TemplateChecks {
  private TemplateChecks() {}

  /** The policy types the reasoner reads; other types (SCP, RCP, VPC endpoint) are not asked. */
  static final Set<PolicyType> REASONED =
      Set.of(PolicyType.IDENTITY, PolicyType.RESOURCE, PolicyType.TRUST);

  /** An input that cannot be used: exit 3, with the message (file and position in it). */
  static final class Unreadable extends Exception {
    private static final long serialVersionUID = 1L;

    Unreadable(String message) {
      super(message);
    }

    /** The message; never null. */
    String describe() {
      String message = getMessage();
      return message == null ? "unreadable input" : message;
    }
  }

  /**
   * What one argument holds: a policy file ({@code template} empty), or a template or plan.
   *
   * @param file the argument as given
   */
  record Source(String file, Optional<Templates.Template> template) {
    boolean isTemplate() {
      return template.isPresent();
    }
  }

  /**
   * Reads each argument far enough to tell a template or plan (detected as {@code lint} detects it,
   * or as {@code --input} forces) from a policy file; a policy file is parsed later, by the
   * command's own path.
   *
   * @throws Unreadable if an argument is a template that cannot be read
   */
  static List<Source> sources(
      CommandLine command, TemplateInputs.Options options, List<String> files) throws Unreadable {
    Optional<Templates.Kind> forced = options.forced(command);
    Templates.Options reading = options.options(command);
    List<Source> sources = new ArrayList<>();
    for (String file : files) {
      byte[] bytes;
      try {
        bytes = Inputs.read(new Inputs.Input(file, Path.of(file), false, false));
      } catch (Inputs.Unusable e) {
        sources.add(new Source(file, Optional.empty())); // the policy reader says why
        continue;
      }
      Templates.Template template;
      try {
        template = Templates.read(file, bytes, forced, reading);
      } catch (TemplateException e) {
        throw new Unreadable(file + ":" + e.getMessage());
      }
      if (!template.problems().isEmpty()) {
        // Lint reports an unreadable part and reads the rest; a check cannot: the part may hold a
        // policy, and a PASS without it would be false assurance.
        Templates.Problem problem = template.problems().get(0);
        throw new Unreadable(
            file
                + ":"
                + problem.position()
                + ": "
                + (problem.resource().isEmpty() ? "" : problem.resource() + " ")
                + problem.pointer()
                + " cannot be read: "
                + problem.message()
                + (template.problems().size() == 1
                    ? ""
                    : " (and " + (template.problems().size() - 1) + " more part(s))"));
      }
      sources.add(
          new Source(
              file,
              template.kind() == Templates.Kind.POLICY ? Optional.empty() : Optional.of(template)));
    }
    return sources;
  }

  /**
   * One policy a check reads.
   *
   * @param file the file it is in
   * @param embedded where it sits in a template; empty for a policy file
   * @param policy the policy (positions are the file's own)
   * @param type the type it is read as
   */
  record Item(String file, Optional<EmbeddedPolicy> embedded, Policy policy, PolicyType type) {
    /**
     * {@code BucketPolicy /Resources/BucketPolicy/Properties/PolicyDocument; when IsProd is true}.
     */
    String name() {
      if (embedded.isEmpty()) {
        return file;
      }
      EmbeddedPolicy where = embedded.get();
      return where.resource() + " " + where.property() + branches(where);
    }

    /** Where a statement of the policy sits in the file. */
    JsonPointer pointer(SourceLocation location) {
      return embedded.map(e -> e.filePointer(location.pointer())).orElse(location.pointer());
    }

    /** The values of the policy not known offline, each with where it is; empty for a file. */
    List<String> unknowns() {
      if (embedded.isEmpty()) {
        return List.of();
      }
      EmbeddedPolicy where = embedded.get();
      List<String> names = new ArrayList<>();
      for (JsonPointer unknown : where.unknowns()) {
        Optional<Json> value = at(where.document(), unknown);
        String text = value.flatMap(Json::scalarText).map(v -> " = " + v).orElse(" (unknown)");
        String position =
            value
                .map(Json::position)
                .filter(SourcePosition::isKnown)
                .map(p -> " at " + p)
                .orElse("");
        names.add(where.filePointer(unknown) + text + position);
      }
      names.sort(null);
      return names;
    }

    /** Whether statement {@code index} holds, or sits inside, a value not known offline. */
    boolean statementTouchesUnknown(int index) {
      if (embedded.isEmpty() || index >= policy.statements().size()) {
        return embedded.isPresent();
      }
      List<String> statement = policy.statements().get(index).location().pointer().tokens();
      for (JsonPointer unknown : embedded.get().unknowns()) {
        List<String> u = unknown.tokens();
        boolean inside =
            u.size() >= statement.size() && u.subList(0, statement.size()).equals(statement);
        boolean around = statement.size() >= u.size() && statement.subList(0, u.size()).equals(u);
        if (inside || around) {
          return true;
        }
      }
      return false;
    }
  }

  private static String branches(EmbeddedPolicy policy) {
    return policy.branches().isEmpty() ? "" : "; when " + String.join(" and ", policy.branches());
  }

  /** The value at {@code pointer} inside {@code root}, if there is one. */
  private static Optional<Json> at(Json root, JsonPointer pointer) {
    Json current = root;
    for (String token : pointer.tokens()) {
      if (current instanceof Json.Obj object) {
        Optional<Json> next = object.get(token);
        if (next.isEmpty()) {
          return Optional.empty();
        }
        current = next.get();
      } else if (current instanceof Json.Arr array
          && token.matches("0|[1-9][0-9]{0,8}")
          && Integer.parseInt(token) < array.elements().size()) {
        current = array.elements().get(Integer.parseInt(token));
      } else {
        return Optional.empty();
      }
    }
    return Optional.of(current);
  }

  /**
   * The answer about one policy, or about a pair: {@code item} is the policy the reasons name (the
   * candidate); {@code result} is the reasoner's answer after {@link #weaken}; {@code notes} what
   * else the file says about it (a bucket's S3 Block Public Access settings), printed after it.
   */
  record Outcome(Item item, CheckResult result, List<String> notes) {
    Outcome {
      notes = List.copyOf(notes);
    }

    Outcome(Item item, CheckResult result) {
      this(item, result, List.of());
    }
  }

  /** A check over one policy (or a pair), for {@link #answer}. */
  interface Check {
    CheckResult check(Item item) throws Unreadable;
  }

  /**
   * Runs {@code check} on {@code item}, and turns a policy the reasoner refuses into an answer: a
   * refusal that comes only from values not known offline is INCONCLUSIVE (naming them); any other
   * is an unreadable input, at the template's position.
   */
  static Outcome answer(Item item, Optional<Item> reference, Check check) throws Unreadable {
    CheckResult result;
    try {
      result = check.check(item);
    } catch (InvalidPolicyException e) {
      result = refused(item, e.problems(), String.valueOf(e.getMessage()));
    }
    return new Outcome(item, weaken(result, item, reference));
  }

  /** A template's policy read into an item, or refused as in {@link #answer}. */
  static Optional<Item> item(
      String file, EmbeddedPolicy policy, PolicyType type, List<Outcome> refused)
      throws Unreadable {
    try {
      return Optional.of(
          new Item(file, Optional.of(policy), PolicyReader.read(policy.document()), type));
    } catch (PolicyParseException e) {
      Item placeholder = new Item(file, Optional.of(policy), EMPTY, type);
      refused.add(new Outcome(placeholder, refused(placeholder, e.problems(), e.getMessage())));
      return Optional.empty();
    }
  }

  private static CheckResult refused(Item item, List<PolicyProblem> problems, String message)
      throws Unreadable {
    EmbeddedPolicy where =
        item.embedded().orElseThrow(() -> new Unreadable(item.file() + ": " + message));
    boolean unknown = !problems.isEmpty();
    for (PolicyProblem problem : problems) {
      unknown &= where.touchesUnknown(problem.pointer());
    }
    if (unknown) {
      return new CheckResult.Inconclusive(
          "not a valid policy without values not known offline: "
              + String.join(", ", item.unknowns()));
    }
    PolicyProblem first = problems.isEmpty() ? null : problems.get(0);
    SourcePosition position =
        first != null && first.position().isKnown()
            ? first.position()
            : where.document().position();
    JsonPointer pointer = first != null ? where.filePointer(first.pointer()) : where.property();
    throw new Unreadable(
        item.file()
            + ":"
            + position
            + ": "
            + (first != null ? first.message() : message)
            + " ("
            + where.resource()
            + " "
            + pointer
            + branches(where)
            + ")");
  }

  /** A policy with no statement: what a policy absent from one side of a pair grants. */
  static final Policy EMPTY =
      new Policy(Optional.empty(), Optional.empty(), List.of(), SourceLocation.UNKNOWN);

  /**
   * An answer about a policy holding values not known offline, made sound: a PASS is INCONCLUSIVE
   * (the real values may grant what the stand-ins do not), naming the values; a FAIL keeps the
   * reasons whose granting statement holds no unknown value, provided no Deny statement of the
   * candidate and nothing in the reference holds one (then the confirmed request is allowed
   * whatever the values are); a FAIL left without reasons is INCONCLUSIVE.
   */
  static CheckResult weaken(CheckResult result, Item candidate, Optional<Item> reference) {
    List<String> unknowns = new ArrayList<>(candidate.unknowns());
    List<String> referenceUnknowns = reference.map(Item::unknowns).orElse(List.of());
    for (String unknown : referenceUnknowns) {
      unknowns.add("in " + reference.map(Item::file).orElse("") + " " + unknown);
    }
    if (unknowns.isEmpty() || result instanceof CheckResult.Inconclusive) {
      return result;
    }
    String values = String.join(", ", unknowns);
    if (result instanceof CheckResult.Fail fail) {
      boolean denyUnknown = false;
      List<Statement> statements = candidate.policy().statements();
      for (int i = 0; i < statements.size(); i++) {
        denyUnknown |=
            statements.get(i).effect() == Effect.DENY && candidate.statementTouchesUnknown(i);
      }
      List<Reason> kept = new ArrayList<>();
      if (!denyUnknown && referenceUnknowns.isEmpty()) {
        for (Reason reason : fail.reasons()) {
          if (!candidate.statementTouchesUnknown(reason.statementIndex())) {
            kept.add(reason);
          }
        }
      }
      if (!kept.isEmpty()) {
        return new CheckResult.Fail(kept);
      }
      return new CheckResult.Inconclusive(
          "fails only through values not known offline, which may be different: " + values);
    }
    return new CheckResult.Inconclusive(
        "holds for the stand-ins of values not known offline, which may be different: " + values);
  }

  /** FAIL if one fails, else INCONCLUSIVE if one is, else PASS (also when nothing was asked). */
  static CheckResult.Outcome overall(List<Outcome> outcomes) {
    CheckResult.Outcome overall = CheckResult.Outcome.PASS;
    for (Outcome outcome : outcomes) {
      CheckResult.Outcome one = outcome.result().outcome();
      if (one == CheckResult.Outcome.FAIL) {
        return one;
      }
      if (one == CheckResult.Outcome.INCONCLUSIVE) {
        overall = one;
      }
    }
    return overall;
  }

  // ------------------------------------------------------------------ which policies are asked

  /**
   * The policies of template {@code source} of the asked types, each read with its own type.
   *
   * @param refused where policies the reasoner cannot read because of unknown values go
   */
  static List<Item> items(Source source, Set<PolicyType> asked, List<Outcome> refused)
      throws Unreadable {
    if (source.template().isEmpty()) {
      throw new IllegalArgumentException(source.file() + " is not a template");
    }
    List<Item> items = new ArrayList<>();
    for (EmbeddedPolicy policy : source.template().get().policies()) {
      if (asked.contains(policy.policyType())) {
        item(source.file(), policy, policy.policyType(), refused).ifPresent(items::add);
      }
    }
    return items;
  }

  /** The policies of a template that a check does not ask about, as {@code Resource (type)}. */
  static List<String> notAsked(Source source, Set<PolicyType> asked) {
    List<String> skipped = new ArrayList<>();
    source
        .template()
        .ifPresent(
            template -> {
              for (EmbeddedPolicy policy : template.policies()) {
                if (!asked.contains(policy.policyType())) {
                  skipped.add(describe(policy));
                }
              }
            });
    return skipped;
  }

  static Policy parse(String file) throws Unreadable {
    try {
      return Policy.parse(Path.of(file));
    } catch (IOException e) {
      throw new Unreadable("cannot read " + Messages.describe(e));
    } catch (PolicyParseException e) {
      throw new Unreadable(file + ": " + e.getMessage());
    }
  }

  /**
   * The Access Analyzer resource type a policy of a template is checked as by {@code
   * no-public-access}: a trust policy as a role's; a resource policy as its resource's, by what
   * lint attaches it to or by its template resource type (CloudFormation or Terraform); empty when
   * Access Analyzer has no type for the resource (it is then checked over every action and
   * resource).
   */
  static Optional<PublicResourceType> publicType(EmbeddedPolicy policy) {
    if (policy.policyType() == PolicyType.TRUST) {
      return Optional.of(PublicResourceType.IAM_ASSUME_ROLE_POLICY_DOCUMENT);
    }
    Optional<PublicResourceType> attached =
        policy.attachedTo().flatMap(t -> PublicResourceType.fromAwsName(t.awsName()));
    if (attached.isPresent()) {
      return attached;
    }
    return Optional.ofNullable(PUBLIC_TYPES.get(policy.resourceType()));
  }

  /** Template resource types whose policy is a resource's of an Access Analyzer type. */
  private static final Map<String, PublicResourceType> PUBLIC_TYPES = publicTypes();

  private static Map<String, PublicResourceType> publicTypes() {
    Map<String, PublicResourceType> types = new LinkedHashMap<>();
    put(
        types,
        PublicResourceType.SQS_QUEUE,
        "AWS::SQS::QueuePolicy",
        "AWS::SQS::QueueInlinePolicy");
    put(types, PublicResourceType.SQS_QUEUE, "aws_sqs_queue", "aws_sqs_queue_policy");
    put(
        types,
        PublicResourceType.SNS_TOPIC,
        "AWS::SNS::TopicPolicy",
        "AWS::SNS::TopicInlinePolicy");
    put(types, PublicResourceType.SNS_TOPIC, "aws_sns_topic", "aws_sns_topic_policy");
    put(types, PublicResourceType.KMS_KEY, "AWS::KMS::Key", "AWS::KMS::ReplicaKey");
    put(
        types,
        PublicResourceType.KMS_KEY,
        "aws_kms_key",
        "aws_kms_replica_key",
        "aws_kms_external_key");
    put(
        types,
        PublicResourceType.SECRETS_MANAGER_SECRET,
        "AWS::SecretsManager::ResourcePolicy",
        "aws_secretsmanager_secret_policy");
    put(
        types,
        PublicResourceType.LAMBDA_FUNCTION,
        "AWS::Lambda::Permission",
        "aws_lambda_permission");
    put(
        types,
        PublicResourceType.EFS_FILE_SYSTEM,
        "AWS::EFS::FileSystem",
        "aws_efs_file_system_policy");
    put(
        types,
        PublicResourceType.OPENSEARCH_DOMAIN,
        "AWS::OpenSearchService::Domain",
        "AWS::Elasticsearch::Domain",
        "aws_opensearch_domain",
        "aws_opensearch_domain_policy",
        "aws_elasticsearch_domain",
        "aws_elasticsearch_domain_policy");
    put(
        types,
        PublicResourceType.BACKUP_VAULT,
        "AWS::Backup::BackupVault",
        "aws_backup_vault_policy");
    put(
        types,
        PublicResourceType.CODE_ARTIFACT_DOMAIN,
        "AWS::CodeArtifact::Domain",
        "aws_codeartifact_domain_permissions_policy");
    put(
        types,
        PublicResourceType.API_GATEWAY_REST_API,
        "AWS::ApiGateway::RestApi",
        "aws_api_gateway_rest_api",
        "aws_api_gateway_rest_api_policy");
    put(types, PublicResourceType.S3_EXPRESS_ACCESS_POINT, "AWS::S3Express::AccessPoint");
    put(types, PublicResourceType.S3_OUTPOSTS_BUCKET, "AWS::S3Outposts::BucketPolicy");
    put(types, PublicResourceType.S3_OUTPOSTS_ACCESS_POINT, "AWS::S3Outposts::AccessPoint");
    put(
        types,
        PublicResourceType.S3_TABLES_TABLE_BUCKET,
        "AWS::S3Tables::TableBucketPolicy",
        "aws_s3tables_table_bucket_policy");
    put(types, PublicResourceType.S3_TABLES_TABLE, "aws_s3tables_table_policy");
    put(types, PublicResourceType.S3_GLACIER, "aws_glacier_vault", "aws_glacier_vault_lock");
    return Map.copyOf(types);
  }

  private static void put(
      Map<String, PublicResourceType> types, PublicResourceType type, String... names) {
    for (String name : names) {
      types.put(name, type);
    }
  }

  // ------------------------------------------------------------------ pairs of two inputs

  /**
   * A policy of OLD and the policy of NEW it is compared with; one side is empty when the policy is
   * only in one of them.
   *
   * @param type the type both are read as: NEW's, else OLD's
   */
  record Pair(Optional<Item> old, Optional<Item> now, PolicyType type) {}

  /**
   * Pairs the policies of OLD and NEW by resource (logical ID or plan address), property and
   * branch; a branch of NEW with no like branch in OLD is paired with the one policy OLD has at
   * that resource and property, if it has exactly one. A policy file is paired with a template only
   * when the template holds exactly one policy.
   *
   * @param type {@code --type}: the only type asked, and a policy file's type; null for the types
   *     of the template's policies
   * @param refused where policies the reasoner cannot read because of unknown values go
   * @param notAsked where pairs of types the check does not read go
   * @throws CommandLine.ParameterException for a policy file against a template of several
   *     policies, or two policy files without {@code --type}
   */
  static List<Pair> pairs(
      CommandLine command,
      Source old,
      Source now,
      @org.jspecify.annotations.Nullable PolicyType type,
      List<Outcome> refused,
      List<String> notAsked)
      throws Unreadable {
    if (old.template().isEmpty() || now.template().isEmpty()) {
      boolean oldIsTemplate = old.template().isPresent();
      Source template = oldIsTemplate ? old : now;
      Source file = oldIsTemplate ? now : old;
      List<EmbeddedPolicy> policies =
          template.template().map(Templates.Template::policies).orElse(List.of());
      if (policies.size() != 1) {
        throw new CommandLine.ParameterException(
            command,
            file.file()
                + " is a policy file and "
                + template.file()
                + " a template with "
                + policies.size()
                + (policies.size() == 1 ? " policy" : " policies")
                + "; compare a policy file with a policy file, a template with a template"
                + " (or with a template of one policy)");
      }
      EmbeddedPolicy only = policies.get(0);
      PolicyType pairType = type != null ? type : only.policyType();
      Optional<Item> inTemplate = item(template.file(), only, pairType, refused);
      if (inTemplate.isEmpty()) {
        return List.of();
      }
      Item inFile = new Item(file.file(), Optional.empty(), parse(file.file()), pairType);
      return List.of(
          oldIsTemplate
              ? new Pair(inTemplate, Optional.of(inFile), pairType)
              : new Pair(Optional.of(inFile), inTemplate, pairType));
    }
    Set<PolicyType> asked = type != null ? Set.of(type) : REASONED;
    List<EmbeddedPolicy> before = new ArrayList<>(old.template().get().policies());
    List<Pair> pairs = new ArrayList<>();
    for (EmbeddedPolicy policy : now.template().get().policies()) {
      Optional<EmbeddedPolicy> match = match(before, policy);
      match.ifPresent(before::remove);
      PolicyType pairType = policy.policyType();
      if (!asked.contains(pairType)) {
        notAsked.add(describe(policy));
        continue;
      }
      Optional<Item> candidate = item(now.file(), policy, pairType, refused);
      Optional<Item> reference = Optional.empty();
      if (match.isPresent()) {
        reference = item(old.file(), match.get(), pairType, refused);
        if (reference.isEmpty()) {
          continue; // refused: its answer is already inconclusive
        }
      }
      if (candidate.isPresent()) {
        pairs.add(new Pair(reference, candidate, pairType));
      }
    }
    for (EmbeddedPolicy policy : before) {
      if (!asked.contains(policy.policyType())) {
        notAsked.add(describe(policy));
        continue;
      }
      Optional<Item> removed = item(old.file(), policy, policy.policyType(), refused);
      if (removed.isPresent()) {
        pairs.add(new Pair(removed, Optional.empty(), policy.policyType()));
      }
    }
    return pairs;
  }

  /** The policy of OLD that {@code policy} of NEW is compared with, if any. */
  private static Optional<EmbeddedPolicy> match(List<EmbeddedPolicy> old, EmbeddedPolicy policy) {
    List<EmbeddedPolicy> sameProperty = new ArrayList<>();
    for (EmbeddedPolicy candidate : old) {
      if (candidate.resource().equals(policy.resource())
          && candidate.property().equals(policy.property())) {
        if (candidate.branches().equals(policy.branches())) {
          return Optional.of(candidate);
        }
        sameProperty.add(candidate);
      }
    }
    return sameProperty.size() == 1 ? Optional.of(sameProperty.get(0)) : Optional.empty();
  }

  /** {@code Resource /property; when Branch (type)}, for the policies not asked about. */
  static String describe(EmbeddedPolicy policy) {
    return policy.resource()
        + " "
        + policy.property()
        + branches(policy)
        + " ("
        + policy.policyType().cliName()
        + ")";
  }

  // ------------------------------------------------------------------ output

  /**
   * Prints the answers of a check over templates in the format asked for, and returns the exit
   * code: 0 PASS, 1 FAIL or INCONCLUSIVE (0 with {@code --inconclusive pass}).
   */
  static int report(
      CommandLine.Model.CommandSpec spec,
      CheckCommand.Format format,
      CheckCommand.Inconclusive inconclusive,
      List<Outcome> outcomes,
      List<String> notAsked) {
    java.io.PrintWriter out = spec.commandLine().getOut();
    CheckResult.Outcome overall = overall(outcomes);
    switch (format) {
      case text -> out.println(text(overall, outcomes, notAsked));
      case json -> out.println(JsonOutput.render(json -> write(json, overall, outcomes, notAsked)));
      case sarif -> {
        try {
          CheckSarif.write(out, spec.name(), outcomes);
        } catch (IOException e) {
          spec.commandLine()
              .getErr()
              .println("arbiter check: cannot write SARIF: " + e.getMessage());
          return ExitCodes.INVALID_INPUT;
        }
      }
    }
    return CheckCommand.exitCode(overall, inconclusive);
  }

  /** The outcomes in file order: by file, then by where the policy starts. */
  static List<Outcome> sorted(List<Outcome> outcomes) {
    List<Outcome> sorted = new ArrayList<>(outcomes);
    sorted.sort(
        java.util.Comparator.comparing((Outcome o) -> o.item().file())
            .thenComparingInt(o -> start(o.item()).line())
            .thenComparingInt(o -> start(o.item()).column()));
    return sorted;
  }

  /** Where the item's policy starts in its file. */
  static SourcePosition start(Item item) {
    SourcePosition at =
        item.embedded()
            .map(e -> e.document().position())
            .orElse(item.policy().location().position());
    return at.isKnown() ? at : new SourcePosition(1, 1);
  }

  /** Where statement {@code index} of the item starts, and its pointer in the file. */
  static SourceLocation statement(Item item, int index) {
    List<Statement> statements = item.policy().statements();
    if (index >= statements.size()) {
      return SourceLocation.of(
          item.embedded().map(EmbeddedPolicy::property).orElse(JsonPointer.ROOT), start(item));
    }
    SourceLocation location = statements.get(index).location();
    SourcePosition at = location.position().isKnown() ? location.position() : start(item);
    return SourceLocation.of(item.pointer(location), at);
  }

  /** {@code RESULT}, then a line per failing statement, per inconclusive and per passing policy. */
  static String text(CheckResult.Outcome overall, List<Outcome> outcomes, List<String> notAsked) {
    StringBuilder out = new StringBuilder(overall.name());
    lines(out, "\n", outcomes, true);
    if (outcomes.isEmpty()) {
      out.append("\nno policy of the types asked");
    }
    if (!notAsked.isEmpty()) {
      out.append("\nnot asked: ").append(String.join(", ", notAsked));
    }
    return out.toString();
  }

  /**
   * {@code file:line:col: FAIL statement 0 (Sid): ... (Resource /pointer; when Branch)} per reason,
   * {@code file:line:col: INCONCLUSIVE cause (Resource /property)} and {@code file:line:col: PASS
   * (Resource /property)} (unless not {@code passes}), each line after {@code prefix}.
   */
  static void lines(StringBuilder out, String prefix, List<Outcome> outcomes, boolean passes) {
    for (Outcome outcome : sorted(outcomes)) {
      Item item = outcome.item();
      CheckResult result = outcome.result();
      if (!passes && result instanceof CheckResult.Pass) {
        continue;
      }
      if (result instanceof CheckResult.Fail fail) {
        for (Reason reason : fail.reasons()) {
          SourceLocation at = statement(item, reason.statementIndex());
          out.append(prefix)
              .append(item.file())
              .append(':')
              .append(at.position())
              .append(": FAIL statement ")
              .append(reason.statementIndex());
          reason.sid().ifPresent(sid -> out.append(" (").append(sid).append(')'));
          out.append(": ").append(reason.description()).append(where(item, at.pointer()));
        }
        notes(out, prefix, outcome);
        continue;
      }
      out.append(prefix).append(item.file()).append(':').append(start(item)).append(": ");
      if (result instanceof CheckResult.Inconclusive inconclusive) {
        out.append("INCONCLUSIVE ").append(inconclusive.cause());
      } else {
        out.append("PASS");
      }
      out.append(
          where(item, item.embedded().map(EmbeddedPolicy::property).orElse(JsonPointer.ROOT)));
    }
  }

  /** {@code file:line:col: NOTE note (Resource /property)} per note of {@code outcome}. */
  private static void notes(StringBuilder out, String prefix, Outcome outcome) {
    Item item = outcome.item();
    for (String note : outcome.notes()) {
      out.append(prefix)
          .append(item.file())
          .append(':')
          .append(start(item))
          .append(": NOTE ")
          .append(note)
          .append(
              where(item, item.embedded().map(EmbeddedPolicy::property).orElse(JsonPointer.ROOT)));
    }
  }

  /** {@code (Resource /pointer; when Branch)}, or nothing for a policy file. */
  private static String where(Item item, JsonPointer pointer) {
    return item.embedded()
        .map(e -> " (" + e.resource() + " " + pointer + branches(e) + ")")
        .orElse("");
  }

  /**
   * The JSON answer: {@code result}, {@code reasons} (the fields of a policy file's reasons, with
   * {@code column}, {@code file}, {@code resource}, {@code resourceType}, {@code property}, {@code
   * pointer} and {@code branches}), {@code cause} when INCONCLUSIVE, {@code policies} (each
   * policy's own answer) and {@code notAsked}.
   */
  static void write(
      com.fasterxml.jackson.core.JsonGenerator json,
      CheckResult.Outcome overall,
      List<Outcome> outcomes,
      List<String> notAsked)
      throws IOException {
    json.writeStartObject();
    body(json, overall, outcomes);
    JsonOutput.strings(json, "notAsked", notAsked);
    json.writeEndObject();
  }

  /** The fields of {@link #write} but {@code notAsked}, for one direction of a diff too. */
  static void body(
      com.fasterxml.jackson.core.JsonGenerator json,
      CheckResult.Outcome overall,
      List<Outcome> outcomes)
      throws IOException {
    List<Outcome> sorted = sorted(outcomes);
    json.writeStringField("result", overall.name());
    json.writeArrayFieldStart("reasons");
    for (Outcome outcome : sorted) {
      if (outcome.result() instanceof CheckResult.Fail fail) {
        for (Reason reason : fail.reasons()) {
          Item item = outcome.item();
          SourceLocation at = statement(item, reason.statementIndex());
          json.writeStartObject();
          CheckCommand.reasonFields(json, reason);
          json.writeNumberField("column", at.position().column());
          json.writeStringField("file", item.file());
          place(json, item);
          json.writeStringField("pointer", at.pointer().toString());
          json.writeEndObject();
        }
      }
    }
    json.writeEndArray();
    List<String> causes = new ArrayList<>();
    for (Outcome outcome : sorted) {
      if (outcome.result() instanceof CheckResult.Inconclusive inconclusive) {
        causes.add(
            outcome.item().name().equals(outcome.item().file())
                ? inconclusive.cause()
                : outcome.item().name() + ": " + inconclusive.cause());
      }
    }
    if (overall == CheckResult.Outcome.INCONCLUSIVE) {
      json.writeStringField("cause", String.join("; ", causes));
    }
    json.writeArrayFieldStart("policies");
    for (Outcome outcome : sorted) {
      Item item = outcome.item();
      json.writeStartObject();
      json.writeStringField("file", item.file());
      place(json, item);
      json.writeStringField("policyType", item.type().cliName());
      SourcePosition start = start(item);
      json.writeNumberField("line", start.line());
      json.writeNumberField("column", start.column());
      json.writeStringField("result", outcome.result().outcome().name());
      if (outcome.result() instanceof CheckResult.Inconclusive inconclusive) {
        json.writeStringField("cause", inconclusive.cause());
      }
      JsonOutput.strings(json, "unknowns", item.unknowns());
      if (!outcome.notes().isEmpty()) {
        JsonOutput.strings(json, "notes", outcome.notes());
      }
      json.writeEndObject();
    }
    json.writeEndArray();
  }

  /** {@code resource}, {@code resourceType}, {@code property} and {@code branches}, if embedded. */
  private static void place(com.fasterxml.jackson.core.JsonGenerator json, Item item)
      throws IOException {
    if (item.embedded().isPresent()) {
      EmbeddedPolicy where = item.embedded().get();
      json.writeStringField("resource", where.resource());
      json.writeStringField("resourceType", where.resourceType());
      json.writeStringField("property", where.property().toString());
      JsonOutput.strings(json, "branches", where.branches());
    }
  }
}
