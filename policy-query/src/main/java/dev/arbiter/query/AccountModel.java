package dev.arbiter.query;

import dev.arbiter.account.AccountSnapshot;
import dev.arbiter.account.IamGroup;
import dev.arbiter.account.IamRole;
import dev.arbiter.account.IamUser;
import dev.arbiter.account.ManagedPolicy;
import dev.arbiter.account.Organization;
import dev.arbiter.account.ResourcePolicies;
import dev.arbiter.catalog.ActionInfo;
import dev.arbiter.catalog.Catalog;
import dev.arbiter.catalog.ConditionKeyInfo;
import dev.arbiter.eval.Decision;
import dev.arbiter.eval.Evaluator;
import dev.arbiter.eval.Explanation;
import dev.arbiter.eval.NamedPolicy;
import dev.arbiter.eval.PolicySet;
import dev.arbiter.eval.Request;
import dev.arbiter.eval.RequestContext;
import dev.arbiter.eval.StatementRef;
import dev.arbiter.policy.Arn;
import dev.arbiter.policy.Effect;
import dev.arbiter.policy.Policy;
import dev.arbiter.policy.PolicyType;
import dev.arbiter.policy.ResourcePattern;
import dev.arbiter.policy.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

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
  private static final int MAX_DEPENDENCY_KEYS = 4;
  private static final int MAX_DEPENDENCIES = 8;

  private final List<AccountSnapshot> accounts;
  private final Optional<Organization> organization;
  private final ResourcePolicies resources;
  private final Catalog catalog;
  private final Clock clock;
  private final Principals principals;
  private final Map<String, Identity> identities = new ConcurrentHashMap<>();
  private final Map<String, Evaluator> evaluators = new ConcurrentHashMap<>();

  private AccountModel(Builder builder) {
    this.accounts = List.copyOf(builder.accounts);
    this.organization = Optional.ofNullable(builder.organization);
    this.resources = builder.resources;
    this.catalog = builder.catalog;
    this.clock = builder.clock;
    this.principals = new Principals(accounts);
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
    if (query instanceof Query.Can can) {
      return can(can.principal(), can.action(), can.resource(), can.context());
    }
    if (query instanceof Query.WhoCan who) {
      return whoCan(who.action(), who.resource(), who.context());
    }
    Query.WhatCan what = (Query.WhatCan) query;
    return whatCan(what.principal(), what.resource(), what.service(), what.context());
  }

  /**
   * Can {@code principal} do {@code action} on {@code resource}?
   *
   * @param principal an ARN, {@code user/NAME}, {@code role/NAME} or {@code role/NAME/SESSION}
   * @param context request context values (one value, or several for a multivalued key)
   * @throws QueryException if the principal or action cannot be resolved
   */
  public Answer.Can can(
      String principal, String action, String resource, Map<String, List<String>> context) {
    AccountPrincipal caller = principals.resolve(principal);
    Asked asked = ask(caller, action, resource, context);
    Explanation explanation = asked.evaluator.explain(asked.request);
    List<ContextDependency> dependsOn = dependencies(asked, explanation);
    return new Answer.Can(caller, action, resource, explanation, dependsOn, asked.warnings);
  }

  /**
   * Who of the loaded accounts' users and roles can do {@code action} on {@code resource}?
   *
   * @throws QueryException if the action cannot be read
   */
  public Answer.WhoCan whoCan(String action, String resource, Map<String, List<String>> context) {
    List<Answer.Grant> allowed = new ArrayList<>();
    List<Answer.Grant> conditional = new ArrayList<>();
    Set<String> warnings = new LinkedHashSet<>();
    List<AccountPrincipal> everyone = principals.all();
    for (AccountPrincipal caller : everyone) {
      Asked asked = ask(caller, action, resource, context);
      Decision decision = asked.evaluator.evaluate(asked.request);
      if (decision.isAllowed()) {
        Explanation explanation = asked.evaluator.explain(asked.request);
        allowed.add(
            new Answer.Grant(caller, action, resource, decision, granting(explanation), List.of()));
        warnings.addAll(asked.warnings);
        continue;
      }
      Explanation explanation = asked.evaluator.explain(asked.request);
      List<ContextDependency> dependsOn = dependencies(asked, explanation);
      if (!dependsOn.isEmpty()) {
        conditional.add(new Answer.Grant(caller, action, resource, decision, List.of(), dependsOn));
        warnings.addAll(asked.warnings);
      }
    }
    return new Answer.WhoCan(
        action, resource, allowed, conditional, everyone.size(), List.copyOf(warnings));
  }

  /**
   * What can {@code principal} do, on {@code resource} if given (otherwise on any resource its
   * policies name), in {@code service} if given? Actions come from the AWS service catalog.
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
        resource.isPresent() ? Map.of() : candidateResources(caller, context);
    List<Answer.ActionGrant> allowed = new ArrayList<>();
    Set<String> warnings = new LinkedHashSet<>();
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
                      List.of())));
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

  /**
   * For {@code what can} without a resource: the resources to try for each service, taken from the
   * principal's Allow statements (a pattern is tried as written: {@code bucket/*} stands for "some
   * object of the bucket"), the loaded resource policies and the roles; {@code *} last.
   */
  private Map<String, List<String>> candidateResources(
      AccountPrincipal caller, Map<String, List<String>> context) {
    Map<String, Set<String>> byService = new LinkedHashMap<>();
    for (NamedPolicy policy : identity(caller).policies) {
      for (Statement statement : policy.policy().statements()) {
        if (statement.effect() != Effect.ALLOW || statement.resources().isEmpty()) {
          continue;
        }
        if (statement.resources().get().negated()) {
          continue; // NotResource grants on everything else: "*" below stands for that
        }
        for (ResourcePattern pattern : statement.resources().get().patterns()) {
          String text = substitute(pattern.text(), caller, context);
          Arn.tryParse(text)
              .ifPresent(
                  arn ->
                      byService
                          .computeIfAbsent(arn.service(), k -> new LinkedHashSet<>())
                          .add(text));
        }
      }
    }
    for (String arn : resources.all().keySet()) {
      Arn.tryParse(arn)
          .ifPresent(
              a -> byService.computeIfAbsent(a.service(), k -> new LinkedHashSet<>()).add(arn));
    }
    for (AccountSnapshot account : accounts) {
      for (IamRole role : account.roles()) {
        byService.computeIfAbsent("sts", k -> new LinkedHashSet<>()).add(role.arn());
      }
    }
    Map<String, List<String>> out = new LinkedHashMap<>();
    byService.forEach(
        (service, arns) -> {
          List<String> list = new ArrayList<>(arns);
          list.add("*");
          out.put(service, List.copyOf(list));
        });
    return out;
  }

  private String substitute(
      String text, AccountPrincipal caller, Map<String, List<String>> context) {
    if (!text.contains("${")) {
      return text;
    }
    String out = text;
    for (Map.Entry<String, String> entry : principalKeys(caller).entrySet()) {
      out = out.replace("${" + entry.getKey() + "}", entry.getValue());
    }
    for (Map.Entry<String, List<String>> entry : context.entrySet()) {
      if (entry.getValue().size() == 1) {
        out = out.replace("${" + entry.getKey() + "}", entry.getValue().get(0));
      }
    }
    return out;
  }

  /** Everything one evaluation needs. */
  private record Asked(
      Evaluator evaluator, Request request, RequestContext context, List<String> warnings) {}

  private Asked ask(
      AccountPrincipal caller, String action, String resource, Map<String, List<String>> given) {
    Identity identity = identity(caller);
    boolean trust = isTrustRequest(action, resource);
    Optional<NamedPolicy> resourcePolicy;
    List<String> warnings = new ArrayList<>(identity.warnings);
    if (trust) {
      resourcePolicy =
          accounts.stream()
              .flatMap(a -> a.roleByArn(resource).stream())
              .findFirst()
              .map(role -> new NamedPolicy("trust policy of " + role.name(), role.trustPolicy()));
      if (resourcePolicy.isEmpty()) {
        warnings.add(
            "role " + resource + " is not in the loaded accounts; its trust policy is unknown");
      }
    } else {
      resourcePolicy = resources.forResource(resource);
    }
    String resourceAccount =
        resources
            .ownerOf(resource)
            .orElseGet(
                () -> {
                  String account = Arn.tryParse(resource).map(Arn::account).orElse("");
                  return account.matches("\\d{12}") ? account : caller.account();
                });
    String key =
        caller.arn()
            + "|"
            + resourceAccount
            + "|"
            + (trust ? "trust:" : "")
            + resourcePolicy.map(NamedPolicy::name).orElse("");
    Evaluator evaluator =
        evaluators.computeIfAbsent(
            key, k -> build(caller, identity, resourcePolicy, trust, resourceAccount));
    RequestContext context = context(caller, given);
    Request request;
    try {
      request =
          Request.builder()
              .principal(caller.arn())
              .action(action)
              .resource(resource)
              .resourceAccount(resourceAccount)
              .context(context)
              .build();
    } catch (IllegalArgumentException e) {
      throw new QueryException(e.getMessage() == null ? "invalid request" : e.getMessage());
    }
    return new Asked(evaluator, request, context, warnings);
  }

  private Evaluator build(
      AccountPrincipal caller,
      Identity identity,
      Optional<NamedPolicy> resourcePolicy,
      boolean trust,
      String resourceAccount) {
    PolicySet.Builder set = PolicySet.builder();
    identity.policies.forEach(set::identityPolicy);
    identity.boundary.ifPresent(set::permissionsBoundary);
    resourcePolicy.ifPresent(
        p -> set.resourcePolicy(p, trust ? PolicyType.TRUST : PolicyType.RESOURCE));
    if (organization.isPresent()) {
      Organization org = organization.get();
      org.serviceControlPolicies(caller.account()).forEach(set::serviceControlPolicyLevel);
      org.resourceControlPolicies(resourceAccount).forEach(set::resourceControlPolicyLevel);
      set.principalAccountIsManagement(org.isManagementAccount(caller.account()));
      set.resourceAccountIsManagement(org.isManagementAccount(resourceAccount));
    }
    set.principalIsServiceLinkedRole(caller.role().map(IamRole::isServiceLinked).orElse(false));
    return Evaluator.of(set.build());
  }

  private static boolean isTrustRequest(String action, String resource) {
    String lower = action.toLowerCase(Locale.ROOT);
    boolean stsAction =
        lower.startsWith("sts:assumerole")
            || lower.equals("sts:tagsession")
            || lower.equals("sts:setsourceidentity");
    return stsAction
        && Arn.tryParse(resource)
            .map(a -> a.service().equals("iam") && a.resource().startsWith("role/"))
            .orElse(false);
  }

  /** A principal's identity policies and boundary, assembled once. */
  private record Identity(
      List<NamedPolicy> policies, Optional<NamedPolicy> boundary, List<String> warnings) {}

  private Identity identity(AccountPrincipal caller) {
    return identities.computeIfAbsent(caller.principalArn(), k -> assemble(caller));
  }

  private Identity assemble(AccountPrincipal caller) {
    List<NamedPolicy> policies = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    Optional<String> boundaryArn;
    if (caller.user().isPresent()) {
      IamUser user = caller.user().get();
      user.inlinePolicies()
          .forEach(
              p ->
                  policies.add(
                      new NamedPolicy("user/" + user.name() + " inline " + p.name(), p.policy())));
      user.attachedPolicyArns().forEach(arn -> managed(arn, "", policies, warnings));
      for (String groupName : user.groups()) {
        Optional<IamGroup> group = group(caller.account(), groupName);
        if (group.isEmpty()) {
          warnings.add(
              "group "
                  + groupName
                  + " of user "
                  + user.name()
                  + " is not in the snapshot; its policies are not counted");
          continue;
        }
        group
            .get()
            .inlinePolicies()
            .forEach(
                p ->
                    policies.add(
                        new NamedPolicy("group/" + groupName + " inline " + p.name(), p.policy())));
        group
            .get()
            .attachedPolicyArns()
            .forEach(arn -> managed(arn, " (via group " + groupName + ")", policies, warnings));
      }
      boundaryArn = user.permissionsBoundaryArn();
    } else {
      IamRole role = caller.role().orElseThrow();
      role.inlinePolicies()
          .forEach(
              p ->
                  policies.add(
                      new NamedPolicy("role/" + role.name() + " inline " + p.name(), p.policy())));
      role.attachedPolicyArns().forEach(arn -> managed(arn, "", policies, warnings));
      boundaryArn = role.permissionsBoundaryArn();
    }
    Optional<NamedPolicy> boundary = Optional.empty();
    if (boundaryArn.isPresent()) {
      Optional<ManagedPolicy> document = managedPolicy(boundaryArn.get());
      if (document.isPresent()) {
        boundary =
            Optional.of(
                new NamedPolicy("boundary " + document.get().name(), document.get().document()));
      } else {
        // Fail closed: a boundary we cannot read allows nothing, rather than everything.
        warnings.add(
            "permissions boundary "
                + boundaryArn.get()
                + " is not in the snapshot; treated as allowing nothing");
        boundary =
            Optional.of(
                new NamedPolicy(
                    "boundary " + boundaryArn.get() + " (missing)",
                    Policy.parse("{\"Statement\": []}")));
      }
    }
    return new Identity(List.copyOf(policies), boundary, List.copyOf(warnings));
  }

  private void managed(String arn, String via, List<NamedPolicy> policies, List<String> warnings) {
    Optional<ManagedPolicy> policy = managedPolicy(arn);
    if (policy.isPresent()) {
      policies.add(new NamedPolicy(policy.get().name() + via, policy.get().document()));
    } else {
      warnings.add(
          "managed policy "
              + arn
              + via
              + " is not in the snapshot; its statements are not counted, so a Deny in it would be missed");
    }
  }

  private Optional<ManagedPolicy> managedPolicy(String arn) {
    for (AccountSnapshot account : accounts) {
      Optional<ManagedPolicy> policy = account.managedPolicy(arn);
      if (policy.isPresent()) {
        return policy;
      }
    }
    return Optional.empty();
  }

  private Optional<IamGroup> group(String accountId, String name) {
    for (AccountSnapshot account : accounts) {
      Optional<IamGroup> group = account.group(accountId, name);
      if (group.isPresent()) {
        return group;
      }
    }
    return Optional.empty();
  }

  /** The single-valued keys AWS fills in from the principal. */
  private Map<String, String> principalKeys(AccountPrincipal caller) {
    Map<String, String> keys = new LinkedHashMap<>();
    keys.put("aws:PrincipalArn", caller.principalArn());
    keys.put("aws:PrincipalAccount", caller.account());
    if (caller.user().isPresent()) {
      IamUser user = caller.user().get();
      keys.put("aws:username", user.name());
      keys.put("aws:userid", user.id());
      keys.put("aws:PrincipalType", "User");
      user.tags().forEach((k, v) -> keys.put("aws:PrincipalTag/" + k, v));
    } else {
      IamRole role = caller.role().orElseThrow();
      keys.put(
          "aws:userid",
          role.id() + ":" + caller.sessionName().orElse(AccountPrincipal.DEFAULT_SESSION));
      keys.put("aws:PrincipalType", "AssumedRole");
      role.tags().forEach((k, v) -> keys.put("aws:PrincipalTag/" + k, v));
    }
    organization
        .filter(org -> org.contains(caller.account()))
        .ifPresent(org -> keys.put("aws:PrincipalOrgID", org.id()));
    return keys;
  }

  private RequestContext context(AccountPrincipal caller, Map<String, List<String>> given) {
    Map<String, String> lowerGiven = new LinkedHashMap<>();
    given.keySet().forEach(k -> lowerGiven.put(k.toLowerCase(Locale.ROOT), k));
    RequestContext.Builder context = RequestContext.builder();
    Map<String, String> filled = new LinkedHashMap<>(principalKeys(caller));
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    filled.put("aws:CurrentTime", DateTimeFormatter.ISO_INSTANT.format(now));
    filled.put("aws:EpochTime", Long.toString(now.getEpochSecond()));
    filled.forEach(
        (key, value) -> {
          if (!lowerGiven.containsKey(key.toLowerCase(Locale.ROOT))) {
            context.put(key, value);
          }
        });
    if (!lowerGiven.containsKey("aws:principalorgpaths")) {
      organization
          .flatMap(org -> org.orgPath(caller.account()))
          .ifPresent(path -> context.put("aws:PrincipalOrgPaths", List.of(path)));
    }
    given.forEach(
        (key, values) -> {
          if (values.size() == 1 && !isMultivalued(key)) {
            context.put(key, values.get(0));
          } else {
            context.put(key, values);
          }
        });
    return context.build();
  }

  private boolean isMultivalued(String key) {
    return catalog.conditionKey(key).map(ConditionKeyInfo::isMultivalued).orElse(false);
  }

  /**
   * Context values the question did not give that change the decision: for each statement that
   * failed only on conditions over absent keys, try the values its conditions name.
   */
  private List<ContextDependency> dependencies(Asked asked, Explanation explanation) {
    return Dependencies.find(
        asked.evaluator, asked.request, explanation, MAX_DEPENDENCY_KEYS, MAX_DEPENDENCIES);
  }

  /** Builds an {@link AccountModel}. */
  public static final class Builder {
    private final List<AccountSnapshot> accounts = new ArrayList<>();
    private @org.jspecify.annotations.Nullable Organization organization;
    private ResourcePolicies resources = ResourcePolicies.none();
    private Catalog catalog = Catalog.get();
    private Clock clock = Clock.systemUTC();

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
