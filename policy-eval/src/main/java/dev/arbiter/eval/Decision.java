package dev.arbiter.eval;

import java.util.Optional;

/**
 * The three outcomes of an authorization decision, as AWS's policy simulator reports them.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_AccessPolicyLanguage_Interplay.html">The
 *     difference between explicit and implicit denies</a>
 */
public enum Decision {
  /** Every policy that must allow the request does, and no statement denies it. */
  ALLOWED("allowed"),
  /** A {@code Deny} statement that applies to the request denies it; nothing can override that. */
  EXPLICIT_DENY("explicitDeny"),
  /** No statement denies the request, but an allow that it needs is missing. */
  IMPLICIT_DENY("implicitDeny");

  private final String json;

  Decision(String json) {
    this.json = json;
  }

  /** The JSON spelling: {@code allowed}, {@code explicitDeny} or {@code implicitDeny}. */
  public String json() {
    return json;
  }

  /** Whether the request is allowed. */
  public boolean isAllowed() {
    return this == ALLOWED;
  }

  /** The decision spelt {@code text} exactly, as in {@link #json()}. */
  public static Optional<Decision> fromJson(String text) {
    for (Decision decision : values()) {
      if (decision.json.equals(text)) {
        return Optional.of(decision);
      }
    }
    return Optional.empty();
  }

  /** Returns {@link #json()}. */
  @Override
  public String toString() {
    return json;
  }
}
