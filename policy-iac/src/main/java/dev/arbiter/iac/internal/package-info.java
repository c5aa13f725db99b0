/**
 * Not API: what the CloudFormation and Terraform readers share (the statements Lambda writes for a
 * permission resource, merged into one policy per function). Public only so that both reader
 * packages can use it; it may change in any release.
 */
@NullMarked
package dev.arbiter.iac.internal;

import org.jspecify.annotations.NullMarked;
