/**
 * Policies in Terraform plans: {@link dev.arbiter.iac.terraform.TerraformPlans} reads the JSON that
 * {@code terraform show -json} writes and finds every policy document in it (docs/terraform.md).
 */
@NullMarked
package dev.arbiter.iac.terraform;

import org.jspecify.annotations.NullMarked;
