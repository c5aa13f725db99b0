package dev.arbiter.eval;

/**
 * How a resource-based, trust or key policy statement named the caller. It decides what else the
 * grant needs (docs/semantics.md §9.4): an account only delegates to the account's own policies, a
 * role ARN grant is still limited by the session's boundary and session policies, a direct name is
 * not.
 */
enum Naming {
  /** The statement has no Principal element: it applies to the principal it is attached to. */
  IMPLICIT(3),
  /** The account ID or root ARN: delegation; the caller's identity policies must also allow. */
  ACCOUNT(1),
  /** The role ARN, for a session of that role: limited by boundary and session policies. */
  ROLE(2),
  /** The caller itself: user, session, federated-user ARN, service or provider name. */
  DIRECT(3),
  /** {@code "*"} or {@code {"AWS": "*"}}: everyone, anonymous callers included. */
  EVERYONE(3),
  /** A NotPrincipal statement whose exemptions do not cover the caller. */
  NOT_PRINCIPAL(3);

  private final int strength;

  Naming(int strength) {
    this.strength = strength;
  }

  /** The grant that asks less of the caller's other policies; the first on a tie. */
  static Naming stronger(Naming a, Naming b) {
    return b.strength > a.strength ? b : a;
  }

  /** Whether the grant stands alone, without identity, boundary or session policies. */
  boolean unlimited() {
    return strength == 3;
  }

  String describe() {
    return switch (this) {
      case IMPLICIT -> "the principal the policy is attached to";
      case ACCOUNT -> "the caller's account (delegation to the account's own policies)";
      case ROLE -> "the caller's role ARN";
      case DIRECT -> "the caller's own ARN or name";
      case EVERYONE -> "\"*\" (everyone)";
      case NOT_PRINCIPAL -> "NotPrincipal (every principal not listed)";
    };
  }
}
