package dev.arbiter.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Turns a {@link Flow}'s facts into the prose of {@link Evaluator#explain}: the policies that take
 * part, one line per step of docs/semantics.md §9.2 the flow went through, the summary and the
 * deciding statements. It decides nothing; the flow calls it when it starts and when it has ended.
 */
final class Narrator {
  private final Flow flow;
  private final Trace trace;
  private final Request request;
  private final Caller caller;
  private final Evaluator evaluator;
  private final List<StatementRef> decisive = new ArrayList<>();
  private String summary = "";

  Narrator(Flow flow, Trace trace) {
    this.flow = flow;
    this.trace = trace;
    this.request = flow.request;
    this.caller = flow.caller;
    this.evaluator = flow.evaluator;
  }

  Explanation explanation(Decision decision) {
    return new Explanation(
        decision,
        summary,
        decisive,
        trace.applied,
        trace.notApplied,
        trace.steps,
        List.copyOf(trace.warnings));
  }

  /**
   * The policies that take part and those that do not, and whether the request crosses accounts.
   */
  void participants() {
    List<String> parts = new ArrayList<>();
    parts.add(
        "caller "
            + caller.text()
            + " ("
            + caller.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ')
            + ")");
    identityPolicies(parts);
    if (evaluator.resource != null) {
      parts.add(StatementRef.kind(evaluator.resource.type) + " " + evaluator.resource.named.name());
    }
    boundaryAndSessions(parts);
    controlPolicies(parts);
    if (evaluator.endpoint != null) {
      parts.add("VPC endpoint policy " + evaluator.endpoint.named.name());
    }
    trace.step("Policies: " + String.join("; ", parts) + ".");
    if (!request.filledKeys().isEmpty()) {
      trace.step(
          "Context keys filled in from the caller, as AWS sets them (docs/semantics.md §2.4): "
              + request.filledKeys().stream()
                  .map(key -> key + " = " + request.context().value(key).orElse(""))
                  .collect(Collectors.joining(", "))
              + ".");
    }
    if (flow.iam) {
      trace.step(
          flow.sameAccount()
              ? "Same-account request (account " + caller.account() + ")."
              : "Cross-account request: caller in "
                  + caller.account()
                  + ", resource in "
                  + request.resourceAccount()
                  + ".");
    }
  }

  private void identityPolicies(List<String> parts) {
    int count = evaluator.identity.size();
    if (flow.iam) {
      parts.add(
          count == 0
              ? "no identity-based policy"
              : "identity polic" + (count == 1 ? "y " : "ies ") + names(evaluator.identity));
    } else if (count > 0) {
      trace.warn("identity-based policies are ignored: " + callerLabel() + " has none");
    }
  }

  private void boundaryAndSessions(List<String> parts) {
    if (flow.boundaryApplies) {
      parts.add("permissions boundary " + evaluator.boundaries.get(0).named.name());
    } else if (!evaluator.boundaries.isEmpty()) {
      trace.warn(
          "the permissions boundary is ignored: " + callerLabel() + " is not an IAM principal");
    }
    int sessions = evaluator.sessions.size();
    if (flow.sessionApplies) {
      parts.add(
          sessions == 0
              ? "no session policy"
              : "session polic" + (sessions == 1 ? "y " : "ies ") + names(evaluator.sessions));
    } else if (sessions > 0) {
      trace.warn(
          "session policies are ignored: the caller is not a role or federated-user session");
    }
  }

  private void controlPolicies(List<String> parts) {
    PolicySet set = evaluator.policies();
    if (flow.scpsApply) {
      levels(parts, "SCP", evaluator.scps, set.serviceControlPolicyLevelNames());
    } else if (!evaluator.scps.isEmpty()) {
      parts.add(
          "SCPs not applied ("
              + (!flow.iam
                  ? "the caller is not an IAM principal"
                  : set.principalAccountIsManagement()
                      ? "the caller's account is the management account"
                      : "the caller is a service-linked role")
              + ")");
    }
    if (flow.rcpsApply) {
      levels(parts, "RCP", evaluator.rcps, set.resourceControlPolicyLevelNames());
    } else if (!evaluator.rcps.isEmpty()) {
      parts.add(
          "RCPs not applied ("
              + (set.resourceAccountIsManagement()
                  ? "the resource's account is the management account"
                  : "kms:RetireGrant is exempt")
              + ")");
    }
  }

