package dev.arbiter.lint.rules;

import dev.arbiter.policy.ActionPattern;
import dev.arbiter.policy.Effect;
import dev.arbiter.policy.Policy;
import dev.arbiter.policy.PolicyType;
import dev.arbiter.policy.Principal;
import dev.arbiter.policy.Principals;
import dev.arbiter.policy.Statement;
import java.util.Locale;
import java.util.Set;

/**
 * Detects the policy type of a document for the linter: {@link PolicyType#detect} (identity, trust
 * or resource), refined to {@link PolicyType#RCP} for documents that can only be resource control
 * policies.
 *
 * <p>The RCP rule is deliberately narrow, because a resource policy and an RCP share their syntax:
 * every statement has {@code "Principal": "*"} and {@code "Resource": "*"}; at least one statement
 * denies; every Allow is the {@code RCPFullAWSAccess} shape (all actions, no condition); and every
 * action belongs to a service that RCPs support. A VPC endpoint's default policy (one Allow of
 * everything) is therefore still a resource policy. SCPs are not detected: an SCP cannot be told
 * from an identity-based policy by its content, so give {@code --type scp}.
 */
final class PolicyTypes {
  private PolicyTypes() {}

  /** Service prefixes that resource control policies support, as documented in 2026. */
  private static final Set<String> RCP_SERVICES =
      Set.of(
          "s3",
          "sts",
          "sqs",
          "sns",
          "kms",
          "secretsmanager",
          "ecr",
          "aoss",
          "logs",
          "dynamodb",
          "cognito-identity",
          "cognito-idp");

  /** Whether the documented list above names the service prefix (lower case). */
  static boolean documentedRcpService(String prefix) {
    return RCP_SERVICES.contains(prefix.toLowerCase(Locale.ROOT));
  }

  static PolicyType detect(Policy policy) {
    PolicyType detected = PolicyType.detect(policy);
    if (detected == PolicyType.RESOURCE && looksLikeRcp(policy)) {
      return PolicyType.RCP;
    }
    return detected;
  }

  private static boolean looksLikeRcp(Policy policy) {
    boolean deny = false;
    for (Statement statement : policy.statements()) {
      if (!everyone(statement) || !allResources(statement)) {
        return false;
      }
      if (statement.effect() == Effect.DENY) {
        deny = true;
      } else if (statement.actions().negated()
          || statement.condition().isPresent()
          || statement.actions().patterns().size() != 1
          || !statement.actions().patterns().get(0).isAll()) {
        return false;
      }
      for (ActionPattern action : statement.actions().patterns()) {
        if (!action.isAll() && !RCP_SERVICES.contains(action.service().toLowerCase(Locale.ROOT))) {
          return false;
        }
      }
    }
    return deny;
  }

  private static boolean everyone(Statement statement) {
    if (statement.principals().isEmpty()) {
      return false;
    }
    Principals principals = statement.principals().get();
    if (principals.negated()) {
      return false;
    }
    if (principals.wildcard()) {
      return true;
    }
    return principals.all().size() == 1
        && principals.all().get(0).kind() == Principal.Kind.EVERYONE;
  }

  private static boolean allResources(Statement statement) {
    return statement
        .resources()
        .map(r -> !r.negated() && r.patterns().size() == 1 && r.patterns().get(0).isAll())
        .orElse(false);
  }
}
