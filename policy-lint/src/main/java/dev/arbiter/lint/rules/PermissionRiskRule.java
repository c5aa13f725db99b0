package dev.arbiter.lint.rules;

import static dev.arbiter.lint.FindingType.SECURITY_WARNING;
import static dev.arbiter.lint.FindingType.SUGGESTION;
import static dev.arbiter.lint.FindingType.WARNING;

import dev.arbiter.catalog.AccessLevel;
import dev.arbiter.catalog.ActionInfo;
import dev.arbiter.catalog.ResourceType;
import dev.arbiter.lint.Check;
import dev.arbiter.policy.ActionPattern;
import dev.arbiter.policy.Arn;
import dev.arbiter.policy.Effect;
import dev.arbiter.policy.PolicyType;
import dev.arbiter.policy.ResourcePattern;
import dev.arbiter.policy.Resources;
import dev.arbiter.policy.SourceLocation;
import dev.arbiter.policy.Statement;
import dev.arbiter.policy.value.Glob;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Arbiter's risk checks of identity-based policies, after wildcard and NotAction expansion with the
 * service catalog: privilege escalation (combinations of actions across all statements of the
 * policy), credentials exposure, data exfiltration, resource exposure (permissions management),
 * infrastructure modification (write actions), and {@code "Resource": "*"} on actions that could be
 * limited to specific resources.
 *
 * <p>An action counts only when a statement allows it <em>without constraint</em>: the statement is
 * an Allow, has no Condition (any condition counts as a constraint, since the linter cannot tell
 * which ones matter), and its resources cover every resource the action can act on: {@code "*"},
 * NotResource, or an ARN pattern for every resource of one of the action's types (such as {@code
 * arn:aws:iam::*:role/*}). Deny statements never trigger these checks, and only identity-based
 * policies are checked: other policy types do not grant to an identity of their own (SCPs, RCPs,
 * boundaries and session policies only limit) or grant to principals the policy names, which other
 * checks look at.
 */
final class PermissionRiskRule implements Rule {

  private static final CheckList CHECKS = new CheckList();

  static final Check PRIVILEGE_ESCALATION =
      CHECKS.own(
          "PRIVILEGE_ESCALATION",
          SECURITY_WARNING,
          "The policy allows a known combination of actions that escalates privilege.",
          "Some actions, alone or together, let a principal give itself more permissions: change"
              + " its own policies, create credentials for other users, or pass a more privileged"
              + " role to a service it controls (iam:PassRole with ec2:RunInstances). The"
              + " combinations come from DataDog's pathfinding.cloud and are checked across all"
              + " statements of the policy. Name the resources, or add conditions such as"
              + " iam:PassedToService.");
  static final Check CREDENTIALS_EXPOSURE =
      CHECKS.own(
          "CREDENTIALS_EXPOSURE",
          SECURITY_WARNING,
          "The policy allows actions that return or set credentials, without constraint.",
          "Actions such as iam:CreateAccessKey, iam:UpdateLoginProfile or ec2:GetPasswordData"
              + " create or reveal credentials of other users and resources. On every resource"
              + " they let the principal act as those users. Name the resources, or add"
              + " conditions.");
  static final Check DATA_EXFILTRATION =
      CHECKS.own(
          "DATA_EXFILTRATION",
          SECURITY_WARNING,
          "The policy allows reading stored data or secrets on every resource.",
          "Actions such as s3:GetObject, ssm:GetParameter, secretsmanager:GetSecretValue or"
              + " dynamodb:Scan read data. On every resource they read all of it, including"
              + " secrets the principal has no business with. Name the buckets, parameters,"
              + " secrets or tables, or add conditions.");
  static final Check RESOURCE_EXPOSURE =
      CHECKS.own(
          "RESOURCE_EXPOSURE",
          SECURITY_WARNING,
          "The policy allows permissions-management actions without constraint.",
          "Permissions-management actions (the Service Authorization Reference's access level,"
              + " such as s3:PutBucketPolicy, kms:CreateGrant or iam:AttachRolePolicy) change who"
              + " may access a resource. On every resource they can expose any of them, to other"
              + " accounts or to everyone. Name the resources, or add conditions.");
  static final Check INFRASTRUCTURE_MODIFICATION =
      CHECKS.own(
          "INFRASTRUCTURE_MODIFICATION",
          WARNING,
          "The policy allows write actions on every resource without conditions.",
          "Write actions create, change and delete resources. Allowed on every resource without"
              + " a condition, they can change or delete any resource of the account, not only the"
              + " ones the principal works with. Name the resources, or add conditions. Only"
              + " \"Resource\": \"*\" counts as every resource, and actions without resource-level"
              + " permissions (which only support \"*\") are not counted.");
  static final Check RESOURCE_STAR_ON_RESOURCE_LEVEL_ACTION =
      CHECKS.own(
          "RESOURCE_STAR_ON_RESOURCE_LEVEL_ACTION",
          SUGGESTION,
          "\"Resource\": \"*\" is used for actions that can be limited to specific resources.",
          "The actions support resource-level permissions, so the statement could name the"
              + " resources they need instead of \"*\" (least privilege). Actions that do not"
              + " support it need \"*\" and are best kept in a statement of their own.");