  /** {@code SCPs at root: FullAWSAccess}, one part per level. */
  private static void levels(
      List<String> parts, String kind, List<StatementGroup> levels, List<String> names) {
    for (int i = 0; i < levels.size(); i++) {
      List<CompiledPolicy> policies = levels.get(i).policies;
      parts.add(
          kind
              + (policies.size() == 1 ? "" : "s")
              + " at "
              + names.get(i)
              + ": "
              + (policies.isEmpty() ? "none (the level allows nothing)" : names(policies)));
    }
  }

  private static final int MAX_NAMES = 8;

  /** The policies' names, clipped. */
  private static String names(List<CompiledPolicy> policies) {
    String shown =
        policies.stream()
            .limit(MAX_NAMES)
            .map(policy -> policy.named.name())
            .collect(Collectors.joining(", "));
    return policies.size() > MAX_NAMES
        ? shown + " and " + (policies.size() - MAX_NAMES) + " more"
        : shown;
  }

  /** The steps the flow went through to {@code ending}, the result, the summary. */
  void conclude(Flow.Ending ending) {
    if (ending == Flow.Ending.NO_PERMISSION_NEEDED
        || ending == Flow.Ending.LONG_TERM_CREDENTIALS_ONLY) {
      long ignored = flow.scans().stream().mapToLong(scan -> scan.denies.size()).sum();
      trace.step(
          request.action()
              + ": AWS decides it without consulting policies (docs/semantics.md §9.12)"
              + (ignored > 0
                  ? "; " + ignored + " Deny statement(s) match and have no effect."
                  : "."));
      summary = reason(ending);
      trace.step("Result: " + (ending.decision == Decision.ALLOWED ? "allowed." : summary));
      return;
    }
    if (ending == Flow.Ending.EXPLICIT_DENY) {
      for (Scan scan : flow.scans()) {
        decisive.addAll(scan.denies);
      }
      summary = reason(ending);
      trace.step("Deny evaluation: " + decisive.size() + " Deny statement(s) apply.");
      return;
    }
    trace.step("Deny evaluation: no Deny statement applies.");
    stepsPassed(ending);
    String reason = reason(ending);
    if (ending.decision == Decision.ALLOWED) {
      for (Scan scan : flow.rcp) {
        decisive.addAll(scan.allows);
      }
      for (Scan scan : flow.scp) {
        decisive.addAll(scan.allows);
      }
      decisive.addAll(flow.endpoint.allows);
      for (Flow.Grantor grantor : ending.grantors) {
        decisive.addAll(scan(grantor).allows);
      }
      summary = reason;
      trace.step("Result: allowed.");
    } else {
      summary =
          "Implicitly denied: " + Character.toLowerCase(reason.charAt(0)) + reason.substring(1);
      trace.step("Result: " + reason);
    }
  }

  /** A line for each step after the deny search that the flow passed on its way to the end. */
  private void stepsPassed(Flow.Ending ending) {
    if (ending == Flow.Ending.RCP_LEVEL_DENIES) {
      return;
    }
    if (flow.rcp.length > 0) {
      trace.step("RCPs: each of the " + flow.rcp.length + " level(s) allows.");
    }
    if (ending == Flow.Ending.SCP_LEVEL_DENIES) {
      return;
    }
    if (flow.scp.length > 0) {
      trace.step("SCPs: each of the " + flow.scp.length + " level(s) allows.");
    }
    if (ending == Flow.Ending.ENDPOINT_DENIES) {
      return;
    }
    if (evaluator.endpoint != null) {
      trace.step("VPC endpoint policy " + evaluator.endpoint.named.name() + ": allows.");
    }
    Naming grant = flow.grant();
    Naming restricted = flow.restrictedGrant();
    trace.step(
        evaluator.resource == null
            ? "Resource-based policy: none."
            : restricted != null
                ? "Resource-based policy: allows, naming "
                    + restricted.describe()
                    + ", but "
                    + blockPublicAccess()
                    + "."
                : grant == null
                    ? "Resource-based policy: no statement allows the caller."
                    : "Resource-based policy: allows, naming " + grant.describe() + ".");
    if (!flow.iam) {
      return;
    }
    trace.step(
        "Identity-based policies: "
            + (caller.kind() == Caller.Kind.ROOT
                ? "the root user has full access by default."
                : flow.identity.allow ? "allow." : "no statement allows."));
    if (flow.boundaryApplies) {
      trace.step("Permissions boundary: " + (flow.boundary.allow ? "allows." : "does not allow."));
    }
    if (flow.sessionApplies) {
      trace.step(
          "Session policies: " + (flow.sessionAllows() ? "do not limit it." : "do not allow."));
    }
    if (!flow.sameAccount()) {
      trace.step("Cross-account request: both accounts must allow.");
    }
  }

