package dev.arbiter.reason;

import dev.arbiter.policy.Arn;
import dev.arbiter.policy.internal.OneLine;

/**
 * What a check over a whole {@link dev.arbiter.eval.PolicySet} keeps fixed: the caller the set
 * belongs to and the account that owns the resources. A {@code PolicySet} holds the policies of one
 * caller (its identity policies, boundary, session policies, SCPs) and of one resource account (its
 * resource policy, RCPs), so the checks ask about the requests of that caller on resources of that
 * account; the action, the resource and every condition key range freely.
 *
 * @param principal the caller, as a request names it (a user, a role session, a federated user, the
 *     root user, a service principal, or {@code anonymous})
 * @param resourceAccount the 12-digit account that owns the resources: the caller's own for
 *     same-account access, another for cross-account access (docs/semantics.md §9.4, §9.6)
 */
public record RequestShape(String principal, String resourceAccount) {

  /**
   * Checks the account.
   *
   * @throws IllegalArgumentException if the account is not 12 digits
   */
  public RequestShape {
    if (!resourceAccount.matches("[0-9]{12}")) {
      throw new IllegalArgumentException(
          "resource account " + OneLine.quote(resourceAccount) + " must be 12 digits");
    }
  }

  /**
   * The caller on resources of its own account.
   *
   * @throws IllegalArgumentException if the caller is not an ARN with an account
   */
  public static RequestShape sameAccount(String principal) {
    String account = Arn.tryParse(principal).map(Arn::account).orElse("");
    if (account.isEmpty()) {
      throw new IllegalArgumentException(
          OneLine.quote(principal) + " names no account; give the resource account");
    }
    return new RequestShape(principal, account);
  }
}
