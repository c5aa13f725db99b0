package dev.arbiter.query;

import dev.arbiter.account.AccountSnapshot;
import dev.arbiter.account.Organization;
import dev.arbiter.account.ResourcePolicies;
import dev.arbiter.account.VpcEndpointPolicy;
import dev.arbiter.catalog.ActionInfo;
import dev.arbiter.catalog.Catalog;
import dev.arbiter.eval.Decision;
import dev.arbiter.eval.Evaluator;
import dev.arbiter.eval.Explanation;
import dev.arbiter.eval.Request;
import dev.arbiter.eval.RequestContext;
import dev.arbiter.eval.StatementRef;
import dev.arbiter.policy.PolicyType;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
  private static final int MAX_DEPENDENCY_KEYS = 4;
  private static final int MAX_DEPENDENCIES = 8;

  private final Catalog catalog;
  private final Principals principals;
  private final PolicyAssembler assembler;
  private final PrincipalContext principalContext;
  private final CandidateResources candidateResources;

  private AccountModel(Builder builder) {
    List<AccountSnapshot> accounts = List.copyOf(builder.accounts);
    Optional<Organization> organization = Optional.ofNullable(builder.organization);
    this.catalog = builder.catalog;
    this.principals = new Principals(accounts);
    this.assembler =
        new PolicyAssembler(
            accounts, organization, builder.resources, Optional.ofNullable(builder.endpoint));
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
    List<ContextDependency> dependsOn = dependencies(asked, explanation);
    return new Answer.Can(caller, action, resource, explanation, dependsOn, asked.warnings);
  }

  /**
   * Who of the loaded accounts' users and roles can do {@code action} on {@code resource}?
   *
   * @throws QueryException if the action cannot be read or the AWS service catalog does not know it
   */
  public Answer.WhoCan whoCan(String action, String resource, Map<String, List<String>> context) {
    requireKnownAction(action);
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
            new Answer.Grant(
                caller,
                action,
                resource,
                decision,
                granting(explanation),
                List.of(),
                explanation.decisive()));
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
        resource.isPresent() ? Map.of() : candidateResources.byService(caller, context);
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
   * Context values the question did not give that change the decision: for each statement that
   * failed only on conditions over absent keys, try the values its conditions name.
   */
  private static List<ContextDependency> dependencies(Asked asked, Explanation explanation) {
    return Dependencies.find(
        asked.evaluator, asked.request, explanation, MAX_DEPENDENCY_KEYS, MAX_DEPENDENCIES);
  }

  /** Builds an {@link AccountModel}. */
  public static final class Builder {
    private final List<AccountSnapshot> accounts = new ArrayList<>();
    private @org.jspecify.annotations.Nullable Organization organization;
    private ResourcePolicies resources = ResourcePolicies.none();
    private @Nullable VpcEndpointPolicy endpoint;
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

    /**
     * Sets the policy of the VPC endpoint every request passes through (docs/semantics.md §10.2):
     * it must allow each request as well. Context keys of the endpoint, such as {@code
     * aws:SourceVpce}, come from the query's {@code with}.
     */
    public Builder vpcEndpoint(VpcEndpointPolicy value) {
      endpoint = value;
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