  private Scan scan(Flow.Grantor grantor) {
    return switch (grantor) {
      case RESOURCE -> flow.resource;
      case IDENTITY -> flow.identity;
      case BOUNDARY -> flow.boundary;
      case SESSION -> flow.session;
    };
  }

  /** Why the flow ended as it did, one sentence. */
  private String reason(Flow.Ending ending) {
    return switch (ending) {
      case NO_PERMISSION_NEEDED ->
          "Allowed: "
              + request.action()
              + " needs no permission and no policy can deny it ("
              + (request.actionLower().equals("sts:getcalleridentity")
                  ? "STS API Reference, GetCallerIdentity"
                  : "IAM User Guide, Permissions for GetSessionToken: authentication operations are"
                      + " not controlled by policies")
              + "; docs/semantics.md §9.12).";
      case LONG_TERM_CREDENTIALS_ONLY ->
          "Implicitly denied: sts:GetSessionToken can be called only with the long-term credentials"
              + " of an IAM user or the root user, and "
              + (caller.isSession()
                  ? callerLabel() + " is a session"
                  : "this request carries aws:TokenIssueTime (temporary credentials)")
              + " (STS API Reference, GetSessionToken; docs/semantics.md §9.12).";
      case EXPLICIT_DENY ->
          "Explicitly denied: "
              + decisive.get(0)
              + (decisive.size() > 1 ? " and " + (decisive.size() - 1) + " more Deny" : "")
              + " applies to the request, and an explicit deny overrides every allow.";
      case RCP_LEVEL_DENIES ->
          "RCP level "
              + flow.failedLevel
              + " of "
              + flow.rcp.length
              + " ("
              + evaluator.policies().resourceControlPolicyLevelNames().get(flow.failedLevel - 1)
              + ") has no statement that allows "
              + request.action()
              + " on the resource; every level of the resource account's RCPs must allow it.";
      case SCP_LEVEL_DENIES ->
          "SCP level "
              + flow.failedLevel
              + " of "
              + flow.scp.length
              + " ("
              + evaluator.policies().serviceControlPolicyLevelNames().get(flow.failedLevel - 1)
              + ") has no statement that allows "
              + request.action()
              + "; every level of the caller's SCPs must allow it.";
      case ENDPOINT_DENIES ->
          "The request passed through a VPC endpoint, and its policy "
              + Objects.requireNonNull(evaluator.endpoint, "no endpoint").named.name()
              + " has no statement that allows "
              + request.action()
              + " for "
              + callerLabel()
              + "; an endpoint policy must allow every request through the endpoint (docs/"
              + "semantics.md §10.2).";
      case NON_IAM_ALLOWED ->
          "Allowed: " + resourceKind() + " allows " + callerLabel() + ", and nothing denies it.";
      case NON_IAM_NOT_ALLOWED ->
          "Only a resource-based policy can allow "
              + callerLabel()
              + ", and "
              + (evaluator.resource == null ? "there is none." : resourceKind() + " does not.");
      case PUBLIC_GRANT_RESTRICTED ->
          resourceKind() + " allows " + callerLabel() + ", but " + blockPublicAccess() + ".";
      case CROSS_ACCOUNT_NOT_GRANTED ->
          "Cross-account request: "
              + (evaluator.resource == null
                  ? "there is no resource policy"
                  : resourceKind() + " does not allow the caller")
              + ", so the resource's account does not allow it.";
      case CROSS_ACCOUNT_CALLER_NOT_ALLOWED -> "Cross-account request: " + identityFailure();
      case CROSS_ACCOUNT_ALLOWED ->
          "Allowed: the caller's identity-based policies and " + resourceKind() + " both allow it.";
      case SPECIAL_NOT_GRANTED -> specialNotGranted();
      case SPECIAL_GRANT_LIMITED ->
          resourceKind()
              + " allows the caller by "
              + describeGrant()
              + ", but "
              + (flow.grant() == Naming.ACCOUNT ? identityFailure() : limitFailure());
      case SPECIAL_GRANT_TO_ACCOUNT, SPECIAL_GRANT_TO_ROLE, TRUST_GRANT, KEY_GRANT ->
          "Allowed: " + resourceKind() + " allows the caller by " + describeGrant() + ".";
      case RESOURCE_GRANT ->
          "Allowed: "
              + resourceKind()
              + " allows the caller by "
              + describeGrant()
              + "; such a grant needs no identity-based allow.";
      case ROLE_GRANT ->
          "Allowed: "
              + resourceKind()
              + " allows the caller's role ARN, within its permissions boundary and session"
              + " policies.";
      case IDENTITY_GRANT -> identityGrant();
      case ROLE_GRANT_LIMITED ->
          resourceKind()
              + " allows the caller's role ARN, a grant limited by the session's own policies: "
              + limitFailure();
      case NOT_ALLOWED -> identityFailure();
    };
  }

