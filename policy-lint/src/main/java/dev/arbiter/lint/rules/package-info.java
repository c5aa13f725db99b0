/**
 * The linter's rules, one class per subject, each named after what it checks and declaring its
 * checks as constants; {@link dev.arbiter.lint.rules.Rules} is the registry. Not API: only {@link
 * dev.arbiter.lint.Linter} uses this package, and anything here may change without notice.
 */
@NullMarked
package dev.arbiter.lint.rules;

import org.jspecify.annotations.NullMarked;
