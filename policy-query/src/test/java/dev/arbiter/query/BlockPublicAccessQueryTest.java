package dev.arbiter.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.account.AccountLoadException;
import dev.arbiter.account.AccountSnapshot;
import dev.arbiter.account.Organization;
import dev.arbiter.account.ResourcePolicies;
import dev.arbiter.eval.Decision;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * S3 Block Public Access in {@code query} (docs/semantics.md §9.13), over corpus/accounts/example
 * with the shared-reports bucket's policy replaced: anyone may read, and the analyst role of
 * 444455556666 may write.
 */
class BlockPublicAccessQueryTest {
  private static final Path EXAMPLE = AccountModelTest.EXAMPLE;
  private static final String BUCKET = "arn:aws:s3:::shared-reports-111122223333";
  private static final String REPORT = BUCKET + "/q1.csv";
  private static final String ANALYST = "arn:aws:sts::444455556666:assumed-role/analyst/s";

  private static final String PUBLIC_POLICY =
      """
      {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
         "Resource": "arn:aws:s3:::shared-reports-111122223333/*"},
        {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:role/analyst"},
         "Action": "s3:PutObject", "Resource": "arn:aws:s3:::shared-reports-111122223333/*"}]}""";

  private static final String PARTNER_POLICY =
      """
      {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:role/analyst"},
         "Action": "s3:PutObject", "Resource": "arn:aws:s3:::shared-reports-111122223333/*"}]}""";

  @TempDir Path dir;

  private ResourcePolicies policies(String policy, String settings) throws IOException {
    Files.writeString(
        dir.resolve("reports.json"),
        "{\"resource\": \""
            + BUCKET
            + "\", \"account\": \"111122223333\", "
            + (settings.isEmpty() ? "" : "\"s3BlockPublicAccess\": " + settings + ", ")
            + "\"policy\": "
            + policy
            + "}",
        StandardCharsets.UTF_8);
    return ResourcePolicies.load(dir);
  }

  private static AccountModel.Builder model(ResourcePolicies policies) {
    return AccountModel.builder()
        .account(AccountSnapshot.load(EXAMPLE.resolve("account-111122223333.json")))
        .account(AccountSnapshot.load(EXAMPLE.resolve("account-444455556666.json")))
        .organization(Organization.load(EXAMPLE.resolve("organization.json")))
        .resourcePolicies(policies);
  }

  private static Decision analystWrites(AccountModel model) {
    return model.can(ANALYST, "s3:PutObject", REPORT, Map.of()).decision();
  }

  @Test
  void can_publicPolicyWithoutBlock_crossAccountGrantStands() throws IOException {
    assertThat(analystWrites(model(policies(PUBLIC_POLICY, "")).build()))
        .isEqualTo(Decision.ALLOWED);
  }

  @Test
  void can_accountRestrictsPublicBuckets_crossAccountGrantBlocked() throws IOException {
    AccountModel model =
        model(policies(PUBLIC_POLICY, "")).restrictPublicBuckets("111122223333").build();
    Answer.Can answer = model.can(ANALYST, "s3:PutObject", REPORT, Map.of());

    assertThat(answer.decision()).isEqualTo(Decision.IMPLICIT_DENY);
    assertThat(answer.explanation().summary())
        .contains("S3 Block Public Access (RestrictPublicBuckets, on for the account)");
    // The owner's own principals keep what the public policy grants.
    assertThat(model.can("user/bob", "s3:GetObject", REPORT, Map.of()).decision())
        .isEqualTo(Decision.ALLOWED);
  }

  @Test
  void can_otherAccountRestricts_noEffectOnThisBucket() throws IOException {
    AccountModel model =
        model(policies(PUBLIC_POLICY, "")).restrictPublicBuckets("444455556666").build();

    assertThat(analystWrites(model)).isEqualTo(Decision.ALLOWED);
  }

  @Test
  void can_bucketRestrictsPublicBuckets_fromItsPolicyFile() throws IOException {
    AccountModel model =
        model(
                policies(
                    PUBLIC_POLICY, "{\"restrictPublicBuckets\": true, \"blockPublicAcls\": true}"))
            .build();

    assertThat(analystWrites(model)).isEqualTo(Decision.IMPLICIT_DENY);
    assertThat(model.whoCan("s3:PutObject", REPORT, Map.of()).allowed())
        .extracting(g -> g.principal().shortName())
        .doesNotContain("role/analyst/" + AccountPrincipal.DEFAULT_SESSION);
  }

  @Test
  void can_policyNotPublic_restrictionLeavesItAlone() throws IOException {
    AccountModel model =
        model(policies(PARTNER_POLICY, "{\"restrictPublicBuckets\": true}"))
            .restrictPublicBuckets("111122223333")
            .build();

    assertThat(analystWrites(model)).isEqualTo(Decision.ALLOWED);
  }

  @Test
  void load_settingNotBoolean_namesFileAndPointer() throws IOException {
    assertThatThrownBy(() -> policies(PUBLIC_POLICY, "{\"restrictPublicBuckets\": \"yes\"}"))
        .isInstanceOf(AccountLoadException.class)
        .hasMessageContaining("reports.json")
        .hasMessageContaining("/s3BlockPublicAccess/restrictPublicBuckets")
        .hasMessageContaining("must be true or false, got a string");
    assertThatThrownBy(() -> policies(PUBLIC_POLICY, "{\"restrictPublicBucket\": true}"))
        .isInstanceOf(AccountLoadException.class)
        .hasMessageContaining("unknown S3 Block Public Access setting \"restrictPublicBucket\"");
  }

  @Test
  void load_settingsOnSomethingElse_refused() throws IOException {
    Files.writeString(
        dir.resolve("queue.json"),
        """
        {"resource": "arn:aws:sqs:us-east-1:111122223333:orders",
         "s3BlockPublicAccess": {"restrictPublicBuckets": true},
         "policy": {"Version": "2012-10-17", "Statement": []}}""",
        StandardCharsets.UTF_8);

    assertThatThrownBy(() -> ResourcePolicies.load(dir))
        .isInstanceOf(AccountLoadException.class)
        .hasMessageContaining(
            "belong to an S3 bucket, not arn:aws:sqs:us-east-1:111122223333:orders");
  }

  @Test
  void restrictPublicBuckets_notAnAccountId_refused() {
    assertThatThrownBy(() -> AccountModel.builder().restrictPublicBuckets("alice"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("12-digit");
  }
}
