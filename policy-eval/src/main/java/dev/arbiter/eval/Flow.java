package dev.arbiter.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The decision flow of docs/semantics.md §9.2 for one request: explicit deny, RCP levels, SCP
 * levels, resource-based policy, identity-based policies, permissions boundary, session policies,
 * with the special resources of §9.5 and the cross-account rule of §9.6. One instance per
 * evaluation.
 */
final class Flow {
  /** Resources whose own policy must always allow (§9.5). */
  private enum Special {
    NONE,
    TRUST,
    KEY
  }

  private final Evaluator evaluator;
  private final PolicySet set;
  private final Request request;
  private final Caller caller;
  private final Trace trace;
  private final EvalState state;
  private String summary = "";
  private final List<StatementRef> decisive;

  Flow(Evaluator evaluator, Request request, Trace trace) {
    this.evaluator = evaluator;
    this.set = evaluator.policies();
    this.request = request;
    this.caller = request.caller();
    this.trace = trace;
    this.decisive = trace.on ? new ArrayList<>() : List.of();
    this.state = new EvalState(request, trace, !evaluator.boundaries.isEmpty(), evaluator.probe());
  }

  String summary() {
    return summary;
  }

  List<StatementRef> decisive() {
    return decisive;
  }

  Decision run() {
    boolean iam = caller.isIamPrincipal();
    // §9.1: SCPs bind the IAM principals of member accounts, except the management account's and
    // service-linked roles; anonymous and service callers belong to no account.
    boolean scpApplies =
        iam
            && !evaluator.scps.isEmpty()
            && !set.principalAccountIsManagement()
            && !set.principalIsServiceLinkedRole();
    // RCPs bind every request for a member account's resources, whoever the caller; the
    // management account's resources and kms:RetireGrant are exempt. §12.12: an exemption of
    // service-linked roles from RCPs is not confirmed, so principalIsServiceLinkedRole does not
    // lift them (only SCPs).
    boolean rcpApplies =
        !evaluator.rcps.isEmpty()
            && !set.resourceAccountIsManagement()
            && !request.actionLower().equals("kms:retiregrant");
    // §9.7, §9.8: identity-based policies, boundaries and session policies belong to IAM
    // principals; session policies only to sessions (§9.2 step 7).
    boolean boundaryApplies = iam && !evaluator.boundaries.isEmpty();
    boolean sessionApplies = caller.isSession();
    if (trace.on) {
      describeParticipants(iam, scpApplies, rcpApplies, boundaryApplies, sessionApplies);
    }

    // Step 1: every applicable policy is searched for a Deny.
    List<Scan> scans = trace.on ? new ArrayList<>() : List.of();
    Scan[] rcp = new Scan[rcpApplies ? evaluator.rcps.size() : 0];
    for (int i = 0; i < rcp.length; i++) {
      rcp[i] = Scan.of(evaluator.rcps.get(i), state);
      if (denied(rcp[i], scans)) {
        return Decision.EXPLICIT_DENY;
      }
    }
    Scan[] scp = new Scan[scpApplies ? evaluator.scps.size() : 0];
    for (int i = 0; i < scp.length; i++) {
      scp[i] = Scan.of(evaluator.scps.get(i), state);
      if (denied(scp[i], scans)) {
        return Decision.EXPLICIT_DENY;
      }
    }
    Scan resource =
        evaluator.resource == null ? Scan.NONE : Scan.of(evaluator.resourceGroup, state);
    if (denied(resource, scans)) {
      return Decision.EXPLICIT_DENY;
    }
    Scan identity = iam ? Scan.of(evaluator.identityGroup, state) : Scan.NONE;
    if (denied(identity, scans)) {
      return Decision.EXPLICIT_DENY;
    }
    Scan boundary = boundaryApplies ? Scan.of(evaluator.boundaryGroup, state) : Scan.NONE;
    if (denied(boundary, scans)) {
      return Decision.EXPLICIT_DENY;
    }
    Scan session = sessionApplies ? Scan.of(evaluator.sessionGroup, state) : Scan.NONE;
    if (denied(session, scans)) {
      return Decision.EXPLICIT_DENY;
    }
    if (trace.on) {
      for (Scan scan : scans) {
        decisive.addAll(scan.denies);
      }
      if (!decisive.isEmpty()) {
        summary =
            "Explicitly denied: "
                + decisive.get(0)
                + (decisive.size() > 1 ? " and " + (decisive.size() - 1) + " more Deny" : "")
                + " applies to the request, and an explicit deny overrides every allow.";
        trace.step("Deny evaluation: " + decisive.size() + " Deny statement(s) apply.");
        return Decision.EXPLICIT_DENY;
      }
      trace.step("Deny evaluation: no Deny statement applies.");
    }

    // Steps 2 and 3: every RCP level, then every SCP level, must allow. They never grant.
    for (int i = 0; i < rcp.length; i++) {
      if (!rcp[i].allow) {
        int level = i + 1;
        // §12.11: a level without an applicable Allow is reported as an implicit deny.
        return implicit(
            () ->
                "RCP level "
                    + level
                    + " of "
                    + rcp.length
                    + " has no statement that allows "
                    + request.action()
                    + " on the resource; every level of the resource account's RCPs must allow it.");
      }
    }
    if (rcp.length > 0 && trace.on) {
      trace.step("RCPs: each of the " + rcp.length + " level(s) allows.");
    }
    for (int i = 0; i < scp.length; i++) {
      if (!scp[i].allow) {
        int level = i + 1;
        // §12.11: a level without an applicable Allow is reported as an implicit deny.
        return implicit(
            () ->
                "SCP level "
                    + level
                    + " of "
                    + scp.length
                    + " has no statement that allows "
                    + request.action()
                    + "; every level of the caller's SCPs must allow it.");
      }
    }
    if (scp.length > 0 && trace.on) {
      trace.step("SCPs: each of the " + scp.length + " level(s) allows.");
    }

    Naming grant = resource.naming;
    Special special = special();
    String resourceKind =
        switch (special) {
          case TRUST -> "the role trust policy";
          case KEY -> "the key policy";
          case NONE -> "the resource-based policy";
        };
    if (trace.on) {
      trace.step(
          evaluator.resource == null
              ? "Resource-based policy: none."
              : grant == null
                  ? "Resource-based policy: no statement allows the caller."
                  : "Resource-based policy: allows, naming " + grant.describe() + ".");
    }

    if (!iam) {
      // §9.7, §9.8: for anonymous callers, services and federated providers only a resource
      // policy that names them (or "*") can allow.
      if (grant != null) {
        return allowed(
            List.of(resource),
            rcp,
            scp,
            () ->
                "Allowed: "
                    + resourceKind
                    + " allows "
                    + callerLabel()
                    + ", and nothing denies it.");
      }
      return implicit(
          () ->
              "Only a resource-based policy can allow "
                  + callerLabel()
                  + ", and "
                  + (evaluator.resource == null ? "there is none." : resourceKind + " does not."));
    }

    // §9.2 step 5: the root user counts as allowed by its identity; also when calling another
    // account, where that account's resource policy must still allow it (§12.15).
    boolean identityOk = caller.kind() == Caller.Kind.ROOT || identity.allow;
    boolean boundaryOk = !boundaryApplies || boundary.allow;
    boolean sessionOk = sessionAllows(session);
    boolean identityPath = identityOk && boundaryOk && sessionOk;
    if (trace.on) {
      trace.step(
          "Identity-based policies: "
              + (caller.kind() == Caller.Kind.ROOT
                  ? "the root user has full access by default."
                  : identity.allow ? "allow." : "no statement allows."));
      if (boundaryApplies) {
        trace.step("Permissions boundary: " + (boundary.allow ? "allows." : "does not allow."));
      }
      if (sessionApplies) {
        trace.step("Session policies: " + (sessionOk ? "do not limit it." : "do not allow."));
      }
    }
    List<Scan> identityScans = List.of(identity, boundary, session);
    boolean sameAccount = caller.account().equals(request.resourceAccount());

    if (!sameAccount) {
      // §9.6: the caller's account must allow (identity ∩ boundary ∩ session) and the resource
      // policy must allow the caller, whatever the form of the Principal. The same-account
      // shortcuts of §9.4 do not apply (§12.14).
      trace.step("Cross-account request: both accounts must allow.");
      if (grant == null) {
        return implicit(
            () ->
                "Cross-account request: "
                    + (evaluator.resource == null
                        ? "there is no resource policy"
                        : resourceKind + " does not allow the caller")
                    + ", so the resource's account does not allow it.");
      }
      if (!identityPath) {
        return implicit(
            () -> "Cross-account request: " + identityFailure(identity, boundaryOk, sessionOk));
      }
      List<Scan> both = new ArrayList<>(identityScans);
      both.add(resource);
      return allowed(
          both,
          rcp,
          scp,
          () ->
              "Allowed: the caller's identity-based policies and "
                  + resourceKind
                  + " both allow it.");
    }

    if (special != Special.NONE) {
      // §9.5: the role's trust policy or the key's policy must allow the caller, even for the
      // root user; naming the account delegates to the identity-based policies.
      if (grant == null) {
        return implicit(
            () ->
                (evaluator.resource == null
                        ? "There is no " + resourceKind.substring(4)
                        : resourceKind + " does not allow the caller")
                    + "; "
                    + (special == Special.TRUST
                        ? "a role can be assumed only when its trust policy allows it."
                        : "no principal, not even the root user, can use a KMS key its key policy does not allow.")
                    + (identityOk ? " The identity-based allow alone is not enough." : ""));
      }
      boolean ok;
      List<Scan> needed = new ArrayList<>();
      needed.add(resource);
      switch (grant) {
        case ACCOUNT -> {
          ok = identityPath;
          needed.addAll(identityScans);
        }
        case ROLE -> {
          ok = boundaryOk && sessionOk;
          needed.add(boundary);
          needed.add(session);
        }
        default -> {
          // docs/semantics.md §12.9: a trust policy naming the caller still needs the caller's
          // permissions boundary to allow sts:AssumeRole (the trust-policy note wins over the
          // general rule that boundaries do not limit resource-policy grants to a user).
          ok = special != Special.TRUST || boundaryOk;
          if (special == Special.TRUST) {
            needed.add(boundary);
          }
        }
      }
      if (!ok) {
        return implicit(
            () ->
                resourceKind
                    + " allows the caller by "
                    + grant.describe()
                    + ", but "
                    + (grant == Naming.ACCOUNT
                        ? identityFailure(identity, boundaryOk, sessionOk)
                        : limitFailure(boundaryOk, sessionOk)));
      }
      return allowed(
          needed,
          rcp,
          scp,
          () -> "Allowed: " + resourceKind + " allows the caller by " + grant.describe() + ".");
    }

    // §9.4: a same-account resource policy grants on its own, depending on how it names the
    // caller: directly (user, session, "*") without limits; by role ARN within the boundary and
    // session policies; by account only through the identity-based policies (§12.13: an account
    // principal delegates to the account, documented for trust and key policies, read the same
    // way for every resource policy).
    if (grant != null && grant.unlimited()) {
      return allowed(
          List.of(resource),
          rcp,
          scp,
          () ->
              "Allowed: "
                  + resourceKind
                  + " allows the caller by "
                  + grant.describe()
                  + "; such a grant needs no identity-based allow.");
    }
    if (grant == Naming.ROLE && boundaryOk && sessionOk) {
      return allowed(
          List.of(resource, boundary, session),
          rcp,
          scp,
          () ->
              "Allowed: "
                  + resourceKind
                  + " allows the caller's role ARN, within its permissions boundary and session"
                  + " policies.");
    }
    if (identityPath) {
      return allowed(
          identityScans,
          rcp,
          scp,
          () ->
              caller.kind() == Caller.Kind.ROOT && !identity.allow
                  ? "Allowed: the root user has full access to its own account's resources."
                  : "Allowed: an identity-based policy allows it"
                      + (boundaryApplies ? ", within the permissions boundary" : "")
                      + (sessionApplies && !evaluator.sessions.isEmpty()
                          ? " and the session policies"
                          : "")
                      + ".");
    }
    if (grant == Naming.ROLE) {
      return implicit(
          () ->
              resourceKind
                  + " allows the caller's role ARN, a grant limited by the session's own policies: "
                  + limitFailure(boundaryOk, sessionOk));
    }
    return implicit(() -> identityFailure(identity, boundaryOk, sessionOk));
  }

