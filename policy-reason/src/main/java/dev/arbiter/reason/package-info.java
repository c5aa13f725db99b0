/**
 * Questions about every request at once, decided exactly: does a candidate policy grant anything a
 * reference does not ({@link dev.arbiter.reason.Reasoner#noNewAccess}), is an access ever granted
 * ({@link dev.arbiter.reason.Reasoner#accessNotGranted}), are two policies equivalent, and which
 * requests they differ on. Each answer is a {@link dev.arbiter.reason.CheckResult}: a proof, a
 * counterexample confirmed on the concrete evaluator, or an honest "inconclusive" naming what
 * stopped it (docs/reasoning.md).
 */
@NullMarked
package dev.arbiter.reason;

import org.jspecify.annotations.NullMarked;
