/**
 * The CloudFormation template reader: short-form tags, offline resolution of intrinsic functions,
 * the table of policy-bearing properties and of the names and ARNs resources get. Not API: {@link
 * dev.arbiter.iac.Templates} is the entry point; anything here may change without notice.
 */
@NullMarked
package dev.arbiter.iac.cloudformation;

import org.jspecify.annotations.NullMarked;