  /**
   * §9.2 step 7: a role session's session policies limit only if passed; a federated user's must.
   */
  private boolean sessionAllows(Scan session) {
    if (!caller.isSession()) {
      return true;
    }
    if (caller.kind() == Caller.Kind.FEDERATED_USER) {
      return !evaluator.sessions.isEmpty() && session.allow;
    }
    return evaluator.sessions.isEmpty() || session.allow;
  }

  private String identityFailure(Scan identity, boolean boundaryOk, boolean sessionOk) {
    if (!(caller.kind() == Caller.Kind.ROOT || identity.allow)) {
      return "no identity-based policy allows "
          + request.action()
          + " on "
          + request.resource()
          + ".";
    }
    return limitFailure(boundaryOk, sessionOk);
  }

  /** Why the boundary or session policies stop a grant. */
  private String limitFailure(boolean boundaryOk, boolean sessionOk) {
    if (!boundaryOk) {
      return "the permissions boundary does not allow " + request.action() + ".";
    }
    if (!sessionOk) {
      return caller.kind() == Caller.Kind.FEDERATED_USER && evaluator.sessions.isEmpty()
          ? "a federated user's session needs a session policy that allows it, and none was passed."
          : "no session policy allows " + request.action() + ".";
    }
    return "nothing allows it.";
  }

