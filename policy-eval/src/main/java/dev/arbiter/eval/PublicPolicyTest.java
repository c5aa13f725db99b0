package dev.arbiter.eval;

import dev.arbiter.policy.Policy;
import java.util.Optional;

/**
 * Says whether a bucket policy is public in S3's sense, for S3 Block Public Access
 * (docs/semantics.md §9.13). The evaluator asks it once, when it compiles a {@link PolicySet} whose
 * {@link S3BlockPublicAccess} settings restrict public buckets.
 *
 * <p>The project's test is policy-reason's check that a policy grants no public access, with the
 * bucket policy read as {@code AWS::S3::Bucket}: the same test {@code arbiter check
 * no-public-access} and lint use. This module cannot depend on it, so the caller passes it in; a
 * set built without one uses {@link #ASSUME_PUBLIC}.
 */
@FunctionalInterface
public interface PublicPolicyTest {

  /**
   * Every bucket policy counts as public. Without a proof that a policy is not public, an Allow
   * must not grant more than AWS would (docs/semantics.md §12.0), so RestrictPublicBuckets then
   * always restricts the bucket policy.
   */
  PublicPolicyTest ASSUME_PUBLIC =
      policy ->
          Optional.of(
              "no test of publicity was given, so the policy is taken to be public"
                  + " (docs/semantics.md §9.13)");

  /**
   * Why {@code bucketPolicy} is public, in one sentence for explanations; empty only when it is
   * proved not public. A test that cannot decide must answer public, and say so.
   */
  Optional<String> whyPublic(Policy bucketPolicy);
}
