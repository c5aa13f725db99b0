/**
 * The linter's configuration: {@link dev.arbiter.lint.config.LintConfig}, read from {@code
 * .arbiter.yaml}, turns checks off, changes their finding types, suppresses findings by path and
 * gives files their policy types; {@link dev.arbiter.lint.config.LintConfigException} reports a
 * configuration that cannot be read, with its position.
 */
@NullMarked
package dev.arbiter.lint.config;

import org.jspecify.annotations.NullMarked;
