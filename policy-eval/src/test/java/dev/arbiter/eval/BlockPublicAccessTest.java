package dev.arbiter.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.policy.Policy;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** S3 Block Public Access, RestrictPublicBuckets, in the decision (docs/semantics.md §9.13). */
class BlockPublicAccessTest {
  private static final String OWNER = "111122223333";
  private static final String OTHER = "444455556666";
  private static final String OBJECT = "arn:aws:s3:::reports/q1.csv";

  /**
   * Public by S3's rule: anyone (and two names that are not AWS services) may read; a named other
   * account and S3 server access logging may write; no deletes.
   */
  private static final Policy BUCKET_POLICY =
      Policy.parse(
          """
          {"Version": "2012-10-17", "Statement": [
            {"Sid": "Everyone", "Effect": "Allow", "Principal": "*",
             "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*"},
            {"Sid": "Partner", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:root"},
             "Action": "s3:PutObject", "Resource": "arn:aws:s3:::reports/*"},
            {"Sid": "Logs", "Effect": "Allow", "Principal": {"Service": "logging.s3.amazonaws.com"},
             "Action": "s3:PutObject", "Resource": "arn:aws:s3:::reports/*"},
            {"Sid": "WebSignIn", "Effect": "Allow",
             "Principal": {"Service": ["accounts.google.com", "cognito-identity.amazonaws.com"]},
             "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*"},
            {"Sid": "NoDeletes", "Effect": "Deny", "Principal": "*",
             "Action": "s3:DeleteObject", "Resource": "arn:aws:s3:::reports/*"}
          ]}""");

  private static final Policy EVERYTHING =
      Policy.parse(
          """
          {"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Action": "*", "Resource": "*"}]}""");

  private static final PublicPolicyTest PUBLIC = policy -> Optional.of("it says so");
  private static final PublicPolicyTest NOT_PUBLIC = policy -> Optional.empty();

  private static Evaluator evaluator(S3BlockPublicAccess settings, PublicPolicyTest test) {
    return Evaluator.of(
        PolicySet.builder()
            .resourcePolicy("reports bucket policy", BUCKET_POLICY)
            .identityPolicy("Everything", EVERYTHING)
            .s3BlockPublicAccess(settings)
            .publicPolicyTest(test)
            .build());
  }

  private static Request request(String principal, String action) {
    return Request.builder()
        .principal(principal)
        .action(action)
        .resource(OBJECT)
        .resourceAccount(OWNER)
        .build();
  }

  private static final S3BlockPublicAccess BUCKET = new S3BlockPublicAccess(false, true);
  private static final S3BlockPublicAccess ACCOUNT = new S3BlockPublicAccess(true, false);

  @Test
  void anonymous_publicPolicyRestricted_implicitlyDenied() {
    Request anonymous = request("anonymous", "s3:GetObject");

    assertThat(evaluator(S3BlockPublicAccess.OFF, PUBLIC).evaluate(anonymous))
        .isEqualTo(Decision.ALLOWED);
    assertThat(evaluator(BUCKET, PUBLIC).evaluate(anonymous)).isEqualTo(Decision.IMPLICIT_DENY);
    assertThat(evaluator(ACCOUNT, PUBLIC).evaluate(anonymous)).isEqualTo(Decision.IMPLICIT_DENY);
  }

  @Test
  void crossAccountNamedPrincipal_publicPolicyRestricted_loosesTheGrant() {
    Request partner = request("arn:aws:iam::" + OTHER + ":user/pat", "s3:PutObject");

    assertThat(evaluator(S3BlockPublicAccess.OFF, PUBLIC).evaluate(partner))
        .isEqualTo(Decision.ALLOWED);
    // Named explicitly, and still blocked: the whole public policy stops granting across accounts.
    assertThat(evaluator(BUCKET, PUBLIC).evaluate(partner)).isEqualTo(Decision.IMPLICIT_DENY);
    assertThat(evaluator(ACCOUNT, PUBLIC).evaluate(partner)).isEqualTo(Decision.IMPLICIT_DENY);
  }

  @Test
  void crossAccount_policyNotPublic_grantStands() {
    Request partner = request("arn:aws:iam::" + OTHER + ":user/pat", "s3:PutObject");
    Request anonymous = request("anonymous", "s3:GetObject");

    assertThat(evaluator(BUCKET, NOT_PUBLIC).evaluate(partner)).isEqualTo(Decision.ALLOWED);
    assertThat(evaluator(BUCKET, NOT_PUBLIC).evaluate(anonymous)).isEqualTo(Decision.ALLOWED);
  }

  @Test
  void ownerAccountUser_publicPolicyRestricted_stillGrantedByThePolicy() {
    // No identity policy: the bucket policy's "*" grant alone allows a same-account user.
    Evaluator evaluator =
        Evaluator.of(
            PolicySet.builder()
                .resourcePolicy("reports bucket policy", BUCKET_POLICY)
                .s3BlockPublicAccess(BUCKET)
                .publicPolicyTest(PUBLIC)
                .build());

    assertThat(evaluator.evaluate(request("arn:aws:iam::" + OWNER + ":user/alice", "s3:GetObject")))
        .isEqualTo(Decision.ALLOWED);
  }

