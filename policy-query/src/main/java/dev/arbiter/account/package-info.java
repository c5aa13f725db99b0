/**
 * A real AWS account as data: the output of {@code aws iam get-account-authorization-details}
 * ({@link dev.arbiter.account.AccountSnapshot}), the organization's SCPs and RCPs ({@link
 * dev.arbiter.account.Organization}) and resource policies ({@link
 * dev.arbiter.account.ResourcePolicies}).
 */
@NullMarked
package dev.arbiter.account;

import org.jspecify.annotations.NullMarked;
