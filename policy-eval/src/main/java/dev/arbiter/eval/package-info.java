/**
 * The policy evaluator: decides whether AWS would allow a request, given every policy that applies
 * to it, and explains why.
 *
 * <pre>{@code
 * Evaluator evaluator = Evaluator.of(PolicySet.builder()
 *     .identityPolicy("ReadOnly", Policy.parse(json))
 *     .build());                                   // validates and compiles once
 * Request request = Request.builder()
 *     .principal("arn:aws:iam::111122223333:user/alice")
 *     .action("s3:GetObject")
 *     .resource("arn:aws:s3:::amzn-s3-demo-bucket/report.csv")
 *     .context(RequestContext.builder().put("aws:SourceIp", "203.0.113.5").build())
 *     .build();
 * Decision decision = evaluator.evaluate(request);  // ALLOWED, EXPLICIT_DENY or IMPLICIT_DENY
 * Explanation why = evaluator.explain(request);     // the same decision, with its reasons
 * }</pre>
 *
 * <p>The rules are AWS's, as digested in the project's docs/semantics.md: see <a
 * href="https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html">Policy
 * evaluation logic</a>. A {@link dev.arbiter.eval.scenario.Scenario} reads the scenario JSON format
 * used by {@code arbiter simulate} and the conformance cases.
 */
@NullMarked
package dev.arbiter.eval;

import org.jspecify.annotations.NullMarked;