  @Test
  void awsServicePrincipal_publicPolicyRestricted_stillGranted() {
    Request logging = request("logging.s3.amazonaws.com", "s3:PutObject");

    assertThat(evaluator(BUCKET, PUBLIC).evaluate(logging)).isEqualTo(Decision.ALLOWED);
    assertThat(evaluator(ACCOUNT, PUBLIC).evaluate(logging)).isEqualTo(Decision.ALLOWED);
  }

  @Test
  void webIdentityProviderName_publicPolicyRestricted_isNotAnAwsService() {
    assertThat(
            evaluator(S3BlockPublicAccess.OFF, PUBLIC)
                .evaluate(request("accounts.google.com", "s3:GetObject")))
        .isEqualTo(Decision.ALLOWED);
    assertThat(evaluator(BUCKET, PUBLIC).evaluate(request("accounts.google.com", "s3:GetObject")))
        .isEqualTo(Decision.IMPLICIT_DENY);
    assertThat(
            evaluator(BUCKET, PUBLIC)
                .evaluate(request("cognito-identity.amazonaws.com", "s3:GetObject")))
        .isEqualTo(Decision.IMPLICIT_DENY);
  }

  @Test
  void denyOfTheBucketPolicy_publicPolicyRestricted_stillApplies() {
    assertThat(
            evaluator(BUCKET, PUBLIC)
                .evaluate(request("arn:aws:iam::" + OWNER + ":user/alice", "s3:DeleteObject")))
        .isEqualTo(Decision.EXPLICIT_DENY);
    assertThat(evaluator(BUCKET, PUBLIC).evaluate(request("anonymous", "s3:DeleteObject")))
        .isEqualTo(Decision.EXPLICIT_DENY);
  }

  @Test
  void noTestGiven_restricted_policyTakenAsPublic() {
    Evaluator evaluator =
        Evaluator.of(
            PolicySet.builder()
                .resourcePolicy("reports bucket policy", BUCKET_POLICY)
                .s3BlockPublicAccess(BUCKET)
                .build());

    assertThat(evaluator.evaluate(request("anonymous", "s3:GetObject")))
        .isEqualTo(Decision.IMPLICIT_DENY);
  }

  @Test
  void settingsOff_testNeverAsked() {
    AtomicInteger asked = new AtomicInteger();
    PublicPolicyTest counting =
        policy -> {
          asked.incrementAndGet();
          return Optional.of("asked");
        };

    evaluator(S3BlockPublicAccess.OFF, counting).evaluate(request("anonymous", "s3:GetObject"));
    assertThat(asked).hasValue(0);
    evaluator(BUCKET, counting).evaluate(request("anonymous", "s3:GetObject"));
    assertThat(asked).hasValue(1);
  }

  @Test
  void notAnS3Resource_restricted_unaffected() {
    Policy queuePolicy =
        Policy.parse(
            """
            {"Version": "2012-10-17", "Statement": [
              {"Effect": "Allow", "Principal": "*", "Action": "sqs:SendMessage", "Resource": "*"}]}""");
    Evaluator evaluator =
        Evaluator.of(
            PolicySet.builder()
                .resourcePolicy("queue policy", queuePolicy)
                .s3BlockPublicAccess(BUCKET)
                .publicPolicyTest(PUBLIC)
                .build());
    Request send =
        Request.builder()
            .principal("anonymous")
            .action("sqs:SendMessage")
            .resource("arn:aws:sqs:us-east-1:" + OWNER + ":orders")
            .build();

    assertThat(evaluator.evaluate(send)).isEqualTo(Decision.ALLOWED);
  }

  @Test
  void explain_restrictedGrant_saysBlockPublicAccessTookItAway() {
    Explanation explanation =
        evaluator(ACCOUNT, PUBLIC)
            .explain(request("arn:aws:iam::" + OTHER + ":user/pat", "s3:PutObject"));

    assertThat(explanation.decision()).isEqualTo(Decision.IMPLICIT_DENY);
    assertThat(explanation.summary())
        .startsWith("Implicitly denied: the resource-based policy allows")
        .contains("S3 Block Public Access (RestrictPublicBuckets, on for the account)")
        .contains("which is public (it says so)")
        .contains("AWS service principals and principals of the bucket owner's account");
    assertThat(explanation.steps())
        .anyMatch(
            step ->
                step.startsWith("Resource-based policy: allows, naming")
                    && step.contains("S3 Block Public Access"));
  }

  @Test
  void toBuilder_keepsSettingsAndTest() {
    PolicySet set =
        PolicySet.builder()
            .resourcePolicy("reports bucket policy", BUCKET_POLICY)
            .s3BlockPublicAccess(BUCKET)
            .publicPolicyTest(NOT_PUBLIC)
            .build();
    PolicySet copy = set.toBuilder().build();

    assertThat(copy.s3BlockPublicAccess()).isEqualTo(BUCKET);
    assertThat(copy.publicPolicyTest()).isSameAs(NOT_PUBLIC);
    assertThat(PolicySet.builder().build().s3BlockPublicAccess())
        .isEqualTo(S3BlockPublicAccess.OFF);
  }
}
