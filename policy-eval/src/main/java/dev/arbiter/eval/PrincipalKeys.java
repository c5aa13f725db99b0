package dev.arbiter.eval;

import static dev.arbiter.policy.internal.OneLine.quote;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The context keys AWS sets on every request from the caller alone (docs/semantics.md §2.4): {@code
 * aws:PrincipalArn}, {@code aws:PrincipalAccount}, {@code aws:PrincipalType}, and {@code
 * aws:username} for an IAM user. One derivation, used by {@link
 * Request.Builder#fillPrincipalKeys()} (scenarios, {@code arbiter simulate}) and by {@code arbiter
 * query}, which adds what an account snapshot knows besides (unique IDs, tags, the organization).
 *
 * <p>Only IAM principals have them: for an anonymous caller, an AWS service or a web identity or
 * SAML caller nothing is derived, and a context must give such keys itself.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html">AWS
 *     global condition context keys</a>
 * @see <a
 *     href="https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html">IAM
 *     policy elements: Variables and tags (principal key values)</a>
 */
public final class PrincipalKeys {
  private PrincipalKeys() {}

  /**
   * The keys derived from a request principal, in the order {@code aws:PrincipalArn}, {@code
   * aws:PrincipalAccount}, {@code aws:PrincipalType}, {@code aws:username}. For a role session,
   * {@code aws:PrincipalArn} is the role's ARN without a path, since a session ARN does not carry
   * it; use {@link #of(String, String)} when the role's ARN is known.
   *
   * @throws IllegalArgumentException if {@code principal} is not a request principal ({@link
   *     Request.Builder#principal})
   */
  public static Map<String, String> of(String principal) {
    return of(Caller.parse(principal));
  }

  static Map<String, String> of(Caller caller) {
    String roleArn =
        "arn:" + caller.partition() + ":iam::" + caller.account() + ":role/" + caller.roleName();
    return derive(caller, roleArn);
  }

  /**
   * The keys derived from a role session whose role's ARN (with its path) is known.
   *
   * @throws IllegalArgumentException if {@code sessionArn} is not a role session, or {@code
   *     roleArn} is not the ARN of the session's role
   */
  public static Map<String, String> of(String sessionArn, String roleArn) {
    Caller caller = Caller.parse(sessionArn);
    String prefix = "arn:" + caller.partition() + ":iam::" + caller.account() + ":role/";
    if (caller.kind() != Caller.Kind.ASSUMED_ROLE
        || !roleArn.startsWith(prefix)
        || !roleArn.endsWith("/" + caller.roleName())) {
      throw new IllegalArgumentException(
          quote(roleArn) + " is not the role of the session " + quote(sessionArn));
    }
    return derive(caller, roleArn);
  }

  private static Map<String, String> derive(Caller caller, String roleArn) {
    String type =
        switch (caller.kind()) {
          case USER -> "User";
          case ROOT -> "Account";
          case ASSUMED_ROLE -> "AssumedRole";
          case FEDERATED_USER -> "FederatedUser";
          case SERVICE, FEDERATED, ANONYMOUS -> "";
        };
    if (type.isEmpty()) {
      return Map.of();
    }
    String arn = caller.kind() == Caller.Kind.ASSUMED_ROLE ? roleArn : caller.text();
    Map<String, String> keys = new LinkedHashMap<>();
    keys.put("aws:PrincipalArn", arn);
    keys.put("aws:PrincipalAccount", caller.account());
    keys.put("aws:PrincipalType", type);
    if (caller.kind() == Caller.Kind.USER) {
      keys.put("aws:username", arn.substring(arn.lastIndexOf('/') + 1));
    }
    return Collections.unmodifiableMap(keys);
  }
}
