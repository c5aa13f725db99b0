package dev.arbiter.reason;

import dev.arbiter.eval.NamedPolicy;
import dev.arbiter.eval.Request;
import java.util.Optional;

/**
 * Why a check failed: the statement that grants the access in question, and one request it grants
 * that the check forbids, confirmed on the concrete evaluator.
 *
 * @param statementIndex the statement's position in its policy, from 0 (as Access Analyzer counts)
 * @param sid the statement's {@code Sid}, if it has one
 * @param line the 1-based line the statement starts on, or 0 if the policy was built in code
 * @param description a sentence saying what the statement grants
 * @param counterexample a request the statement's policy allows and the check forbids
 * @param origin for a check over a {@link dev.arbiter.eval.PolicySet}, the policy of the set the
 *     statement is in; empty for a check over one policy, and for access the decision flow grants
 *     without an Allow statement
 */
public record Reason(
    int statementIndex,
    Optional<String> sid,
    int line,
    String description,
    Request counterexample,
    Optional<Origin> origin) {

  /** A reason about a statement of the one policy checked. */
  public Reason(
      int statementIndex,
      Optional<String> sid,
      int line,
      String description,
      Request counterexample) {
    this(statementIndex, sid, line, description, counterexample, Optional.empty());
  }

  /**
   * Which policy of a policy set a statement is in.
   *
   * @param part what the policy is in the set: {@code identity policy}, {@code resource policy},
   *     {@code permissions boundary}, {@code session policy}, {@code VPC endpoint policy}, or
   *     {@code SCP level N} / {@code RCP level N} (levels counted from 1, the root's first)
   * @param policy the policy, the same object as in the set (its name as the set names it)
   */
  public record Origin(String part, NamedPolicy policy) {}
}
