/**
 * The scenario format that {@code arbiter simulate} takes (docs/scenario.md): a request, or
 * several, and every policy AWS would consult for it, read with positions in the file so that every
 * problem is reported where it is. {@link dev.arbiter.eval.scenario.Scenario} reads a scenario,
 * {@link dev.arbiter.eval.scenario.ScenarioCase} one conformance case; both throw {@link
 * dev.arbiter.eval.scenario.ScenarioException}.
 */
@NullMarked
package dev.arbiter.eval.scenario;

import org.jspecify.annotations.NullMarked;