  /** Whether the scan found a Deny; records the scan for the explanation. */
  private boolean denied(Scan scan, List<Scan> scans) {
    if (trace.on) {
      scans.add(scan);
    }
    return scan.deny && !trace.on;
  }

  private Decision implicit(Supplier<String> why) {
    if (trace.on) {
      String reason = why.get();
      summary =
          "Implicitly denied: " + Character.toLowerCase(reason.charAt(0)) + reason.substring(1);
      trace.step("Result: " + reason);
    }
    return Decision.IMPLICIT_DENY;
  }

  private Decision allowed(List<Scan> grants, Scan[] rcp, Scan[] scp, Supplier<String> reason) {
    if (trace.on) {
      for (Scan scan : rcp) {
        decisive.addAll(scan.allows);
      }
      for (Scan scan : scp) {
        decisive.addAll(scan.allows);
      }
      for (Scan scan : grants) {
        decisive.addAll(scan.allows);
      }
      summary = reason.get();
      trace.step("Result: allowed.");
    }
    return Decision.ALLOWED;
  }

  private Special special() {
    return switch (request.special()) {
      case Request.TRUST -> Special.TRUST;
      case Request.KEY -> Special.KEY;
      default -> Special.NONE;
    };
  }

  /**
   * Whether the request is for a role's trust policy (§9.5): {@code sts:AssumeRole*}, and the
   * {@code sts:TagSession} / {@code sts:SetSourceIdentity} that accompany it, on an IAM role ARN.
   */
  static boolean isTrustRequest(Request request) {
    return request.special() == Request.TRUST;
  }

