package dev.arbiter.cli;

import static dev.arbiter.cli.CliRun.run;
import static dev.arbiter.cli.CliRun.write;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * S3 Block Public Access settings set in a template or plan, in {@code lint}'s PUBLIC_ACCESS and in
 * {@code check no-public-access} (docs/templates.md, "S3 Block Public Access").
 */
class TemplatePublicAccessBlockTest {
  private static final String DIR = "src/test/resources/templates/";
  private static final String STACK = DIR + "bpa-stack.yaml";
  private static final String PLAN = DIR + "bpa-plan.json";
  private static final String ACCOUNT_PLAN = DIR + "bpa-account-plan.json";
  private static final String RESTRICTS = "restricts it: with RestrictPublicBuckets on";
  private static final String REFUSES = "refuses it: with BlockPublicPolicy on";

  /** The one output line with a PUBLIC_ACCESS finding that names {@code marker}. */
  private static String finding(String out, String marker) {
    List<String> lines = new ArrayList<>();
    for (String line : out.lines().toList()) {
      if (line.contains("PUBLIC_ACCESS") && line.contains(marker)) {
        lines.add(line);
      }
    }
    assertThat(lines).as("PUBLIC_ACCESS lines naming %s in%n%s", marker, out).hasSize(1);
    return lines.get(0);
  }

  @Test
  void lint_template_restrictPublicBucketsLowersToWarning_blockPublicPolicyOnlySaysSo() {
    CliRun run = run("lint", "--no-config", STACK);

    assertThat(run.code()).isEqualTo(ExitCodes.DENIED_OR_FINDINGS);
    assertThat(finding(run.out(), "(SitePolicy "))
        .contains(": WARNING PUBLIC_ACCESS ")
        .contains(
            "S3 Block Public Access set in this file (SiteBucket"
                + " /Resources/SiteBucket/Properties/PublicAccessBlockConfiguration) "
                + RESTRICTS);
    assertThat(finding(run.out(), "(LogsPolicy "))
        .contains(": SECURITY_WARNING PUBLIC_ACCESS ")
        .contains("(LogsBucket /Resources/LogsBucket/Properties/PublicAccessBlockConfiguration)")
        .contains(REFUSES)
        .doesNotContain("RestrictPublicBuckets");
    // No settings, and settings whose values are not known offline: the finding as always.
    assertThat(finding(run.out(), "(OpenPolicy "))
        .contains(": SECURITY_WARNING PUBLIC_ACCESS ")
        .doesNotContain("Block Public Access");
    assertThat(finding(run.out(), "(MaybePolicy "))
        .contains(": SECURITY_WARNING PUBLIC_ACCESS ")
        .doesNotContain("Block Public Access");
  }

