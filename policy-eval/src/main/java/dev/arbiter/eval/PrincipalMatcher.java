package dev.arbiter.eval;

import dev.arbiter.policy.Arn;
import dev.arbiter.policy.Principal;
import dev.arbiter.policy.Principals;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A statement's {@code Principal} or {@code NotPrincipal} (docs/semantics.md §5). Values are
 * compared whole and case-sensitively; a wildcard inside a value matches nothing (§5.2), and so do
 * unique IDs and canonical user IDs, which a request ARN cannot be compared with (§5.3).
 */
final class PrincipalMatcher {
  private final Principals element;
  private final boolean allow;

  /**
   * Whether {@code "*"} and NotPrincipal reach AWS service principals here (docs/semantics.md §9.8,
   * §12.0): AWS does not say. A Deny and the gates (RCPs, VPC endpoint policies, which never grant
   * and whose Principal is {@code "*"}) reach them; an Allow of a resource or trust policy, which
   * grants, does not: a service is granted only when named.
   */
  private final boolean reachesServices;

  /**
   * Whether an account principal names only the account's root user: in an Allow of a VPC endpoint
   * policy, where a gateway endpoint reads it so (docs/semantics.md §10.1). An interface endpoint
   * reads it as the whole account; AWS's policy does not say which kind of endpoint it is, so by
   * §12.0 an Allow takes the narrower reading and a Deny the wider.
   */
  private final boolean accountMeansRoot;

  private final Entry[] entries;

  /** One value with the parts its kind is compared on. */
  private record Entry(
      Principal principal, Principal.Kind kind, String partition, String account, String name) {

    static Entry of(Principal principal) {
      Principal.Kind kind = principal.kind();
      String value = principal.value();
      Optional<Arn> arn = Arn.tryParse(value);
      String partition = arn.map(Arn::partition).orElse("");
      String account = principal.accountId().orElse("");
      String name = "";
      if (kind == Principal.Kind.ROLE && arn.isPresent()) {
        String resource = arn.get().resource();
        name = resource.substring(resource.lastIndexOf('/') + 1);
      }
      return new Entry(principal, kind, partition, account, name);
    }

    /** How this value names the caller, or null if it does not. */
    @Nullable Naming match(Caller caller) {
      return switch (kind) {
        case EVERYONE -> Naming.EVERYONE;
        case ACCOUNT ->
            caller.isIamPrincipal() && caller.account().equals(account) ? Naming.ACCOUNT : null;
        case ROOT ->
            caller.isIamPrincipal()
                    && caller.account().equals(account)
                    && caller.partition().equals(partition)
                ? Naming.ACCOUNT
                : null;
        case USER ->
            caller.kind() == Caller.Kind.USER && caller.text().equals(principal.value())
                ? Naming.DIRECT
                : null;
        case ROLE ->
            caller.kind() == Caller.Kind.ASSUMED_ROLE
                    && caller.account().equals(account)
                    && caller.partition().equals(partition)
                    && caller.roleName().equals(name)
                ? Naming.ROLE
                : null;
        case ASSUMED_ROLE ->
            caller.kind() == Caller.Kind.ASSUMED_ROLE && caller.text().equals(principal.value())
                ? Naming.DIRECT
                : null;
        case FEDERATED_USER ->
            caller.kind() == Caller.Kind.FEDERATED_USER && caller.text().equals(principal.value())
                ? Naming.DIRECT
                : null;
        case SERVICE ->
            caller.kind() == Caller.Kind.SERVICE && caller.text().equals(principal.value())
                ? Naming.DIRECT
                : null;
        case FEDERATED_PROVIDER ->
            (caller.kind() == Caller.Kind.SERVICE || caller.kind() == Caller.Kind.FEDERATED)
                    && caller.text().equals(principal.value())
                ? Naming.DIRECT
                : null;
        // IAM stores unique IDs for deleted entities; a canonical user ID names an S3 account
        // in a form a request ARN cannot be compared with. Neither matches (§5.3).
        case UNIQUE_ID, CANONICAL_USER, UNRECOGNIZED -> null;
      };
    }
  }

  PrincipalMatcher(Principals element, boolean allow, boolean gate, boolean endpoint) {
    this.element = element;
    this.allow = allow;
    this.reachesServices = !allow || gate;
    this.accountMeansRoot = allow && endpoint;
    this.entries = element.all().stream().map(Entry::of).toArray(Entry[]::new);
  }

  Principals element() {
    return element;
  }

  /**
   * How the statement names the caller, or null if it does not apply to the caller. A NotPrincipal
   * is read per effect (docs/semantics.md §5.5, §12.0, §12.3): a Deny exempts a caller only when
   * every level of it is listed, while an Allow excludes a caller listed at any level (its own ARN,
   * its role or its account), whatever its permissions boundary; the Deny's rule, applied to an
   * Allow, would grant the very caller its author excluded.
   */
  @Nullable Naming match(EvalState state) {
    if (element.negated()) {
      boolean excluded = allow ? allowExcludes(state.caller) : exempt(state);
      return excluded ? null : Naming.NOT_PRINCIPAL;
    }
    return named(state.caller);
  }

