package dev.arbiter.account;

import dev.arbiter.policy.Policy;

/**
 * A managed policy of the snapshot, with its default version's document.
 *
 * @param arn the policy ARN
 * @param name the policy name
 * @param document the default version's document
 */
public record ManagedPolicy(String arn, String name, Policy document) {}
