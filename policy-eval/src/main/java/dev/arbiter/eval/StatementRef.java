package dev.arbiter.eval;

import dev.arbiter.policy.Effect;
import dev.arbiter.policy.PolicyType;
import dev.arbiter.policy.SourceLocation;
import dev.arbiter.policy.Statement;
import java.util.Optional;

/**
 * Which statement of which policy: the policy's name and role, the statement's index (from 0) and
 * the statement itself, whose {@code Sid} and source position explanations show.
 *
 * @param policyName the name of the policy
 * @param policyType the part the policy plays: {@code IDENTITY}, {@code RESOURCE}, {@code TRUST},
 *     {@code PERMISSIONS_BOUNDARY}, {@code SESSION}, {@code SCP} or {@code RCP}
 * @param index the statement's position in the policy, from 0
 * @param statement the statement
 */
public record StatementRef(
    String policyName, PolicyType policyType, int index, Statement statement) {

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

  /** Returns, for example, {@code ReadOnly statement 2 "AllowReads" (Allow, line 14:7)}. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder(policyName).append(" statement ").append(index);
    statement.sid().ifPresent(sid -> out.append(" \"").append(sid).append('"'));
    out.append(" (").append(statement.effect().json());
    if (location().position().isKnown()) {
      out.append(", line ").append(location().position());
    }
    return out.append(')').toString();
  }
}