  @Override
  public List<Check> checks() {
    return CHECKS.all();
  }

  /** A statement that allows without condition, with its resources' scope. */
  private static final class Grant {
    final Statement statement;
    final List<ResourcePattern> broad;
    final boolean everything;

    /** For NotResource: the patterns it leaves out; such a grant covers every other resource. */
    final List<ResourcePattern> notResource;

    private @Nullable Coverage coverage;

    Grant(
        Statement statement,
        List<ResourcePattern> broad,
        boolean everything,
        List<ResourcePattern> notResource) {
      this.statement = statement;
      this.broad = broad;
      this.everything = everything;
      this.notResource = notResource;
    }

    List<ResourcePattern> broad() {
      return broad;
    }

    boolean everything() {
      return everything;
    }

    /**
     * The actions the statement's Action or NotAction element covers, each with the element that
     * takes it in, in catalog order for NotAction and {@code *}, pattern order otherwise. Computed
     * once per statement from the cached expansions.
     */
    Coverage coverage(CatalogView view) {
      Coverage result = coverage;
      if (result == null) {
        result = Coverage.of(view, statement);
        coverage = result;
      }
      return result;
    }
  }

  /** Which actions a statement covers and where; {@code all} when it covers every action. */
  private static final class Coverage {
    final List<ActionInfo> actions;
    final @Nullable SourceLocation all;
    final IdentityHashMap<ActionInfo, SourceLocation> where;
    final List<ActionPattern> excluded;

    private Coverage(
        List<ActionInfo> actions,
        @Nullable SourceLocation all,
        IdentityHashMap<ActionInfo, SourceLocation> where,
        List<ActionPattern> excluded) {
      this.actions = actions;
      this.all = all;
      this.where = where;
      this.excluded = excluded;
    }

    static Coverage of(CatalogView view, Statement statement) {
      List<ActionPattern> patterns = patterns(statement);
      if (statement.actions().negated()) {
        return new Coverage(
            view.covered(true, patterns),
            statement.actions().location(),
            new IdentityHashMap<>(),
            patterns);
      }
      for (ActionPattern pattern : patterns) {
        if (pattern.isAll()) {
          return new Coverage(
              view.catalog().actions(), pattern.location(), new IdentityHashMap<>(), List.of());
        }
      }
      IdentityHashMap<ActionInfo, SourceLocation> where = new IdentityHashMap<>();
      List<ActionInfo> actions = new ArrayList<>();
      for (ActionPattern pattern : patterns) {
        for (ActionInfo action : view.expand(pattern.text())) {
          if (where.putIfAbsent(action, pattern.location()) == null) {
            actions.add(action);
          }
        }
      }
      return new Coverage(actions, null, where, List.of());
    }

    /** Where the statement takes in {@code action} (a catalog instance), or null. */
    @Nullable SourceLocation where(ActionInfo action, boolean negated) {
      if (all == null) {
        return where.get(action);
      }
      if (negated) {
        for (ActionPattern pattern : excluded) {
          if (Glob.of(pattern.text().toLowerCase(Locale.ROOT))
              .matches(action.fullName().toLowerCase(Locale.ROOT))) {
            return null;
          }
        }
      }
      return all;
    }
  }

