package dev.arbiter.reason;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.policy.Policy;
import org.junit.jupiter.api.Test;

/** {@link S3PublicPolicyTest}: the reasoner's no-public-access check as the evaluator asks it. */
class S3PublicPolicyTestTest {

  private static final Policy ANYONE_READS =
      Policy.parse(
          """
          {"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
             "Resource": "arn:aws:s3:::reports/*"}]}""");

  private static final Policy PARTNER_READS =
      Policy.parse(
          """
          {"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:root"},
             "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*"}]}""");

  @Test
  void whyPublic_grantToEveryone_saysWhichStatement() {
    assertThat(S3PublicPolicyTest.create().whyPublic(ANYONE_READS))
        .hasValueSatisfying(
            why ->
                assertThat(why)
                    .startsWith("the no-public-access check for AWS::S3::Bucket fails: ")
                    .contains("statement with index 0"));
  }

  @Test
  void whyPublic_grantToFixedAccount_notPublic() {
    assertThat(S3PublicPolicyTest.create().whyPublic(PARTNER_READS)).isEmpty();
  }

  @Test
  void whyPublic_sameAnswerAsTheCheck() {
    Reasoner reasoner = Reasoner.create();
    S3PublicPolicyTest test = S3PublicPolicyTest.of(reasoner);
    for (Policy policy : new Policy[] {ANYONE_READS, PARTNER_READS}) {
      boolean pass =
          reasoner.noPublicAccess(policy, PublicResourceType.S3_BUCKET).outcome()
              == CheckResult.Outcome.PASS;
      assertThat(test.whyPublic(policy).isEmpty()).isEqualTo(pass);
    }
  }

  @Test
  void whyPublic_inconclusive_takenAsPublic() {
    Policy unmodelled =
        Policy.parse(
            """
            {"Version": "2012-10-17", "Statement": [
              {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
               "Resource": "arn:aws:s3:::reports/*",
               "Condition": {"ForAnyValue:IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}}]}""");
    Reasoner reasoner = Reasoner.create();
    assertThat(reasoner.noPublicAccess(unmodelled, PublicResourceType.S3_BUCKET).outcome())
        .isEqualTo(CheckResult.Outcome.INCONCLUSIVE);

    assertThat(S3PublicPolicyTest.of(reasoner).whyPublic(unmodelled))
        .hasValueSatisfying(
            why -> assertThat(why).contains("inconclusive").endsWith("taken to be public"));
  }

  @Test
  void whyPublic_manyPolicies_keepsABoundedNumberOfAnswers() {
    S3PublicPolicyTest test = S3PublicPolicyTest.create();
    for (int i = 0; i < S3PublicPolicyTest.KEPT * 2; i++) {
      Policy policy =
          Policy.parse(
              """
              {"Version": "2012-10-17", "Statement": [
                {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:root"},
                 "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports-%d/*"}]}"""
                  .formatted(i));
      assertThat(test.whyPublic(policy)).isEmpty();
      assertThat(test.kept()).isLessThanOrEqualTo(S3PublicPolicyTest.KEPT);
    }
    assertThat(test.kept()).isEqualTo(S3PublicPolicyTest.KEPT);
    // The most recent answers are still kept, and still right.
    assertThat(test.whyPublic(ANYONE_READS)).isPresent();
    assertThat(test.whyPublic(ANYONE_READS)).isPresent();
    assertThat(test.kept()).isEqualTo(S3PublicPolicyTest.KEPT);
  }
}
