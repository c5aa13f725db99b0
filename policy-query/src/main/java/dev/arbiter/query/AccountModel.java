package dev.arbiter.query;

import dev.arbiter.account.AccountSnapshot;
import dev.arbiter.account.Organization;
import dev.arbiter.account.ResourcePolicies;
import dev.arbiter.account.VpcEndpointPolicy;
import dev.arbiter.catalog.ActionInfo;
import dev.arbiter.catalog.ActionResource;
import dev.arbiter.catalog.Catalog;
import dev.arbiter.catalog.ResourceType;
import dev.arbiter.eval.Decision;
import dev.arbiter.eval.Evaluator;
import dev.arbiter.eval.Explanation;
import dev.arbiter.eval.NamedPolicy;
import dev.arbiter.eval.PolicySet;
import dev.arbiter.eval.Request;
import dev.arbiter.eval.RequestContext;
import dev.arbiter.eval.StatementRef;
import dev.arbiter.policy.Condition;
import dev.arbiter.policy.Effect;
import dev.arbiter.policy.Policy;
import dev.arbiter.policy.PolicyType;
import dev.arbiter.policy.ResourcePattern;
import dev.arbiter.policy.Resources;
import dev.arbiter.policy.Statement;
import dev.arbiter.policy.Template;
import dev.arbiter.policy.value.Glob;
import dev.arbiter.reason.Conditions;
import dev.arbiter.reason.Reasoner;
import dev.arbiter.reason.ResourceSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Loaded accounts, organization and resource policies, and the three questions over them. Build it
 * once and ask many times, from any number of threads:
 *
 * <pre>{@code
 * AccountModel model = AccountModel.builder()
 *     .account(AccountSnapshot.load(Path.of("gaad.json")))
 *     .organization(Organization.load(Path.of("org.json")))       // optional
 *     .resourcePolicies(ResourcePolicies.load(Path.of("policies"))) // optional
 *     .build();
 * Answer.Can answer = model.can("user/alice", "s3:GetObject", "arn:aws:s3:::reports/q1.csv", Map.of());
 * System.out.println(answer.decision() + " " + answer.dependsOn());
 * }</pre>
 *
 * <p>For each question it assembles what AWS would consult: the principal's identity policies
 * (inline, attached, and its groups'), its permissions boundary, the SCPs of its account, the
 * resource's policy (a role's trust policy for {@code sts:AssumeRole*}) and the RCPs of the
 * resource's account; and it fills in the context keys AWS fills from the principal ({@code
 * aws:PrincipalArn}, {@code aws:PrincipalAccount}, {@code aws:username}, {@code aws:userid}, {@code
 * aws:PrincipalType}, {@code aws:PrincipalTag/*}, {@code aws:PrincipalOrgID}, {@code
 * aws:PrincipalOrgPaths}, {@code aws:CurrentTime}, {@code aws:EpochTime}). Keys that describe the
 * request ({@code aws:SourceIp}, {@code aws:SecureTransport}, MFA, request tags) come only from the
 * question; where the decision depends on one the question did not give, the answer says so.
 */
public final class AccountModel {
  /**
   * The budget of one question's conditions on missing context keys ({@link #dependency}): a {@code
   * who can} over hundreds of principals asks the reasoner for each principal whose decision may
   * turn on them.
   */
  static final Duration CONDITIONS_BUDGET = Duration.ofSeconds(2);

  private static final Reasoner REASONER = Reasoner.create().withBudget(CONDITIONS_BUDGET, 50_000);

  private final Catalog catalog;
  private final Principals principals;
  private final PolicyAssembler assembler;
  private final PrincipalContext principalContext;
  private final CandidateResources candidateResources;
  private final List<AccountSnapshot> accounts;
  private final Optional<Organization> organization;
  private final ResourcePolicies resources;

  /** Past this many splits kept, {@link #split} starts again: a bound on memory. */
  private static final int MAX_SPLITS = 4096;

  private final Map<List<Object>, ResourceRegions.Split> splits = new ConcurrentHashMap<>();
  private final Map<Boolean, List<ResourceSet>> sharedSplitters = new ConcurrentHashMap<>();

  private AccountModel(Builder builder) {
    List<AccountSnapshot> accounts = List.copyOf(builder.accounts);
    Optional<Organization> organization = Optional.ofNullable(builder.organization);
    this.catalog = builder.catalog;
    this.accounts = accounts;
    this.organization = organization;
    this.resources = builder.resources;
    this.principals = new Principals(accounts);
    this.assembler =
        new PolicyAssembler(
            accounts,
            organization,
            builder.resources,
            Optional.ofNullable(builder.endpoint),
            builder.restrictPublicBuckets);
    this.principalContext = new PrincipalContext(organization, catalog, builder.clock);
    this.candidateResources =
        new CandidateResources(accounts, builder.resources, assembler, principalContext);
  }

  /** A builder; add at least one account. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Answers a parsed question.
   *
   * @throws QueryException if the principal, action or service cannot be resolved
   */
  public Answer ask(Query query) {
    return query.<Answer>match(
        can -> can(can.principal(), can.action(), can.resource(), can.context()),
        who -> whoCan(who.action(), who.resource(), who.context()),
        what -> whatCan(what.principal(), what.resource(), what.service(), what.context()));
  }

  /**
   * Can {@code principal} do {@code action} on {@code resource}?
   *
   * @param principal an ARN, {@code user/NAME}, {@code role/NAME} or {@code role/NAME/SESSION}
   * @param context request context values (one value, or several for a multivalued key)
   * @throws QueryException if the principal or action cannot be resolved (an action the AWS service
   *     catalog does not know is refused, with the closest known one)
   */
  public Answer.Can can(
      String principal, String action, String resource, Map<String, List<String>> context) {
    AccountPrincipal caller = principals.resolve(principal);
    requireKnownAction(action);
    Asked asked = ask(caller, action, resource, context);
    Explanation explanation = asked.evaluator.explain(asked.request);
    List<ContextDependency> dependsOn =
        dependency(asked, explanation.decision()).map(List::of).orElse(List.of());
    return new Answer.Can(caller, action, resource, explanation, dependsOn, asked.warnings);
  }

  /**
   * Every policy AWS consults for {@code principal} on resources of one account: its identity
   * policies (inline, attached, and its groups'), permissions boundary, the SCPs of its account,
   * the RCPs of the resource account, the endpoint policy, and the policy of {@code resource} (a
   * role's trust policy for a role ARN) when given and loaded. For a check over every request
   * (docs/reasoning.md, "Policy sets"); the context keys AWS fills from the principal are not fixed
   * there.
   *
   * @param principal an ARN, {@code user/NAME}, {@code role/NAME} or {@code role/NAME/SESSION}
   * @param resource the resource whose policy takes part, if any; it fixes the resource account
   * @param resourceAccount the account that owns the resources, if not the caller's (or, with
   *     {@code resource}, the account the snapshots say owns it)
   * @throws QueryException if the principal cannot be resolved, or {@code resourceAccount} is not
   *     the owner of {@code resource}
   */
  public CallerPolicies policies(
      String principal, Optional<String> resource, Optional<String> resourceAccount) {
    return assembler.callerPolicies(principals.resolve(principal), resource, resourceAccount);
  }

  /**
   * Who of the loaded accounts' users and roles can do {@code action} on {@code resource}? A
   * resource with wildcards ({@code *}, {@code arn:aws:iam::*:role/*}) stands for <em>some</em>
   * resource matching it: a principal is listed when it is allowed on at least one, with the
   * resources through which it is (docs/reasoning.md, "Quantified queries"). Where that cannot be
   * decided exactly, the principal is listed under {@link Answer.WhoCan#possibly()}, never left
   * out. An action with wildcards ({@code s3:Get*}, {@code *}) likewise stands for some action of
   * the AWS service catalog matching it: a principal is listed when it is allowed one, with the
   * actions and Action patterns through which it is.
   *
   * @throws QueryException if the action cannot be read or the AWS service catalog does not know it
   *     (for a pattern: knows no action matching it)
   */
  public Answer.WhoCan whoCan(String action, String resource, Map<String, List<String>> context) {
    if (Glob.hasWildcard(action)) {
      return whoCanSomeAction(action, resource, context);
    }
    requireKnownAction(action);
    List<Answer.Grant> allowed = new ArrayList<>();
    List<Answer.Grant> conditional = new ArrayList<>();
    List<Answer.Possibly> possibly = new ArrayList<>();
    Set<String> warnings = new LinkedHashSet<>();
    List<AccountPrincipal> everyone = principals.all();
    for (AccountPrincipal caller : everyone) {
      oneAction(caller, action, resource, context, allowed, conditional, possibly, warnings);
    }
    return new Answer.WhoCan(
        action, resource, allowed, conditional, possibly, everyone.size(), List.copyOf(warnings));
  }

  /**
   * {@link #whoCan} for an action pattern: the catalog's actions matching it are split into classes
   * that every policy consulted decides alike ({@link ActionClasses}), and one action of each class
   * is asked about, so that every "allowed" is a concrete request and "not allowed" holds for every
   * matching action of the catalog. A principal gets one grant per way in: the Action patterns and
   * Resource patterns it is granted through.
   */
  private Answer.WhoCan whoCanSomeAction(
      String pattern, String resource, Map<String, List<String>> context) {
    Glob glob = Glob.of(pattern.toLowerCase(Locale.ROOT));
    List<ActionInfo> matching =
        catalog.actions().stream()
            .filter(a -> glob.matches(a.fullName().toLowerCase(Locale.ROOT)))
            .toList();
    if (matching.isEmpty()) {
      throw new QueryException("no action of the bundled AWS service catalog matches " + pattern);
    }
    List<Answer.Grant> allowed = new ArrayList<>();
    List<Answer.Grant> conditional = new ArrayList<>();
    List<Answer.Possibly> possibly = new ArrayList<>();
    Set<String> warnings = new LinkedHashSet<>();
    List<AccountPrincipal> everyone = principals.all();
    for (AccountPrincipal caller : everyone) {
      Asked base = ask(caller, matching.get(0).fullName(), resource, context);
      // Every policy that may decide some action: a trust action brings in the trust policies.
      List<Policy> policies = consulted(base.evaluator.policies(), "sts:assumerole");
      List<Answer.Grant> granted = new ArrayList<>();
      Answer.Possibly firstPossibly = null;
      Answer.Grant firstConditional = null;
      for (ActionClasses.ActionClass one : ActionClasses.split(matching, policies)) {
        List<Answer.Grant> oneAllowed = new ArrayList<>();
        List<Answer.Grant> oneConditional = new ArrayList<>();
        List<Answer.Possibly> onePossibly = new ArrayList<>();
        oneAction(
            caller,
            one.example(),
            resource,
            context,
            oneAllowed,
            oneConditional,
            onePossibly,
            warnings);
        for (Answer.Grant grant : oneAllowed) {
          Answer.Grant through = grant.withActionsThrough(actionsThrough(grant));
          boolean known =
              granted.stream()
                  .anyMatch(
                      g ->
                          g.actionsThrough().equals(through.actionsThrough())
                              && g.through().equals(through.through()));
          if (!known) {
            granted.add(through);
          }
        }
        if (firstPossibly == null && !onePossibly.isEmpty()) {
          firstPossibly = onePossibly.get(0);
        }
        if (firstConditional == null && !oneConditional.isEmpty()) {
          firstConditional = oneConditional.get(0);
        }
      }
      if (!granted.isEmpty()) {
        allowed.addAll(granted);
      } else if (firstPossibly != null) {
        possibly.add(firstPossibly);
      } else if (firstConditional != null) {
        conditional.add(firstConditional);
      }
    }
    return new Answer.WhoCan(
        pattern, resource, allowed, conditional, possibly, everyone.size(), List.copyOf(warnings));
  }

  /** The Action patterns of the grant's granting statements that match its action, as written. */
  private static List<String> actionsThrough(Answer.Grant grant) {
    String actionLower = grant.action().toLowerCase(Locale.ROOT);
    Set<String> out = new LinkedHashSet<>();
    for (StatementRef ref : grant.how()) {
      if (ref.statement().actions().negated()) {
        continue;
      }
      ref.statement().actions().patterns().stream()
          .filter(p -> Glob.of(p.text().toLowerCase(Locale.ROOT)).matches(actionLower))
          .forEach(p -> out.add(p.text()));
    }
    return List.copyOf(out);
  }

  /** Whether {@code caller} may do {@code action} on {@code resource} (or some resource). */
  private void oneAction(
      AccountPrincipal caller,
      String action,
      String resource,
      Map<String, List<String>> context,
      List<Answer.Grant> allowed,
      List<Answer.Grant> conditional,
      List<Answer.Possibly> possibly,
      Set<String> warnings) {
    if (Glob.hasWildcard(resource)) {
      someResource(caller, action, resource, context, allowed, conditional, possibly, warnings);
      return;
    }
    Asked asked = ask(caller, action, resource, context);
    Decision decision = asked.evaluator.evaluate(asked.request);
    if (decision.isAllowed()) {
      // Explained only when listed: most principals of a who can are not.
      Explanation explanation = asked.evaluator.explain(asked.request);
      allowed.add(
          new Answer.Grant(
              caller,
              action,
              resource,
              decision,
              granting(explanation),
              dependency(asked, decision).map(List::of).orElse(List.of()),
              List.of(),
              explanation.decisive()));
      warnings.addAll(asked.warnings);
      return;
    }
    Optional<ContextDependency> dependsOn = dependency(asked, decision);
    if (dependsOn.isEmpty()) {
      return;
    }
    if (dependsOn.get().decided()) {
      conditional.add(
          new Answer.Grant(
              caller, action, resource, decision, List.of(), List.of(dependsOn.get())));
    } else {
      possibly.add(new Answer.Possibly(caller, undecided(dependsOn.get())));
    }
    warnings.addAll(asked.warnings);
  }

  /** Why a principal denied as asked may be allowed with context the reasoner did not decide. */
  private static String undecided(ContextDependency dependency) {
    return dependency.toString().strip();
  }

  /**
   * Whether {@code caller} may do {@code action} on some resource matching {@code pattern}: one
   * request per region of {@link ResourceRegions}, each decided by the evaluator, so that every
   * "allowed" is a concrete request and "not allowed" holds for every matching resource.
   */
  private void someResource(
      AccountPrincipal caller,
      String action,
      String pattern,
      Map<String, List<String>> context,
      List<Answer.Grant> allowed,
      List<Answer.Grant> conditional,
      List<Answer.Possibly> possibly,
      Set<String> warnings) {
    String actionLower = action.toLowerCase(Locale.ROOT);
    Asked asked = ask(caller, action, pattern, context);
    RequestContext requestContext = asked.request.context();
    ResourceRegions regions = new ResourceRegions();
    List<Policy> consulted = consulted(asked.evaluator.policies(), actionLower);
    consulted.forEach(p -> regions.policy(p, actionLower, requestContext));
    boolean trust = isTrustAction(actionLower);
    regions.splitOn(splitters(trust), trust ? SharedSplitters.TRUST : SharedSplitters.OTHER);
    ResourceRegions.Split split = split(regions, pattern);
    List<Answer.Grant> granted = new ArrayList<>();
    Answer.Grant firstConditional = null;
    Answer.Possibly firstUndecided = null;
    for (ResourceRegions.Region region : split.regions()) {
      Asked one = ask(caller, action, region.example(), context);
      Explanation explanation = one.evaluator.explain(one.request);
      if (explanation.decision().isAllowed()) {
        List<StatementRef> how = granting(explanation);
        List<String> through = through(how, region.example(), one.request.context());
        if (granted.stream().anyMatch(g -> g.through().equals(through))) {
          continue; // one example per way in: the patterns it is granted through
        }
        granted.add(
            new Answer.Grant(
                caller,
                action,
                region.example(),
                Decision.ALLOWED,
                how,
                dependency(one, Decision.ALLOWED).map(List::of).orElse(List.of()),
                through,
                explanation.decisive()));
        warnings.addAll(one.warnings);
      } else if (firstConditional == null) {
        Optional<ContextDependency> dependsOn = dependency(one, explanation.decision());
        if (dependsOn.isPresent() && dependsOn.get().decided()) {
          firstConditional =
              new Answer.Grant(
                  caller,
                  action,
                  region.example(),
                  explanation.decision(),
                  List.of(),
                  List.of(dependsOn.get()));
          warnings.addAll(one.warnings);
        } else if (dependsOn.isPresent() && firstUndecided == null) {
          firstUndecided =
              new Answer.Possibly(
                  caller, "on " + region.example() + ": " + undecided(dependsOn.get()));
          warnings.addAll(one.warnings);
        }
      }
    }
    if (!granted.isEmpty()) {
      allowed.addAll(granted);
    } else if (!split.exact() && mayGrant(consulted, actionLower, pattern, requestContext)) {
      possibly.add(
          new Answer.Possibly(
              caller,
              "the resources matching "
                  + pattern
                  + " fall into more than "
                  + ResourceRegions.MAX_REGIONS
                  + " cases for its policies; none of those tried is allowed, the rest were not"
                  + " decided"));
    } else if (firstConditional != null) {
      conditional.add(firstConditional);
    } else if (firstUndecided != null) {
      possibly.add(firstUndecided);
    }
  }

  /**
   * Every policy whose Resource patterns may decide a request of the caller for the action on some
   * resource: those of the assembled set, every loaded resource policy, the trust policies of the
   * loaded roles (for a trust action), and the RCPs of every account known.
   */
  private List<Policy> consulted(PolicySet set, String actionLower) {
    List<Policy> out = new ArrayList<>();
    set.identityPolicies().forEach(p -> out.add(p.policy()));
    set.permissionsBoundaries().forEach(p -> out.add(p.policy()));
    set.sessionPolicies().forEach(p -> out.add(p.policy()));
    set.serviceControlPolicies().forEach(level -> level.forEach(p -> out.add(p.policy())));
    set.vpcEndpointPolicy().ifPresent(p -> out.add(p.policy()));
    resources.all().values().forEach(p -> out.add(p.policy()));
    if (isTrustAction(actionLower)) {
      accounts.forEach(a -> a.roles().forEach(r -> out.add(r.trustPolicy())));
    }
    if (organization.isPresent()) {
      for (String account : knownAccounts()) {
        organization
            .get()
            .resourceControlPolicies(account)
            .forEach(level -> level.forEach(p -> out.add(p.policy())));
      }
    }
    return out;
  }

  /**
   * The split of {@code pattern} by the regions' splitters, computed once per distinct list of
   * splitters: principals whose policies give the same Resource patterns for the action (most of
   * them, in an account where few statements name the action) share it. The split does not depend
   * on who asks, only on the sets, so the answers are those of a fresh split.
   */
  private ResourceRegions.Split split(ResourceRegions regions, String pattern) {
    List<Object> key = regions.key(pattern);
    ResourceRegions.Split known = splits.get(key);
    if (known != null) {
      return known;
    }
    ResourceRegions.Split split = regions.split(pattern);
    if (splits.size() >= MAX_SPLITS) {
      splits.clear(); // a bound, not a policy: a cleared entry is computed again
    }
    splits.putIfAbsent(key, split);
    return split;
  }

  /** The splitters of {@link #splitters(boolean)}, as a key of {@link #split}. */
  private enum SharedSplitters {
    TRUST,
    OTHER
  }

  /** {@link #computeSplitters} for a trust action or another, computed once. */
  private List<ResourceSet> splitters(boolean trust) {
    return sharedSplitters.computeIfAbsent(trust, this::computeSplitters);
  }

  /**
   * The resource sets besides policy patterns on which the decision may turn: each governed
   * resource (and a bucket's objects, a function's qualifiers), each role (for a trust action), the
   * role and key ARNs the evaluator treats specially (docs/semantics.md §9.5), the resource {@code
   * *} (§12.16) and each known account, plus ARNs of any other account.
   */
  private List<ResourceSet> computeSplitters(boolean trust) {
    List<ResourceSet> out = new ArrayList<>();
    for (String arn : resources.all().keySet()) {
      out.add(ResourceSet.literal(arn));
      Template.Wildcard star = new Template.Wildcard('*');
      out.add(ResourceSet.matching(new Template(List.of(new Template.Literal(arn + "/"), star))));
      out.add(ResourceSet.matching(new Template(List.of(new Template.Literal(arn + ":"), star))));
      out.add(
          ResourceSet.matching(
              new Template(
                  List.of(
                      new Template.Literal(arn + ":"), star, new Template.Literal(":"), star))));
    }
    if (trust) {
      accounts.forEach(a -> a.roles().forEach(r -> out.add(ResourceSet.literal(r.arn()))));
    }
    out.add(ResourceSet.arnLike(Template.withoutVariables("arn:*:iam:*:*:role/*")));
    out.add(ResourceSet.arnLike(Template.withoutVariables("arn:*:kms:*:*:key/*")));
    out.add(ResourceSet.literal("*"));
    for (String account : knownAccounts()) {
      out.add(ResourceSet.arnLike(Template.withoutVariables("arn:*:*:*:" + account + ":*")));
    }
    out.add(ResourceSet.arnsWithAccountId());
    return List.copyOf(out);
  }

  /** The accounts loaded, those owning a loaded resource policy, and the organization's. */
  private Set<String> knownAccounts() {
    Set<String> out = new java.util.TreeSet<>();
    accounts.forEach(a -> out.addAll(a.accountIds()));
    resources.all().keySet().forEach(arn -> resources.ownerOf(arn).ifPresent(out::add));
    organization.ifPresent(o -> out.addAll(o.accountIds()));
    out.removeIf(a -> !a.matches("\\d{12}"));
    return out;
  }

  private static boolean isTrustAction(String actionLower) {
    return actionLower.startsWith("sts:assumerole")
        || actionLower.equals("sts:tagsession")
        || actionLower.equals("sts:setsourceidentity");
  }

  /**
   * Whether some Allow statement of the policies may apply to the action on a resource matching the
   * pattern: when none does, no resource matching it is allowed, whatever the split.
   */
  private static boolean mayGrant(
      List<Policy> policies, String actionLower, String pattern, RequestContext context) {
    ResourceSet asked = ResourceSet.matching(Template.withoutVariables(pattern));
    for (Policy policy : policies) {
      for (Statement statement : policy.statements()) {
        if (statement.effect() != Effect.ALLOW
            || !ResourceRegions.mayApply(statement, actionLower)) {
          continue;
        }
        if (statement.resources().isEmpty() || statement.resources().get().negated()) {
          return true;
        }
        for (ResourcePattern p : statement.resources().get().patterns()) {
          Optional<Template> resolved = ResourceRegions.substitute(p.template(), context);
          if (resolved.isPresent() && ResourceSet.matching(resolved.get()).meets(asked)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** The Resource patterns of the granting statements that hold the resource, as written. */
  private static List<String> through(
      List<StatementRef> how, String resource, RequestContext context) {
    Set<String> out = new LinkedHashSet<>();
    for (StatementRef ref : how) {
      Optional<Resources> element = ref.statement().resources();
      if (element.isEmpty() || element.get().negated()) {
        continue;
      }
      for (ResourcePattern p : element.get().patterns()) {
        Optional<Template> resolved = ResourceRegions.substitute(p.template(), context);
        if (resolved.isPresent() && ResourceSet.matching(resolved.get()).contains(resource)) {
          out.add(p.text());
        }
      }
    }
    return List.copyOf(out);
  }

  /**
   * What can {@code principal} do, on {@code resource} if given (otherwise on any resource its
   * policies name), in {@code service} if given? Actions come from the AWS service catalog. With a
   * resource other than {@code *}, only the actions whose catalog resource types fit it are asked
   * about (an S3 object ARN is asked about s3:GetObject, not ec2:DescribeInstances); actions that
   * support only {@code "Resource": "*"} are asked about only for {@code *}. A resource no catalog
   * type fits is asked about every action, with a warning.
   *
   * @throws QueryException if the principal or service cannot be resolved
   */
  public Answer.WhatCan whatCan(
      String principal,
      Optional<String> resource,
      Optional<String> service,
      Map<String, List<String>> context) {
    AccountPrincipal caller = principals.resolve(principal);
    List<ActionInfo> actions;
    if (service.isPresent()) {
      actions =
          catalog
              .service(service.get())
              .orElseThrow(
                  () ->
                      new QueryException(
                          "unknown service "
                              + service.get()
                              + catalog
                                  .suggestService(service.get())
                                  .map(s -> "; did you mean " + s + "?")
                                  .orElse("")))
              .actions();
    } else {
      actions = catalog.actions();
    }
    Map<String, List<String>> candidates =
        resource.isPresent() ? Map.of() : candidateResources.byService(caller, context);
    List<Answer.ActionGrant> allowed = new ArrayList<>();
    Set<String> warnings = new LinkedHashSet<>();
    if (resource.isPresent() && !resource.get().equals("*")) {
      List<ResourceType> types = catalog.matchingResourceTypes(resource.get());
      if (types.isEmpty()) {
        warnings.add(
            "no resource type of the AWS service catalog fits "
                + resource.get()
                + "; every action was tried on it");
      } else {
        actions = actions.stream().filter(a -> actsOn(a, types)).toList();
      }
    }
    for (ActionInfo action : actions) {
      List<String> tried =
          resource
              .map(List::of)
              .orElseGet(() -> candidates.getOrDefault(action.service(), List.of("*")));
      for (String target : tried) {
        Asked asked = ask(caller, action.fullName(), target, context);
        if (asked.evaluator.evaluate(asked.request).isAllowed()) {
          Explanation explanation = asked.evaluator.explain(asked.request);
          allowed.add(
              new Answer.ActionGrant(
                  action.service(),
                  action.fullName(),
                  action.accessLevel(),
                  new Answer.Grant(
                      caller,
                      action.fullName(),
                      target,
                      Decision.ALLOWED,
                      granting(explanation),
                      List.of(),
                      List.of(),
                      explanation.decisive())));
          warnings.addAll(asked.warnings);
          break;
        }
      }
    }
    if (caller.role().isPresent()
        && caller.sessionName().orElse("").equals(AccountPrincipal.DEFAULT_SESSION)) {
      warnings.add("evaluated as a session of the role named " + AccountPrincipal.DEFAULT_SESSION);
    }
    return new Answer.WhatCan(caller, allowed, actions.size(), List.copyOf(warnings));
  }

  /**
   * Whether the catalog lists one of the types among the action's resource types. An action with no
   * resource type supports only {@code "Resource": "*"} (Service Authorization Reference): it does
   * not act on a particular resource, so it fits only the question about {@code *}.
   */
  private static boolean actsOn(ActionInfo action, List<ResourceType> types) {
    for (ActionResource listed : action.resourceTypes()) {
      for (ResourceType type : types) {
        if (type.service().equalsIgnoreCase(action.service())
            && type.name().equalsIgnoreCase(listed.name())) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * The statements that grant: identity and resource (or trust) policy allows. SCPs, RCPs,
   * boundaries and session policies only let a grant through, so they are not "how".
   */
  private static List<StatementRef> granting(Explanation explanation) {
    return explanation.decisive().stream()
        .filter(
            ref ->
                ref.policyType() == PolicyType.IDENTITY
                    || ref.policyType() == PolicyType.RESOURCE
                    || ref.policyType() == PolicyType.TRUST)
        .toList();
  }

  /** Everything one evaluation needs. */
  private record Asked(Evaluator evaluator, Request request, List<String> warnings) {}

  /**
   * Refuses an action the catalog does not know, as {@link #whatCan} refuses a service: a typo such
   * as {@code s3:GetObjct} would otherwise be answered "nobody", which reads as a fact.
   */
  private void requireKnownAction(String action) {
    int colon = action.indexOf(':');
    if (colon < 0 || action.indexOf('*') >= 0 || action.indexOf('?') >= 0) {
      return; // not a service:Action name; the request builder says what is wrong with it
    }
    if (catalog.action(action).isPresent()) {
      return;
    }
    String prefix = action.substring(0, colon);
    String hint =
        catalog
            .suggestAction(action)
            .or(
                () ->
                    catalog.service(prefix).isEmpty()
                        ? catalog.suggestService(prefix)
                        : Optional.empty())
            .map(s -> "; did you mean " + s + "?")
            .orElse("");
    String what = catalog.service(prefix).isPresent() ? "unknown action " : "unknown service in ";
    throw new QueryException(
        what + action + hint + " (the bundled AWS service catalog does not list it)");
  }

  private Asked ask(
      AccountPrincipal caller, String action, String resource, Map<String, List<String>> given) {
    PolicyAssembler.Assembled assembled = assembler.assemble(caller, action, resource);
    RequestContext context = principalContext.fill(caller, given);
    Request request;
    try {
      request =
          Request.builder()
              .principal(caller.arn())
              .action(action)
              .resource(resource)
              .resourceAccount(assembled.resourceAccount())
              .context(context)
              .build();
    } catch (IllegalArgumentException e) {
      throw new QueryException(e.getMessage() == null ? "invalid request" : e.getMessage());
    }
    return new Asked(assembled.evaluator(), request, assembled.warnings());
  }

  /**
   * How the decision depends on context keys the question did not give: the reasoner's exact
   * conditions on them ({@link Reasoner#conditions}), or empty when it does not depend on them. The
   * reasoner is asked only when a statement of the assembled set that may apply to the action reads
   * a key the request leaves out: otherwise no value of a missing key can change the decision, so
   * most principals of a {@code who can} never reach it. Each question has the budget {@link
   * #CONDITIONS_BUDGET}; past it, the answer says the decision may depend on the keys and was not
   * decided, never a condition.
   */
  private static Optional<ContextDependency> dependency(Asked asked, Decision decision) {
    PolicySet set = asked.evaluator.policies();
    if (!readsMissingKey(set, asked.request)) {
      return Optional.empty();
    }
    Conditions conditions = REASONER.conditions(set, asked.request);
    boolean anyValue =
        conditions instanceof Conditions.AllowedIf allowedIf
            && allowedIf.alternatives().contains(new Conditions.Alternative(List.of()));
    boolean allowed = decision.isAllowed();
    switch (conditions.outcome()) {
      case ALLOWED_IF -> {
        if (anyValue && allowed) {
          return Optional.empty();
        }
        if (anyValue) {
          conditions = contradiction(conditions, "allows any values but the evaluator denies");
        }
      }
      case NEVER -> {
        if (!allowed) {
          return Optional.empty();
        }
        conditions = contradiction(conditions, "allows no values but the evaluator allows");
      }
      case INCONCLUSIVE -> {}
    }
    return Optional.of(new ContextDependency(decision, conditions));
  }

  /** A reasoner's answer the evaluator contradicts on the request as asked: not shown as such. */
  private static Conditions contradiction(Conditions conditions, String what) {
    return new Conditions.Inconclusive(
        conditions.missingKeys(),
        "internal error: the reasoner " + what + " the request as asked; please report it");
  }

  /**
   * Whether a statement of the set whose Action may cover the request's action tests a condition
   * key the request does not give.
   */
  private static boolean readsMissingKey(PolicySet set, Request request) {
    List<NamedPolicy> named = new ArrayList<>(set.identityPolicies());
    set.resourcePolicy().ifPresent(named::add);
    named.addAll(set.permissionsBoundaries());
    named.addAll(set.sessionPolicies());
    set.serviceControlPolicies().forEach(named::addAll);
    set.resourceControlPolicies().forEach(named::addAll);
    set.vpcEndpointPolicy().ifPresent(named::add);
    String actionLower = request.action().toLowerCase(Locale.ROOT);
    RequestContext context = request.context();
    for (NamedPolicy policy : named) {
      for (Statement statement : policy.policy().statements()) {
        if (statement.conditions().isEmpty() || !ResourceRegions.mayApply(statement, actionLower)) {
          continue;
        }
        for (Condition condition : statement.conditions()) {
          if (!context.contains(condition.key().name())) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** Builds an {@link AccountModel}. */
  public static final class Builder {
    private final List<AccountSnapshot> accounts = new ArrayList<>();
    private @org.jspecify.annotations.Nullable Organization organization;
    private ResourcePolicies resources = ResourcePolicies.none();
    private @Nullable VpcEndpointPolicy endpoint;
    private Catalog catalog = Catalog.get();
    private Clock clock = Clock.systemUTC();
    private final Set<String> restrictPublicBuckets = new LinkedHashSet<>();

    private Builder() {}

    /** Adds an account snapshot. */
    public Builder account(AccountSnapshot account) {
      accounts.add(account);
      return this;
    }

    /** Sets the organization (SCPs, RCPs, org ID and paths). */
    public Builder organization(Organization value) {
      organization = value;
      return this;
    }

    /** Sets the resource policies. */
    public Builder resourcePolicies(ResourcePolicies value) {
      resources = value;
      return this;
    }

    /**
     * Sets the policy of the VPC endpoint every request passes through (docs/semantics.md §10.2):
     * it must allow each request as well. Context keys of the endpoint, such as {@code
     * aws:SourceVpce}, come from the query's {@code with}.
     */
    public Builder vpcEndpoint(VpcEndpointPolicy value) {
      endpoint = value;
      return this;
    }

    /**
     * Marks S3 Block Public Access's RestrictPublicBuckets as on for {@code accountId}, the account
     * setting (docs/semantics.md §9.13): a public policy of a bucket this account owns grants only
     * to AWS service principals and the account's own principals. A bucket's own setting is in its
     * resource-policy file ({@link ResourcePolicies}).
     *
     * @throws IllegalArgumentException unless {@code accountId} is a 12-digit account ID
     */
    public Builder restrictPublicBuckets(String accountId) {
      if (!accountId.matches("\\d{12}")) {
        throw new IllegalArgumentException(
            "RestrictPublicBuckets is set for an account: a 12-digit account ID, got " + accountId);
      }
      restrictPublicBuckets.add(accountId);
      return this;
    }

    /** Sets the service catalog (the bundled one by default). */
    public Builder catalog(Catalog value) {
      catalog = value;
      return this;
    }

    /**
     * Sets the clock for {@code aws:CurrentTime} and {@code aws:EpochTime} (system UTC by default).
     */
    public Builder clock(Clock value) {
      clock = value;
      return this;
    }

    /**
     * The model.
     *
     * @throws IllegalStateException if no account was added
     */
    public AccountModel build() {
      if (accounts.isEmpty()) {
        throw new IllegalStateException("an account model needs at least one account snapshot");
      }
      return new AccountModel(this);
    }
  }
}
