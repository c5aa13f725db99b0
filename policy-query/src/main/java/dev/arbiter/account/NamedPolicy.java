package dev.arbiter.account;

import dev.arbiter.policy.Policy;

/**
 * A policy document with the name it is known by: an inline policy's name, or a managed policy's
 * ARN.
 *
 * @param name the name or ARN
 * @param policy the document
 */
public record NamedPolicy(String name, Policy policy) {}
