/**
 * Policies where they live: the policy documents inside CloudFormation templates (JSON or YAML,
 * CDK's {@code cdk.out} output included) and {@code terraform show -json} plans, found and resolved
 * offline, each as an {@link dev.arbiter.iac.EmbeddedPolicy} that names its resource, property and
 * policy type and keeps the template's own positions, so a finding points at the template's line.
 */
@NullMarked
package dev.arbiter.iac;

import org.jspecify.annotations.NullMarked;
