package dev.arbiter.query;

import dev.arbiter.eval.PolicySet;
import java.util.List;

/**
 * Every policy AWS consults for one caller on resources of one account, assembled from the loaded
 * snapshots as {@code query} assembles them, for a check over all requests ({@code arbiter check
 * access-not-granted --account}; docs/reasoning.md, "Policy sets").
 *
 * @param caller the caller, as requests name it ({@link AccountPrincipal#arn()}: a user, or a role
 *     session)
 * @param resourceAccount the 12-digit account that owns the resources
 * @param policies the identity policies, boundary, SCP and RCP levels, endpoint policy, and the
 *     resource's policy if one was asked for and is loaded
 * @param warnings what the snapshots lacked (a managed policy, a role's trust policy)
 */
public record CallerPolicies(
    AccountPrincipal caller, String resourceAccount, PolicySet policies, List<String> warnings) {

  /** Copies the warnings. */
  public CallerPolicies {
    warnings = List.copyOf(warnings);
  }
}