  private String callerLabel() {
    return switch (caller.kind()) {
      case ANONYMOUS -> "an anonymous caller";
      case SERVICE -> "the service principal " + caller.text();
      case FEDERATED -> "the federated principal " + caller.text();
      default -> caller.text();
    };
  }

  private void describeParticipants(
      boolean iam,
      boolean scpApplies,
      boolean rcpApplies,
      boolean boundaryApplies,
      boolean sessionApplies) {
    List<String> parts = new ArrayList<>();
    parts.add(
        "caller "
            + caller.text()
            + " ("
            + caller.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ')
            + ")");
    if (iam) {
      parts.add(
          evaluator.identity.size()
              + " identity-based polic"
              + (evaluator.identity.size() == 1 ? "y" : "ies"));
    } else if (!evaluator.identity.isEmpty()) {
      trace.warn("identity-based policies are ignored: " + callerLabel() + " has none");
    }
    if (evaluator.resource != null) {
      parts.add(
          "resource policy "
              + evaluator.resource.named.name()
              + " ("
              + evaluator.resource.type.cliName()
              + ")");
    }
    if (boundaryApplies) {
      parts.add("permissions boundary " + evaluator.boundaries.get(0).named.name());
    } else if (!evaluator.boundaries.isEmpty()) {
      trace.warn(
          "the permissions boundary is ignored: " + callerLabel() + " is not an IAM principal");
    }
    if (sessionApplies) {
      parts.add(
          evaluator.sessions.size()
              + " session polic"
              + (evaluator.sessions.size() == 1 ? "y" : "ies"));
    } else if (!evaluator.sessions.isEmpty()) {
      trace.warn(
          "session policies are ignored: the caller is not a role or federated-user session");
    }
    if (scpApplies) {
      parts.add(evaluator.scps.size() + " SCP level(s)");
    } else if (!evaluator.scps.isEmpty()) {
      parts.add(
          "SCPs not applied ("
              + (!iam
                  ? "the caller is not an IAM principal"
                  : set.principalAccountIsManagement()
                      ? "the caller's account is the management account"
                      : "the caller is a service-linked role")
              + ")");
    }
    if (rcpApplies) {
      parts.add(evaluator.rcps.size() + " RCP level(s)");
    } else if (!evaluator.rcps.isEmpty()) {
      parts.add(
          "RCPs not applied ("
              + (set.resourceAccountIsManagement()
                  ? "the resource's account is the management account"
                  : "kms:RetireGrant is exempt")
              + ")");
    }
    trace.step("Policies: " + String.join("; ", parts) + ".");
    if (iam) {
      trace.step(
          caller.account().equals(request.resourceAccount())
              ? "Same-account request (account " + caller.account() + ")."
              : "Cross-account request: caller in "
                  + caller.account()
                  + ", resource in "
                  + request.resourceAccount()
                  + ".");
    }
  }
}
