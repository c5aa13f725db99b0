package dev.arbiter.eval;

import dev.arbiter.policy.Policy;

/**
 * A policy and the name explanations use for it: a managed policy's name, an inline policy's name,
 * or its position in a scenario ({@code identityPolicies[2]}).
 *
 * @param name how explanations and errors refer to the policy; not empty
 * @param policy the document
 */
public record NamedPolicy(String name, Policy policy) {

  /**
   * Checks that the name is not empty.
   *
   * @throws IllegalArgumentException if {@code name} is empty
   */
  public NamedPolicy {
    if (name.isEmpty()) {
      throw new IllegalArgumentException("a policy name must not be empty");
    }
  }

  /** Returns the name. */
  @Override
  public String toString() {
    return name;
  }
}
