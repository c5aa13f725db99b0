/**
 * The IAM policy language: an immutable AST of a policy document, its JSON reader and writer, and
 * the structural rules of each policy type.
 *
 * <p>Start with {@link dev.arbiter.policy.Policy#parse(String)}. Every element of the tree keeps
 * its {@link dev.arbiter.policy.SourceLocation}; every problem in the input is reported as a {@link
 * dev.arbiter.policy.PolicyProblem} with a JSON pointer and a line:column.
 */
@NullMarked
package dev.arbiter.policy;

import org.jspecify.annotations.NullMarked;