  @Test
  void lint_onlyRestrictedBuckets_passesTheDefaultFailOn_butKeepsTheFinding(@TempDir Path dir)
      throws IOException {
    Path stack =
        write(
            dir,
            "site.yaml",
            """
            Resources:
              Site:
                Type: AWS::S3::Bucket
                Properties:
                  PublicAccessBlockConfiguration: {RestrictPublicBuckets: true}
              SitePolicy:
                Type: AWS::S3::BucketPolicy
                Properties:
                  Bucket: !Ref Site
                  PolicyDocument:
                    Version: '2012-10-17'
                    Statement:
                      - {Effect: Allow, Principal: '*', Action: 's3:GetObject', Resource: !Sub 'arn:aws:s3:::${Site}/*'}
            """);
    CliRun run = run("lint", "--no-config", stack.toString());
    CliRun strict = run("lint", "--no-config", "--fail-on", "warning", stack.toString());

    assertThat(run.code()).isEqualTo(ExitCodes.OK);
    assertThat(finding(run.out(), "(SitePolicy ")).contains(": WARNING PUBLIC_ACCESS ");
    assertThat(strict.code()).isEqualTo(ExitCodes.DENIED_OR_FINDINGS);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        // S3 may count a grant limited by aws:SourceIp as not public: then nothing is restricted.
        "{Effect: Allow, Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*',"
            + " Condition: {IpAddress: {'aws:SourceIp': '0.0.0.0/0'}}}",
        // None of S3's "bad actions" (s3:Get*, s3:List*, s3:Put*, s3:Delete*, ...).
        "{Effect: Allow, Principal: '*', Action: 's3:ReplicateObject', Resource:"
            + " 'arn:aws:s3:::b/*'}",
        "{Effect: Allow, Principal: '*', NotAction: 's3:DeleteBucket', Resource: 'arn:aws:s3:::b/*'}"
      })
  void lint_restrictPublicBuckets_keepsTheTypeWhenS3MayNotCountThePolicyPublic(
      String statement, @TempDir Path dir) throws IOException {
    Path stack =
        write(
            dir,
            "site.yaml",
            "Resources:\n"
                + "  Site:\n"
                + "    Type: AWS::S3::Bucket\n"
                + "    Properties:\n"
                + "      PublicAccessBlockConfiguration: {RestrictPublicBuckets: true}\n"
                + "  SitePolicy:\n"
                + "    Type: AWS::S3::BucketPolicy\n"
                + "    Properties:\n"
                + "      Bucket: !Ref Site\n"
                + "      PolicyDocument: {Version: '2012-10-17', Statement: ["
                + statement
                + "]}\n");
    CliRun run = run("lint", "--no-config", stack.toString());

    assertThat(finding(run.out(), "(SitePolicy "))
        .contains(": SECURITY_WARNING PUBLIC_ACCESS ")
        .contains(RESTRICTS);
  }

  @Test
  void lint_configuredType_isKept(@TempDir Path dir) throws IOException {
    Path config = write(dir, "arbiter.yaml", "checks:\n  PUBLIC_ACCESS: error\n");
    CliRun run = run("lint", "-c", config.toString(), STACK);

    assertThat(finding(run.out(), "(SitePolicy "))
        .contains(": ERROR PUBLIC_ACCESS ")
        .contains(RESTRICTS);
  }

  @Test
  void lint_plan_bucketBlocksByReferenceAndByName() {
    CliRun run = run("lint", "--no-config", PLAN);

    assertThat(finding(run.out(), "(aws_s3_bucket_policy.site "))
        .contains(": WARNING PUBLIC_ACCESS ")
        .contains("(aws_s3_bucket_public_access_block.site) " + RESTRICTS);
    // restrict_public_buckets is unknown at plan time: only block_public_policy counts.
    assertThat(finding(run.out(), "(aws_s3_bucket_policy.logs "))
        .contains(": SECURITY_WARNING PUBLIC_ACCESS ")
        .contains("(aws_s3_bucket_public_access_block.logs) " + REFUSES)
        .doesNotContain("RestrictPublicBuckets");
    assertThat(finding(run.out(), "(aws_s3_bucket_policy.open "))
        .contains(": SECURITY_WARNING PUBLIC_ACCESS ")
        .doesNotContain("Block Public Access");
  }

  @Test
  void lint_plan_accountBlockCoversEveryBucket() {
    CliRun run = run("lint", "--no-config", ACCOUNT_PLAN);

    assertThat(run.code()).isEqualTo(ExitCodes.OK);
    assertThat(finding(run.out(), "(aws_s3_bucket_policy.open "))
        .contains(": WARNING PUBLIC_ACCESS ")
        .contains("(aws_s3_account_public_access_block.this (account)) " + RESTRICTS);
  }

  @Test
  void noPublicAccess_keepsTheFail_withANoteOnRestrictedAndRefusedBuckets() {
    CliRun run = run("check", "no-public-access", STACK);

    assertThat(run.code()).isEqualTo(ExitCodes.DENIED_OR_FINDINGS);
    String out = run.out();
    assertThat(out).startsWith("FAIL\n");
    List<String> notes = new ArrayList<>();
    for (String line : out.lines().toList()) {
      if (line.contains(": NOTE ")) {
        notes.add(line);
      }
    }
    assertThat(notes).hasSize(2);
    assertThat(notes.get(0))
        .startsWith(STACK + ":")
        .contains(RESTRICTS)
        .endsWith("(SitePolicy /Resources/SitePolicy/Properties/PolicyDocument)");
    assertThat(notes.get(1))
        .contains(REFUSES)
        .endsWith("(LogsPolicy /Resources/LogsPolicy/Properties/PolicyDocument)");
    // Each bucket policy still fails: the policy text is public.
    assertThat(out)
        .contains("FAIL statement 0 (PublicRead)", "(SitePolicy ", "(OpenPolicy ", "(MaybePolicy ")
        .contains("FAIL statement 0 (PublicList)");
  }

  @Test
  void noPublicAccess_json_listsTheNoteOfThePolicy() throws IOException {
    CliRun run = run("check", "no-public-access", "--format", "json", ACCOUNT_PLAN);

    JsonNode root = new ObjectMapper().readTree(run.out());
    assertThat(root.get("result").asText()).isEqualTo("FAIL");
    JsonNode policy = root.get("policies").get(0);
    assertThat(policy.get("resource").asText()).isEqualTo("aws_s3_bucket_policy.open");
    assertThat(policy.get("result").asText()).isEqualTo("FAIL");
    assertThat(policy.get("notes")).hasSize(1);
    assertThat(policy.get("notes").get(0).asText()).contains(RESTRICTS);
  }
}
