/**
 * The one meaning of IAM condition values, shared by the evaluator, the linter and the catalog:
 * address blocks ({@link dev.arbiter.policy.value.Cidr}), numbers, dates, booleans and base-64
 * ({@link dev.arbiter.policy.value.IamValues}), ARN patterns ({@link
 * dev.arbiter.policy.value.ArnPattern}, over the ARN parts of {@link dev.arbiter.policy.Arn}) and
 * the one wildcard matcher ({@link dev.arbiter.policy.value.Glob}). What the evaluator can read is
 * exactly what the linter accepts: a value the evaluator cannot read is reported (docs/semantics.md
 * §6.4.6).
 *
 * <p>Not API: shared by Arbiter's modules, anything here may change without notice.
 */
@NullMarked
package dev.arbiter.policy.value;

import org.jspecify.annotations.NullMarked;
