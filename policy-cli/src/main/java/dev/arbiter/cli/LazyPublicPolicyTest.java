package dev.arbiter.cli;

import dev.arbiter.eval.PublicPolicyTest;
import dev.arbiter.policy.Policy;
import dev.arbiter.reason.S3PublicPolicyTest;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * {@link S3PublicPolicyTest}, made when a bucket policy is first asked about. Making it initialises
 * the reasoner's automata, about a third of a second of CPU at startup, which most runs (every
 * scenario without S3 Block Public Access) never need (docs/performance.md, "Startup"). Answers are
 * those of one {@link S3PublicPolicyTest} per instance of this class; thread-safe.
 */
final class LazyPublicPolicyTest implements PublicPolicyTest {
  private volatile @Nullable PublicPolicyTest test;

  private LazyPublicPolicyTest() {}

  /** A test that makes its {@link S3PublicPolicyTest} on first use. */
  static PublicPolicyTest create() {
    return new LazyPublicPolicyTest();
  }

  @Override
  public Optional<String> whyPublic(Policy bucketPolicy) {
    PublicPolicyTest made = test;
    if (made == null) {
      synchronized (this) {
        made = test;
        if (made == null) {
          made = S3PublicPolicyTest.create();
          test = made;
        }
      }
    }
    return made.whyPublic(bucketPolicy);
  }
}