  @Override
  public void check(RuleContext context) {
    Optional<CatalogView> found = context.service(CatalogView.class);
    if (found.isEmpty() || context.type() != PolicyType.IDENTITY) {
      return;
    }
    CatalogView view = found.get();
    List<Grant> grants = new ArrayList<>();
    for (Statement statement : context.policy().statements()) {
      if (statement.effect() != Effect.ALLOW
          || !statement.conditions().isEmpty()
          || statement.resources().isEmpty()) {
        continue;
      }
      Resources resources = statement.resources().get();
      if (resources.negated()) {
        grants.add(new Grant(statement, List.of(), false, resources.patterns()));
        continue;
      }
      List<ResourcePattern> broad = new ArrayList<>();
      boolean everything = false;
      for (ResourcePattern pattern : resources.patterns()) {
        if (pattern.isAll()) {
          everything = true;
        } else if (broad(view, pattern)) {
          broad.add(pattern);
        }
      }
      if (everything || !broad.isEmpty()) {
        grants.add(new Grant(statement, broad, everything, List.of()));
      }
      if (everything) {
        resourceStar(context, view, statement, resources);
      }
    }
    if (grants.isEmpty()) {
      return;
    }
    escalation(context, view, grants);
    for (Grant grant : grants) {
      listed(context, view, grant, RiskData.CREDENTIAL_ACTIONS, CREDENTIALS_EXPOSURE);
      listed(context, view, grant, RiskData.DATA_ACTIONS, DATA_EXFILTRATION);
      leveled(context, view, grant);
    }
  }

  /**
   * Whether a Resource pattern names every resource of some type: an ARN whose resource part is
   * {@code *}, or the literal start of one of the service's ARN formats followed by {@code *}
   * ({@code role/*}, {@code function:*}, {@code table/*}). {@code arn:aws:s3:::my-bucket/*} is not:
   * S3's formats start with the bucket name.
   */
  static boolean broad(CatalogView view, ResourcePattern pattern) {
    Optional<Arn> arn = pattern.arn();
    if (arn.isEmpty()) {
      return false;
    }
    String resource = arn.get().resource();
    if (resource.equals("*")) {
      return true;
    }
    if (!resource.endsWith("*") || resource.length() < 2) {
      return false;
    }
    String start = resource.substring(0, resource.length() - 1);
    char last = start.charAt(start.length() - 1);
    if ((last != '/' && last != ':') || !plain(start) || !plain(arn.get().service())) {
      return false;
    }
    for (CatalogView.TypePrefix type : view.typesOfArnService(arn.get().service())) {
      if (type.resourcePrefix().startsWith(start)) {
        return true;
      }
    }
    return false;
  }

  private static boolean plain(String text) {
    return text.indexOf('*') < 0 && text.indexOf('?') < 0 && !text.contains("${");
  }

  /** Where a grant allows an action, or empty if it does not allow it without constraint. */
  private static Optional<SourceLocation> allows(CatalogView view, Grant grant, ActionInfo action) {
    SourceLocation where = grant.coverage(view).where(action, grant.statement.actions().negated());
    if (where == null) {
      return Optional.empty();
    }
    return reaches(view, grant, action) ? Optional.of(where) : Optional.empty();
  }

