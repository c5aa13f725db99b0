package dev.arbiter.reason;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.eval.PolicySet;
import dev.arbiter.eval.S3BlockPublicAccess;
import dev.arbiter.policy.Policy;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A policy set with S3 Block Public Access restricting public buckets: the flow compiler does not
 * model whether a bucket policy is public (docs/semantics.md §9.13), so the set checks answer
 * INCONCLUSIVE rather than a PASS that could be wrong.
 */
class SetBlockPublicAccessTest {
  private static final Reasoner REASONER = Reasoner.create();
  private static final RequestShape OUTSIDER =
      new RequestShape("arn:aws:iam::444455556666:user/pat", "111122223333");

  private static PolicySet bucketSet(S3BlockPublicAccess settings) {
    Policy bucket =
        Policy.parse(
            """
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
              "Principal": {"AWS": "arn:aws:iam::444455556666:user/pat"},
              "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*"}]}""");
    Policy identity =
        Policy.parse(
            """
            {"Version": "2012-10-17", "Statement": [
              {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}""");
    return PolicySet.builder()
        .identityPolicy("reader", identity)
        .resourcePolicy("reports", bucket)
        .s3BlockPublicAccess(settings)
        .build();
  }

  @Test
  void accessNotGranted_restrictPublicBucketsOn_inconclusive() {
    CheckResult result =
        REASONER.accessNotGranted(
            bucketSet(new S3BlockPublicAccess(false, true)),
            OUTSIDER,
            List.of("s3:GetObject"),
            List.of());
    assertThat(result).isInstanceOf(CheckResult.Inconclusive.class);
    assertThat(((CheckResult.Inconclusive) result).cause()).contains("S3 Block Public Access");
  }

  @Test
  void accessNotGranted_settingsOff_decided() {
    CheckResult result =
        REASONER.accessNotGranted(
            bucketSet(S3BlockPublicAccess.OFF), OUTSIDER, List.of("s3:GetObject"), List.of());
    assertThat(result).isInstanceOf(CheckResult.Fail.class);
  }
}
