/**
 * The evaluator's building blocks: wildcard matching, CIDR blocks, IAM date and number values. Not
 * API: anything here may change without notice.
 */
@NullMarked
package dev.arbiter.eval.internal;

import org.jspecify.annotations.NullMarked;
