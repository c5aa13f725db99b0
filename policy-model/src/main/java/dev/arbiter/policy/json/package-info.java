/**
 * The one positioned JSON tree every reader of Arbiter goes through: {@link
 * dev.arbiter.policy.json.JsonReader} and {@link dev.arbiter.policy.json.YamlReader} turn text into
 * a {@link dev.arbiter.policy.json.Json} tree in which every value knows its line and column, with
 * the input limits (size, depth, duplicate names, byte-order marks, invalid UTF-8) checked in one
 * place; {@link dev.arbiter.policy.json.PolicyReader} reads a policy from any sub-tree, so a policy
 * embedded in a larger file (a scenario, an account snapshot) reports positions in that file.
 *
 * <p>Shared by Arbiter's modules. Not API: anything here may change without notice, and none of
 * these types appears in a public signature of the API packages.
 */
@NullMarked
package dev.arbiter.policy.json;

import org.jspecify.annotations.NullMarked;
