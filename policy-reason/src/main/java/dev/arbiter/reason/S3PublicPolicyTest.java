package dev.arbiter.reason;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import dev.arbiter.eval.PublicPolicyTest;
import dev.arbiter.policy.Policy;
import java.util.List;
import java.util.Optional;

/**
 * Whether a bucket policy is public, for S3 Block Public Access in the evaluator (docs/semantics.md
 * §9.13): {@link Reasoner#noPublicAccess(Policy, PublicResourceType)} with {@link
 * PublicResourceType#S3_BUCKET}, the test {@code arbiter check no-public-access} and lint use. A
 * failure is public, and so is an inconclusive answer: without a proof that the policy is not
 * public, RestrictPublicBuckets must restrict it (docs/semantics.md §12.0).
 *
 * <pre>{@code
 * PolicySet set = PolicySet.builder()
 *     .resourcePolicy("bucket policy", bucketPolicy)
 *     .s3BlockPublicAccess(new S3BlockPublicAccess(true, false))
 *     .publicPolicyTest(S3PublicPolicyTest.create())
 *     .build();
 * }</pre>
 *
 * <p>The answers for the {@value #KEPT} policies asked about most recently are kept, so a policy
 * asked about again (one bucket policy in many policy sets) is checked once, and a test that sees
 * many policies holds no more than that; thread-safe.
 */
public final class S3PublicPolicyTest implements PublicPolicyTest {
  /** How many answers are kept, the least recently asked for dropped first. */
  static final int KEPT = 64;

  private final Reasoner reasoner;

  /** One segment, so that eviction is least recently used over all of them. */
  private final Cache<Policy, Optional<String>> answers =
      CacheBuilder.newBuilder().concurrencyLevel(1).maximumSize(KEPT).build();

  private S3PublicPolicyTest(Reasoner reasoner) {
    this.reasoner = reasoner;
  }

  /** The test with the reasoner's default budget. */
  public static S3PublicPolicyTest create() {
    return of(Reasoner.create());
  }

  /** The test deciding with {@code reasoner} (and its budget). */
  public static S3PublicPolicyTest of(Reasoner reasoner) {
    return new S3PublicPolicyTest(reasoner);
  }

  /**
   * {@inheritDoc}
   *
   * @throws dev.arbiter.eval.InvalidPolicyException if the policy is not a valid resource-based
   *     policy (the evaluator validates it before it asks)
   */
  @Override
  public Optional<String> whyPublic(Policy bucketPolicy) {
    Optional<String> known = answers.getIfPresent(bucketPolicy);
    if (known != null) {
      return known;
    }
    // Decided outside any lock: a check can take seconds, and other policies need not wait.
    Optional<String> answer = decide(bucketPolicy);
    answers.put(bucketPolicy, answer);
    return answer;
  }

  /** How many answers are kept now; for tests. */
  long kept() {
    return answers.size();
  }

  private Optional<String> decide(Policy policy) {
    CheckResult result = reasoner.noPublicAccess(policy, PublicResourceType.S3_BUCKET);
    return switch (result.outcome()) {
      case PASS -> Optional.empty();
      case FAIL -> {
        List<Reason> reasons = ((CheckResult.Fail) result).reasons();
        yield Optional.of(
            "the no-public-access check for AWS::S3::Bucket fails: "
                + reasons.get(0).description()
                + (reasons.size() > 1 ? " (and " + (reasons.size() - 1) + " more)" : ""));
      }
      case INCONCLUSIVE ->
          Optional.of(
              "the no-public-access check for AWS::S3::Bucket is inconclusive ("
                  + ((CheckResult.Inconclusive) result).cause()
                  + "), so the policy is taken to be public");
    };
  }
}