  private String specialNotGranted() {
    return (evaluator.resource == null
            ? "There is no " + resourceKind().substring(4)
            : resourceKind() + " does not allow the caller")
        + "; "
        + (request.special() == Request.Special.TRUST
            ? "a role can be assumed only when its trust policy allows it."
            : "no principal, not even the root user, can use a KMS key its key policy does not allow.")
        + (flow.identityAllows() ? " The identity-based allow alone is not enough." : "");
  }

  private String identityGrant() {
    if (caller.kind() == Caller.Kind.ROOT && !flow.identity.allow) {
      return "Allowed: the root user has full access to its own account's resources.";
    }
    return "Allowed: an identity-based policy allows it"
        + (flow.boundaryApplies ? ", within the permissions boundary" : "")
        + (flow.sessionApplies && !evaluator.sessions.isEmpty() ? " and the session policies" : "")
        + ".";
  }

  /** How the resource policy names the caller, for the endings that it allows. */
  private String describeGrant() {
    return Objects.requireNonNull(flow.grant(), "no grant").describe();
  }

  /** Why the caller's side (identity, boundary, session policies) does not allow. */
  private String identityFailure() {
    if (!flow.identityAllows()) {
      return "no identity-based policy allows "
          + request.action()
          + " on "
          + request.resource()
          + ".";
    }
    return limitFailure();
  }

  /** Why the boundary or session policies stop a grant. */
  private String limitFailure() {
    if (!flow.boundaryAllows()) {
      return "the permissions boundary does not allow " + request.action() + ".";
    }
    if (!flow.sessionAllows()) {
      return caller.kind() == Caller.Kind.FEDERATED_USER && evaluator.sessions.isEmpty()
          ? "a federated user's session needs a session policy that allows it, and none was passed."
          : "no session policy allows " + request.action() + ".";
    }
    return "nothing allows it.";
  }

  /**
   * Why S3 Block Public Access takes a grant away (docs/semantics.md §9.13): where
   * RestrictPublicBuckets is on, and why the bucket policy is public.
   */
  private String blockPublicAccess() {
    return "S3 Block Public Access (RestrictPublicBuckets, on for "
        + evaluator.policies().s3BlockPublicAccess().where()
        + ") restricts the bucket policy, which is public ("
        + evaluator.restrictedPublicPolicy
        + "), to AWS service principals and principals of the bucket owner's account"
        + " (docs/semantics.md §9.13)";
  }

  private String resourceKind() {
    return switch (request.special()) {
      case TRUST -> "the role trust policy";
      case KEY -> "the key policy";
      case NONE -> "the resource-based policy";
    };
  }

  private String callerLabel() {
    return switch (caller.kind()) {
      case ANONYMOUS -> "an anonymous caller";
      case SERVICE -> "the service principal " + caller.text();
      case FEDERATED -> "the federated principal " + caller.text();
      default -> caller.text();
    };
  }
}
