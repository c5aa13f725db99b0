package dev.arbiter.eval;

import dev.arbiter.policy.Effect;
import dev.arbiter.policy.PolicyType;
import dev.arbiter.policy.SourceLocation;
import dev.arbiter.policy.Statement;
import java.util.Optional;

/**
 * Which statement of which policy: the policy's name, kind and (for an SCP or RCP) level, the
 * statement's index (from 0) and the statement itself, whose {@code Sid} and source position
 * explanations show.
 *
 * @param policyName the name of the policy: a scenario's name for it, its file, or a managed or
 *     inline policy's name
 * @param policyType the part the policy plays: {@code IDENTITY}, {@code RESOURCE}, {@code TRUST},
 *     {@code PERMISSIONS_BOUNDARY}, {@code SESSION}, {@code SCP}, {@code RCP} or {@code
 *     VPC_ENDPOINT}
 * @param index the statement's position in the policy, from 0
 * @param statement the statement
 * @param level for an SCP or RCP, the level of the organization it is attached at ({@code root},
 *     {@code OU ou-ab12-11111111}, {@code account 111122223333}; see {@link
 *     PolicySet#serviceControlPolicyLevelNames()}); empty for every other kind of policy
 */
public record StatementRef(
    String policyName, PolicyType policyType, int index, Statement statement, String level) {

  /** A statement of a policy that is not attached at a level of an organization. */
  public StatementRef(String policyName, PolicyType policyType, int index, Statement statement) {
    this(policyName, policyType, index, statement, "");
  }

  /** The statement's {@code Sid}, if it has one. */
  public Optional<String> sid() {
    return statement.sid();
  }

  /** {@code Allow} or {@code Deny}. */
  public Effect effect() {
    return statement.effect();
  }

  /** Where the statement was written (unknown for policies built in code). */
  public SourceLocation location() {
    return statement.location();
  }

  /**
   * The policy with its kind and level: {@code identity policy ReadOnly}, {@code SCP FullAWSAccess
   * at OU ou-ab12-11111111}, {@code resource policy bucket.json}.
   */
  public String policy() {
    String named = kind(policyType) + " " + policyName;
    return level.isEmpty() ? named : named + " at " + level;
  }

  /** How explanations name a kind of policy. */
  static String kind(PolicyType type) {
    return switch (type) {
      case IDENTITY -> "identity policy";
      case RESOURCE -> "resource policy";
      case TRUST -> "trust policy";
      case PERMISSIONS_BOUNDARY -> "permissions boundary";
      case SESSION -> "session policy";
      case SCP -> "SCP";
      case RCP -> "RCP";
      case VPC_ENDPOINT -> "VPC endpoint policy";
    };
  }

  /**
   * Returns, for example, {@code identity policy ReadOnly statement 2 "AllowReads" (Allow, line
   * 14:7)} or {@code SCP DenyRegions at OU ou-ab12-11111111, statement 0 (Deny, line 3:5)}.
   */
  @Override
  public String toString() {
    StringBuilder out =
        new StringBuilder(policy())
            .append(level.isEmpty() ? "" : ",")
            .append(" statement ")
            .append(index);
    statement.sid().ifPresent(sid -> out.append(" \"").append(sid).append('"'));
    out.append(" (").append(statement.effect().json());
    if (location().position().isKnown()) {
      out.append(", line ").append(location().position());
    }
    return out.append(')').toString();
  }
}
