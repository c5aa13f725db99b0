package dev.arbiter.eval;

import com.google.common.collect.ImmutableList;
import dev.arbiter.policy.Arn;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The decision flow of docs/semantics.md §9.2 for one request, a method per step: an explicit deny
 * in any policy (step 1), every RCP level (step 2), every SCP level (step 3), then how the
 * resource-based policy (step 4), the identity-based policies (step 5), the permissions boundary
 * (step 6) and the session policies (step 7) combine: same-account (§9.4), for the special
 * resources of §9.5, cross-account (§9.6) and for callers that are not IAM principals (§9.7, §9.8).
 *
 * <p>The flow decides and names the way it ended ({@link Ending}); for {@link Evaluator#explain}, a
 * {@link Narrator} turns its facts into the explanation's prose. One instance per evaluation.
 */
final class Flow {

  /** The policies besides the RCP and SCP levels whose Allow an allowed request needed. */
  enum Grantor {
    RESOURCE,
    IDENTITY,
    BOUNDARY,
    SESSION
  }

  /** Every way the flow can end, in flow order, with the decision it gives. */
  enum Ending {
    /**
     * §9.12: an action AWS authorizes without policies (sts:GetCallerIdentity, and
     * sts:GetSessionToken with long-term credentials); a Deny has no effect on it.
     */
    NO_PERMISSION_NEEDED(Decision.ALLOWED),
    /** §9.12: sts:GetSessionToken with temporary credentials, which AWS refuses. */
    LONG_TERM_CREDENTIALS_ONLY(Decision.IMPLICIT_DENY),
    /** Step 1: a Deny applies; an explicit deny overrides every allow. */
    EXPLICIT_DENY(Decision.EXPLICIT_DENY),
    /** Step 2: a level of the resource account's RCPs has no applicable Allow (§12.11). */
    RCP_LEVEL_DENIES(Decision.IMPLICIT_DENY),
    /** Step 3: a level of the caller's SCPs has no applicable Allow (§12.11). */
    SCP_LEVEL_DENIES(Decision.IMPLICIT_DENY),
    /** §10.2: the request passed through a VPC endpoint whose policy does not allow it. */
    ENDPOINT_DENIES(Decision.IMPLICIT_DENY),
    /** §9.7, §9.8: a caller that is not an IAM principal, allowed by the resource policy. */
    NON_IAM_ALLOWED(Decision.ALLOWED, Grantor.RESOURCE),
    /** §9.7, §9.8: such a caller, and no resource policy allows it. */
    NON_IAM_NOT_ALLOWED(Decision.IMPLICIT_DENY),
    /**
     * §9.13: the bucket policy allows the caller, but it is public and S3 Block Public Access
     * (RestrictPublicBuckets) leaves it granting only to AWS services and the owner's account.
     */
    PUBLIC_GRANT_RESTRICTED(Decision.IMPLICIT_DENY),
    /** §9.6: the resource's account (its resource policy) does not allow the caller. */
    CROSS_ACCOUNT_NOT_GRANTED(Decision.IMPLICIT_DENY),
    /** §9.6: the caller's account (identity, boundary, session policies) does not allow it. */
    CROSS_ACCOUNT_CALLER_NOT_ALLOWED(Decision.IMPLICIT_DENY),
    /** §9.6: both accounts allow. */
    CROSS_ACCOUNT_ALLOWED(
        Decision.ALLOWED, Grantor.IDENTITY, Grantor.BOUNDARY, Grantor.SESSION, Grantor.RESOURCE),
    /** §9.5: the role's trust policy or the key's policy does not allow the caller. */
    SPECIAL_NOT_GRANTED(Decision.IMPLICIT_DENY),
    /** §9.5: it allows the caller, but what that way of naming it needs besides does not. */
    SPECIAL_GRANT_LIMITED(Decision.IMPLICIT_DENY),
    /** §9.5: it names the caller's account, and the caller's own policies allow. */
    SPECIAL_GRANT_TO_ACCOUNT(
        Decision.ALLOWED, Grantor.RESOURCE, Grantor.IDENTITY, Grantor.BOUNDARY, Grantor.SESSION),
    /** §9.5: it names the caller's role, within the boundary and session policies. */
    SPECIAL_GRANT_TO_ROLE(Decision.ALLOWED, Grantor.RESOURCE, Grantor.BOUNDARY, Grantor.SESSION),
    /** §9.5, §12.9: a trust policy names the caller, within the caller's boundary. */
    TRUST_GRANT(Decision.ALLOWED, Grantor.RESOURCE, Grantor.BOUNDARY),
    /** §9.5: a key policy names the caller. */
    KEY_GRANT(Decision.ALLOWED, Grantor.RESOURCE),
    /** §9.4: a same-account resource policy names the caller directly: it grants on its own. */
    RESOURCE_GRANT(Decision.ALLOWED, Grantor.RESOURCE),
    /** §9.4: it names the caller's role, within the boundary and session policies. */
    ROLE_GRANT(Decision.ALLOWED, Grantor.RESOURCE, Grantor.BOUNDARY, Grantor.SESSION),
    /** §9.2 steps 5 to 7: the identity-based policies allow, within boundary and sessions. */
    IDENTITY_GRANT(Decision.ALLOWED, Grantor.IDENTITY, Grantor.BOUNDARY, Grantor.SESSION),
    /** §9.4: a grant to the caller's role, which the boundary or session policies stop. */
    ROLE_GRANT_LIMITED(Decision.IMPLICIT_DENY),
    /** Nothing allows it. */
    NOT_ALLOWED(Decision.IMPLICIT_DENY);

    final Decision decision;

    /** For an allow: the policies that had to allow, in the order the explanation lists them. */
    final ImmutableList<Grantor> grantors;

    Ending(Decision decision, Grantor... grantors) {
      this.decision = decision;
      this.grantors = ImmutableList.copyOf(grantors);
    }
  }

  private static final Scan[] NO_LEVELS = new Scan[0];

  final Evaluator evaluator;
  final Request request;
  final Caller caller;
  private final EvalState state;
  private final @Nullable Narrator narrator;

  // Which policies take part (§9.1, §9.7, §9.8).
  final boolean iam;
  final boolean scpsApply;
  final boolean rcpsApply;
  final boolean boundaryApplies;
  final boolean sessionApplies;

  /** §9.13: S3 Block Public Access takes the resource policy's grants away from this caller. */
  final boolean publicGrantRestricted;

  // What each of them says, filled by step 1; a policy that does not take part is Scan.NONE.
  Scan[] rcp = NO_LEVELS;
  Scan[] scp = NO_LEVELS;
  Scan endpoint = Scan.NONE;
  Scan resource = Scan.NONE;
  Scan identity = Scan.NONE;
  Scan boundary = Scan.NONE;
  Scan session = Scan.NONE;

  /** The RCP or SCP level (from 1) that did not allow, for steps 2 and 3. */
  int failedLevel;

  Flow(Evaluator evaluator, Request request, Trace trace) {
    this.evaluator = evaluator;
    this.request = request;
    this.caller = request.caller();
    this.state = new EvalState(request, trace, !evaluator.boundaries.isEmpty(), evaluator.probe());
    this.iam = caller.isIamPrincipal();
    this.scpsApply = scpsApply();
    this.rcpsApply = rcpsApply();
    // §9.7, §9.8: identity-based policies, boundaries and session policies belong to IAM
    // principals; session policies only to sessions (§9.2 step 7).
    this.boundaryApplies = iam && !evaluator.boundaries.isEmpty();
    this.sessionApplies = caller.isSession();
    this.publicGrantRestricted = publicGrantRestricted();
    this.narrator = trace.on ? new Narrator(this, trace) : null;
  }

  /**
   * §9.1: SCPs bind the IAM principals of member accounts, except the management account's and
   * service-linked roles; anonymous and service callers belong to no account.
   */
  private boolean scpsApply() {
    PolicySet set = evaluator.policies();
    return iam
        && !evaluator.scps.isEmpty()
        && !set.principalAccountIsManagement()
        && !set.principalIsServiceLinkedRole();
  }

  /**
   * RCPs bind every request for a member account's resources, whoever the caller; the management
   * account's resources and kms:RetireGrant are exempt. §12.12: an exemption of service-linked
   * roles from RCPs is not confirmed, so principalIsServiceLinkedRole does not lift them (only
   * SCPs).
   */
  private boolean rcpsApply() {
    return !evaluator.rcps.isEmpty()
        && !evaluator.policies().resourceAccountIsManagement()
        && !request.actionLower().equals("kms:retiregrant");
  }

  /**
   * §9.13: with RestrictPublicBuckets on and a public bucket policy, the policy grants only to AWS
   * service principals and to principals of the bucket owner's account; for every other caller of a
   * request for an S3 resource its Allow statements grant nothing (its Deny statements still
   * apply).
   */
  private boolean publicGrantRestricted() {
    if (evaluator.restrictedPublicPolicy == null
        || caller.isAwsService()
        || (iam && sameAccount())) {
      return false;
    }
    return Arn.tryParse(request.resource()).map(arn -> arn.service().equals("s3")).orElse(false);
  }

  Decision run() {
    if (narrator != null) {
      narrator.participants();
    }
    Ending ending = decide();
    if (narrator != null) {
      narrator.conclude(ending);
    }
    return ending.decision;
  }

  /** The explanation of {@code decision}, from {@link #run}; for a flow with a recording trace. */
  Explanation explanation(Decision decision) {
    return Objects.requireNonNull(narrator, "the flow is not traced").explanation(decision);
  }

  private Ending decide() {
    Ending outside = outsidePolicies();
    if (outside != null) {
      if (narrator != null) {
        explicitlyDenied(); // so that the explanation can say which Deny has no effect
      }
      return outside;
    }
    if (explicitlyDenied()) {
      return Ending.EXPLICIT_DENY;
    }
    if (!everyLevelAllows(rcp)) {
      return Ending.RCP_LEVEL_DENIES;
    }
    if (!everyLevelAllows(scp)) {
      return Ending.SCP_LEVEL_DENIES;
    }
    // §10.2: the endpoint's policy is one more gate, for every caller; it never grants.
    if (evaluator.endpoint != null && !endpoint.allow) {
      return Ending.ENDPOINT_DENIES;
    }
    if (!iam) {
      return resourcePolicyAlone();
    }
    if (!sameAccount()) {
      return crossAccount();
    }
    if (request.special() != Request.Special.NONE) {
      return specialResource();
    }
    return sameAccountGrant();
  }

  /**
   * §9.12: rules AWS applies before and regardless of any policy, for IAM principals (anonymous
   * callers cannot call these actions). sts:GetCallerIdentity needs no permission and cannot be
   * denied (STS API Reference, GetCallerIdentity). sts:GetSessionToken needs no permission either
   * ("you cannot use policies to control authentication operations", IAM User Guide, Permissions
   * for GetSessionToken), but only an IAM user or the root user with long-term credentials may call
   * it: a session, or a request made with temporary credentials ({@code aws:TokenIssueTime}
   * present), is refused.
   */
  private @Nullable Ending outsidePolicies() {
    if (!iam) {
      return null;
    }
    String action = request.actionLower();
    if (action.equals("sts:getcalleridentity")) {
      return Ending.NO_PERMISSION_NEEDED;
    }
    if (action.equals("sts:getsessiontoken")) {
      return longTermCredentials()
          ? Ending.NO_PERMISSION_NEEDED
          : Ending.LONG_TERM_CREDENTIALS_ONLY;
    }
    return null;
  }

  /** Whether the request is signed with an IAM user's or the root user's long-term credentials. */
  boolean longTermCredentials() {
    return (caller.kind() == Caller.Kind.USER || caller.kind() == Caller.Kind.ROOT)
        && !request.context().contains("aws:TokenIssueTime");
  }

  /**
   * Step 1: every policy that takes part is searched for an applicable Deny. Untraced, the search
   * stops at the first (an explicit deny decides); traced, it goes on so that every policy's
   * statements are reported.
   */
  private boolean explicitlyDenied() {
    rcp = rcpsApply ? new Scan[evaluator.rcps.size()] : NO_LEVELS;
    for (int i = 0; i < rcp.length; i++) {
      rcp[i] = Scan.of(evaluator.rcps.get(i), state);
      if (stopsAtDeny(rcp[i])) {
        return true;
      }
    }
    scp = scpsApply ? new Scan[evaluator.scps.size()] : NO_LEVELS;
    for (int i = 0; i < scp.length; i++) {
      scp[i] = Scan.of(evaluator.scps.get(i), state);
      if (stopsAtDeny(scp[i])) {
        return true;
      }
    }
    endpoint = evaluator.endpoint == null ? Scan.NONE : Scan.of(evaluator.endpointGroup, state);
    if (stopsAtDeny(endpoint)) {
      return true;
    }
    resource = evaluator.resource == null ? Scan.NONE : Scan.of(evaluator.resourceGroup, state);
    if (stopsAtDeny(resource)) {
      return true;
    }
    identity = iam ? Scan.of(evaluator.identityGroup, state) : Scan.NONE;
    if (stopsAtDeny(identity)) {
      return true;
    }
    boundary = boundaryApplies ? Scan.of(evaluator.boundaryGroup, state) : Scan.NONE;
    if (stopsAtDeny(boundary)) {
      return true;
    }
    session = sessionApplies ? Scan.of(evaluator.sessionGroup, state) : Scan.NONE;
    if (stopsAtDeny(session)) {
      return true;
    }
    return narrator != null && scans().stream().anyMatch(scan -> scan.deny);
  }

  /** Whether the untraced search stops here: the scan found a Deny. */
  private boolean stopsAtDeny(Scan scan) {
    return scan.deny && narrator == null;
  }

  /** Every scan of step 1, in evaluation order. */
  List<Scan> scans() {
    List<Scan> scans = new ArrayList<>(Arrays.asList(rcp));
    scans.addAll(Arrays.asList(scp));
    scans.addAll(List.of(endpoint, resource, identity, boundary, session));
    return scans;
  }

  /**
   * Steps 2 and 3: every level of the RCPs, then of the SCPs, must allow; they never grant. A level
   * without an applicable Allow is reported as an implicit deny (§12.11).
   */
  private boolean everyLevelAllows(Scan[] levels) {
    for (int i = 0; i < levels.length; i++) {
      if (!levels[i].allow) {
        failedLevel = i + 1;
        return false;
      }
    }
    return true;
  }

  /**
   * §9.7, §9.8: for anonymous callers, services and federated providers only a resource policy that
   * names them (or "*") can allow.
   */
  private Ending resourcePolicyAlone() {
    if (grant() != null) {
      return Ending.NON_IAM_ALLOWED;
    }
    return restrictedGrant() != null ? Ending.PUBLIC_GRANT_RESTRICTED : Ending.NON_IAM_NOT_ALLOWED;
  }

  /**
   * §9.6: the caller's account must allow (identity ∩ boundary ∩ session) and the resource policy
   * must allow the caller, whatever the form of the Principal. The same-account shortcuts of §9.4
   * do not apply (§12.14).
   */
  private Ending crossAccount() {
    if (grant() == null) {
      return restrictedGrant() != null
          ? Ending.PUBLIC_GRANT_RESTRICTED
          : Ending.CROSS_ACCOUNT_NOT_GRANTED;
    }
    return callerSideAllows()
        ? Ending.CROSS_ACCOUNT_ALLOWED
        : Ending.CROSS_ACCOUNT_CALLER_NOT_ALLOWED;
  }

  /**
   * §9.5: the role's trust policy or the key's policy must allow the caller, even the root user;
   * naming the account delegates to the identity-based policies, naming the role leaves the grant
   * within the boundary and session policies.
   */
  private Ending specialResource() {
    Naming grant = grant();
    if (grant == null) {
      return Ending.SPECIAL_NOT_GRANTED;
    }
    boolean ok;
    Ending allowed;
    switch (grant) {
      case ACCOUNT -> {
        ok = callerSideAllows();
        allowed = Ending.SPECIAL_GRANT_TO_ACCOUNT;
      }
      case ROLE -> {
        ok = boundaryAllows() && sessionAllows();
        allowed = Ending.SPECIAL_GRANT_TO_ROLE;
      }
      default -> {
        // docs/semantics.md §12.9: a trust policy naming the caller still needs the caller's
        // permissions boundary to allow sts:AssumeRole (the trust-policy note wins over the
        // general rule that boundaries do not limit resource-policy grants to a user).
        boolean trust = request.special() == Request.Special.TRUST;
        ok = !trust || boundaryAllows();
        allowed = trust ? Ending.TRUST_GRANT : Ending.KEY_GRANT;
      }
    }
    return ok ? allowed : Ending.SPECIAL_GRANT_LIMITED;
  }

  /**
   * §9.4: a same-account resource policy grants on its own, depending on how it names the caller:
   * directly (user, session, "*") without limits; by role ARN within the boundary and session
   * policies; by account only through the identity-based policies (§12.13: an account principal
   * delegates to the account, documented for trust and key policies, read the same way for every
   * resource policy). Otherwise the identity-based policies must allow.
   */
  private Ending sameAccountGrant() {
    Naming grant = grant();
    if (grant != null && grant.unlimited()) {
      return Ending.RESOURCE_GRANT;
    }
    if (grant == Naming.ROLE && boundaryAllows() && sessionAllows()) {
      return Ending.ROLE_GRANT;
    }
    if (callerSideAllows()) {
      return Ending.IDENTITY_GRANT;
    }
    return grant == Naming.ROLE ? Ending.ROLE_GRANT_LIMITED : Ending.NOT_ALLOWED;
  }

  /**
   * Step 4: the strongest way an applicable Allow of the resource policy names the caller; none
   * when S3 Block Public Access restricts the policy for this caller (§9.13).
   */
  @Nullable Naming grant() {
    return publicGrantRestricted ? null : resource.naming;
  }

  /** The grant S3 Block Public Access took away (§9.13), or null. */
  @Nullable Naming restrictedGrant() {
    return publicGrantRestricted ? resource.naming : null;
  }

  boolean sameAccount() {
    return caller.account().equals(request.resourceAccount());
  }

  /**
   * Step 5: the identity-based policies allow; the root user counts as allowed by its identity,
   * also when calling another account, where that account's resource policy must still allow it
   * (§12.15).
   */
  boolean identityAllows() {
    return caller.kind() == Caller.Kind.ROOT || identity.allow;
  }

  /** Step 6: the permissions boundary, if the caller has one, allows. */
  boolean boundaryAllows() {
    return !boundaryApplies || boundary.allow;
  }

  /**
   * Step 7: the session policies allow. A role session's limit only if passed; a federated user's
   * must be passed and allow.
   */
  boolean sessionAllows() {
    if (!caller.isSession()) {
      return true;
    }
    if (caller.kind() == Caller.Kind.FEDERATED_USER) {
      return !evaluator.sessions.isEmpty() && session.allow;
    }
    return evaluator.sessions.isEmpty() || session.allow;
  }

  /** Steps 5 to 7 together: the caller's side allows. */
  boolean callerSideAllows() {
    return identityAllows() && boundaryAllows() && sessionAllows();
  }
}