  /**
   * Whether an Allow with NotPrincipal leaves the caller out: it is listed at some level, or the
   * list is empty (literally it excludes nobody, but AWS does not say, and an empty Principal names
   * nobody: §1.6.1, §12.0), or it is a service the statement cannot reach.
   */
  private boolean allowExcludes(Caller caller) {
    return element.all().isEmpty()
        || named(caller, false) != null
        || (!reachesServices && caller.kind() == Caller.Kind.SERVICE);
  }

  /** Whether the element is "*" or lists it, or is a NotPrincipal (which reads as "all but"). */
  private boolean hasStar() {
    if (element.negated() || element.wildcard()) {
      return true;
    }
    for (Entry entry : entries) {
      if (entry.kind() == Principal.Kind.EVERYONE) {
        return true;
      }
    }
    return false;
  }

  /** Whether "*" leaves out this caller: a service, where "*" does not reach services. */
  private boolean starSkips(Caller caller) {
    return !reachesServices && caller.kind() == Caller.Kind.SERVICE;
  }

  /** The strongest way the listed values name the caller, or null if none does. */
  private @Nullable Naming named(Caller caller) {
    return named(caller, accountMeansRoot);
  }

  /**
   * The same, with {@code rootOnly} saying whether an account principal names only the root user
   * (an Allow's Principal in an endpoint policy); an Allow's NotPrincipal excludes the whole
   * account, the reading that grants less (§12.0).
   */
  private @Nullable Naming named(Caller caller, boolean rootOnly) {
    if (element.wildcard()) {
      // "*" covers every caller, anonymous ones included (§5.1). Whether it covers AWS service
      // principals is not documented (§9.8): see reachesServices.
      return starSkips(caller) ? null : Naming.EVERYONE;
    }
    Naming best = null;
    for (Entry entry : entries) {
      Naming naming = entry.match(caller);
      if (naming == Naming.EVERYONE && starSkips(caller)) {
        continue;
      }
      if (naming == Naming.ACCOUNT && rootOnly && caller.kind() != Caller.Kind.ROOT) {
        continue;
      }
      if (naming != null) {
        best = best == null ? naming : Naming.stronger(best, naming);
      }
    }
    return best;
  }

  /**
   * Whether the caller is exempt from a NotPrincipal Deny (§5.5). AWS may check the account, then
   * the role, then the session, so an exemption holds only when every level is listed: a user's ARN
   * and account; a session's ARN, its role's ARN and the account (§12.3). A principal with a
   * permissions boundary is never exempt.
   */
  private boolean exempt(EvalState state) {
    Caller caller = state.caller;
    if (state.hasBoundary && caller.isIamPrincipal()) {
      return false;
    }
    if (element.wildcard()) {
      return true;
    }
    boolean account = false;
    boolean self = false;
    boolean role = false;
    for (Entry entry : entries) {
      Naming naming = entry.match(caller);
      if (naming == null) {
        continue;
      }
      switch (naming) {
        case EVERYONE -> {
          return true;
        }
        case ACCOUNT -> account = true;
        case ROLE -> role = true;
        case DIRECT -> self = true;
        case NOT_PRINCIPAL, IMPLICIT -> {}
      }
    }
    return switch (caller.kind()) {
      case USER, FEDERATED_USER -> self && account;
      case ASSUMED_ROLE -> self && role && account;
      case ROOT -> account;
      case SERVICE, FEDERATED -> self;
      case ANONYMOUS -> false;
    };
  }

  String describeMiss(EvalState state) {
    String listed =
        element.wildcard()
            ? "\"*\""
            : Messages.list(element.all().stream().map(Principal::value).toList());
    if (element.negated() && allow && element.all().isEmpty()) {
      return "the NotPrincipal list is empty; whom it excludes is unclear, so an Allow grants"
          + " nobody with it (docs/semantics.md §12.0)";
    }
    if (starSkips(state.caller) && hasStar() && named(state.caller) == null) {
      return "principal "
          + state.caller.text()
          + " is an AWS service, and whether "
          + (element.negated() ? "NotPrincipal" : "\"*\"")
          + " covers services is not documented; a grant reaches a service only when it names it"
          + " (docs/semantics.md §9.8)";
    }
    if (element.negated() && allow) {
      Naming level = named(state.caller, false);
      return "NotPrincipal "
          + listed
          + " lists the caller "
          + state.caller.text()
          + (level == null ? "" : " (" + levelText(level) + ")")
          + "; an Allow excludes every listed level";
    }
    if (element.negated()) {
      return "principal "
          + state.caller.text()
          + " is exempt from NotPrincipal "
          + listed
          + ": every level of it is listed";
    }
    return "principal " + state.caller.text() + " is not named by Principal " + listed;
  }

  private static String levelText(Naming level) {
    return switch (level) {
      case EVERYONE -> "as \"*\"";
      case ACCOUNT -> "at the account level";
      case ROLE -> "at the role level";
      case DIRECT, NOT_PRINCIPAL, IMPLICIT -> "by its own ARN";
    };
  }
}
