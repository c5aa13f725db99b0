/**
 * The policy linter: IAM Access Analyzer's policy checks that need no service catalog, plus
 * Arbiter's own security checks, run offline.
 *
 * <p>Start with {@link dev.arbiter.lint.Linter}: configure it once (policy type, {@link
 * dev.arbiter.lint.LintConfig}), then lint documents into {@link dev.arbiter.lint.LintResult}s of
 * {@link dev.arbiter.lint.Finding}s. {@link dev.arbiter.lint.Linter#checks()} lists every check
 * with its code, default {@link dev.arbiter.lint.FindingType} and help text.
 */
@NullMarked
package dev.arbiter.lint;

import org.jspecify.annotations.NullMarked;
