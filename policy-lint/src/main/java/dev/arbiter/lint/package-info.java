/**
 * The policy linter: IAM Access Analyzer's policy checks, plus Arbiter's own security checks, run
 * offline. The checks that need the AWS service catalog (unknown actions and keys, ARN formats, key
 * types, wildcard expansion, privilege escalation and the other risk checks) use the bundled
 * catalog unless {@code Linter.builder().withoutCatalog()} turns them off, or another catalog given
 * to {@code Linter.builder().catalog(...)}.
 *
 * <p>Start with {@link dev.arbiter.lint.Linter}: configure it once (policy type, {@link
 * dev.arbiter.lint.config.LintConfig}), then lint documents into {@link
 * dev.arbiter.lint.LintResult}s of {@link dev.arbiter.lint.Finding}s. {@link
 * dev.arbiter.lint.Linter#checks()} lists every check with its code, default {@link
 * dev.arbiter.lint.FindingType} and help text; {@code docs/checks.md} lists them with the class
 * that implements each.
 *
 * <p>This package is the API. The configuration is in {@code dev.arbiter.lint.config}; the rules,
 * one class per subject, are in {@code dev.arbiter.lint.rules}, which is not API.
 */
@NullMarked
package dev.arbiter.lint;

import org.jspecify.annotations.NullMarked;