  /** Whether a grant's resources cover every resource the action can act on. */
  private static boolean reaches(CatalogView view, Grant grant, ActionInfo action) {
    if (grant.everything()) {
      return true;
    }
    if (grant.statement.resources().orElseThrow().negated()) {
      // NotResource reaches every resource except those it lists; it stops reaching the action
      // only when it leaves out "*" or every resource of one of the action's types.
      for (ResourcePattern excluded : grant.notResource) {
        if (excluded.isAll()) {
          return false;
        }
        if (broad(view, excluded)) {
          for (ResourceType type : view.resourceTypes(action)) {
            if (covers(excluded, type)) {
              return false;
            }
          }
        }
      }
      return true;
    }
    for (ResourceType type : view.resourceTypes(action)) {
      for (ResourcePattern pattern : grant.broad()) {
        if (covers(pattern, type)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether a broad pattern covers every resource of {@code type}. */
  private static boolean covers(ResourcePattern pattern, ResourceType type) {
    Arn arn = pattern.arn().orElseThrow();
    String resource = arn.resource();
    String start = resource.substring(0, resource.length() - 1);
    for (String format : type.arnFormats()) {
      String[] fields = format.split(":", 6);
      if (fields.length != 6 || fields[2].contains("${")) {
        continue;
      }
      if (!Glob.of(arn.service()).matches(fields[2])) {
        continue;
      }
      int placeholder = fields[5].indexOf("${");
      String prefix = placeholder < 0 ? fields[5] : fields[5].substring(0, placeholder);
      if (prefix.startsWith(start)) {
        return true;
      }
    }
    return false;
  }

  private static void escalation(RuleContext context, CatalogView view, List<Grant> grants) {
    Map<String, SourceLocation> granted = new LinkedHashMap<>();
    for (RiskData.Path path : RiskData.PATHS) {
      for (String action : path.actions()) {
        String key = action.toLowerCase(Locale.ROOT);
        if (granted.containsKey(key)) {
          continue;
        }
        Optional<ActionInfo> info = view.catalog().action(action);
        if (info.isEmpty()) {
          continue;
        }
        for (Grant grant : grants) {
          Optional<SourceLocation> where = allows(view, grant, info.get());
          if (where.isPresent()) {
            granted.put(key, where.get());
            break;
          }
        }
      }
    }
    List<RiskData.Path> open = new ArrayList<>();
    for (RiskData.Path path : RiskData.PATHS) {
      if (path.actions().stream().allMatch(a -> granted.containsKey(a.toLowerCase(Locale.ROOT)))) {
        open.add(path);
      }
    }
    // Keep the smallest paths: one that needs more actions than an open one adds nothing.
    List<RiskData.Path> minimal = new ArrayList<>();
    for (int i = 0; i < open.size(); i++) {
      Set<String> needs = lower(open.get(i).actions());
      boolean smaller = false;
      for (int j = 0; j < open.size(); j++) {
        RiskData.Path other = open.get(j);
        smaller |=
            j != i
                && other.actions().size() < needs.size()
                && needs.containsAll(lower(other.actions()));
      }
      if (!smaller) {
        minimal.add(open.get(i));
      }
    }
    // One finding per place that grants a path's first action (often iam:PassRole).
    Map<String, Place> places = new LinkedHashMap<>();
    for (RiskData.Path path : minimal) {
      SourceLocation where =
          Objects.requireNonNull(granted.get(path.actions().get(0).toLowerCase(Locale.ROOT)));
      places
          .computeIfAbsent(where.pointer().toString(), k -> new Place(where, new ArrayList<>()))
          .paths()
          .add(path);
    }
    for (Place place : places.values()) {
      List<String> shown = new ArrayList<>();
      for (RiskData.Path path : place.paths()) {
        if (shown.size() == 4) {
          break;
        }
        shown.add(String.join(" + ", path.actions()) + " (pathfinding.cloud " + path.id() + ")");
      }
      int more = place.paths().size() - shown.size();
      context.report(
          PRIVILEGE_ESCALATION,
          place.where(),
          "allows privilege escalation without constraint: "
              + String.join("; ", shown)
              + (more > 0 ? "; and " + more + " more" : "")
              + "; name the resources or add conditions (such as iam:PassedToService)");
    }
  }

  /** Where privilege-escalation paths start, and which. */
  private record Place(SourceLocation where, List<RiskData.Path> paths) {}

  private static Set<String> lower(List<String> actions) {
    Set<String> out = new LinkedHashSet<>();
    for (String action : actions) {
      out.add(action.toLowerCase(Locale.ROOT));
    }
    return out;
  }

  private static void listed(
      RuleContext context, CatalogView view, Grant grant, List<String> list, Check check) {
    Set<String> actions = new LinkedHashSet<>();
    SourceLocation first = null;
    for (String name : list) {
      Optional<ActionInfo> info = view.catalog().action(name);
      if (info.isEmpty()) {
        continue;
      }
      Optional<SourceLocation> where = allows(view, grant, info.get());
      if (where.isPresent()) {
        actions.add(info.get().fullName());
        if (first == null) {
          first = where.get();
        }
      }
    }
    if (first != null) {
      report(context, check, first, actions);
    }
  }

  /**
   * Reports the statement's permissions-management actions (RESOURCE_EXPOSURE) and write actions
   * (INFRASTRUCTURE_MODIFICATION) that it allows without constraint, in one pass over what it
   * covers; only the first few names are kept for the message.
   */
  private static void leveled(RuleContext context, CatalogView view, Grant grant) {
    Coverage coverage = grant.coverage(view);
    boolean negated = grant.statement.actions().negated();
    Found exposure = new Found();
    Found modification = new Found();
    for (ActionInfo action : coverage.actions) {
      AccessLevel level = action.accessLevel();
      Found found;
      if (level == AccessLevel.PERMISSIONS_MANAGEMENT) {
        found = exposure;
      } else if (level == AccessLevel.WRITE
          && grant.everything()
          && !action.requiresWildcardResource()
          && !view.resourceTypes(action).isEmpty()) {
        // Only "Resource": "*" is every resource: table/* or arn:aws:logs:*:*:* names a kind of
        // resource, and an action without resource-level permissions has no narrower grant.
        found = modification;
      } else {
        continue;
      }
      if (readVerb(action.name()) || !reaches(view, grant, action)) {
        continue;
      }
      if (found.add(action)) {
        found.where = coverage.where(action, negated);
      }
    }
    exposure.report(context, RESOURCE_EXPOSURE);
    modification.report(context, INFRASTRUCTURE_MODIFICATION);
  }

  /** Actions found for one check: how many, the first few names, where the first is allowed. */
  private static final class Found {
    final Set<String> names = new LinkedHashSet<>();
    int count;
    @Nullable SourceLocation where;

    /** Counts an action; whether it is the first. */
    boolean add(ActionInfo action) {
      count++;
      if (names.size() < 5) {
        names.add(action.fullName());
      }
      return count == 1;
    }

    void report(RuleContext context, Check check) {
      if (where != null) {
        PermissionRiskRule.report(context, check, where, names, count);
      }
    }
  }

  /**
   * Whether an action's name starts with a verb that reads: the reference files some actions that
   * only read under Write or Permissions management (billing:GetResourcePolicy,
   * athena:GetSessionEndpoint, iot:ListSubscriptions); they change nothing, so they are not
   * reported as modifying or exposing resources.
   */
  static boolean readVerb(String name) {
    for (String verb : READ_VERBS) {
      if (name.startsWith(verb)
          && name.length() > verb.length()
          && Character.isUpperCase(name.charAt(verb.length()))) {
        return true;
      }
    }
    return false;
  }

  private static final List<String> READ_VERBS =
      List.of("Get", "List", "Describe", "Search", "View", "BatchGet");

  private static List<ActionPattern> patterns(Statement statement) {
    List<ActionPattern> out = new ArrayList<>();
    for (ActionPattern pattern : statement.actions().patterns()) {
      if (pattern.isWellFormed()) {
        out.add(pattern);
      }
    }
    return out;
  }

  private static void report(
      RuleContext context, Check check, SourceLocation where, Set<String> actions) {
    report(context, check, where, actions, actions.size());
  }

  private static void report(
      RuleContext context, Check check, SourceLocation where, Set<String> actions, int count) {
    String what =
        switch (check.code()) {
          case "CREDENTIALS_EXPOSURE" -> "actions that create or reveal credentials";
          case "DATA_EXFILTRATION" -> "actions that read stored data or secrets";
          case "RESOURCE_EXPOSURE" -> "permissions-management actions";
          default -> "write actions";
        };
    context.report(
        check,
        where,
        "allows "
            + what
            + " on every resource without conditions: "
            + ConditionKeyActionSupportRule.list(actions)
            + (count > actions.size() ? " and " + (count - actions.size()) + " more" : "")
            + "; name the resources or add conditions");
  }

  /**
   * Reports {@code "*"} in Resource for the statement's literal actions that support resource-level
   * permissions. Wildcard actions are left to the other checks: they usually mix actions with and
   * without resource types.
   */
  private static void resourceStar(
      RuleContext context, CatalogView view, Statement statement, Resources resources) {
    if (statement.actions().negated()) {
      return;
    }
    Set<String> restrictable = new LinkedHashSet<>();
    for (ActionPattern pattern : statement.actions().patterns()) {
      if (pattern.hasWildcard() || !pattern.isWellFormed()) {
        continue;
      }
      view.catalog()
          .action(pattern.text())
          .filter(a -> !a.requiresWildcardResource())
          .ifPresent(a -> restrictable.add(a.fullName()));
    }
    if (restrictable.isEmpty()) {
      return;
    }
    ResourcePattern star =
        resources.patterns().stream().filter(ResourcePattern::isAll).findFirst().orElseThrow();
    context.report(
        RESOURCE_STAR_ON_RESOURCE_LEVEL_ACTION,
        star.location(),
        "\"Resource\": \"*\" is used for "
            + ConditionKeyActionSupportRule.list(restrictable)
            + ", which "
            + (restrictable.size() == 1 ? "supports" : "support")
            + " resource-level permissions; name the resources "
            + (restrictable.size() == 1 ? "it needs" : "they need"));
  }
}
