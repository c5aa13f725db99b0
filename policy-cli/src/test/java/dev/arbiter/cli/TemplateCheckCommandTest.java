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

/**
 * {@code arbiter check} and {@code arbiter diff} on CloudFormation templates and Terraform plans.
 */
class TemplateCheckCommandTest {
  private static final String DIR = "src/test/resources/templates/";
  private static final String V1 = DIR + "stack-v1.yaml";
  private static final String V2 = DIR + "stack-v2.yaml";
  private static final String PLAN = DIR + "plan.json";
  private static final String APP = "../corpus/templates/app.yaml";
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void noPublicAccess_template_failsAtEachPublicStatementWithItsResource() {
    CliRun run = run("check", "no-public-access", V2);

    assertThat(run.code()).isEqualTo(ExitCodes.DENIED_OR_FINDINGS);
    assertThat(run.out())
        .startsWith("FAIL\n")
        .contains(
            V2
                + ":25:13: FAIL statement 1 (PublicIndex): Public access in the statement with"
                + " index 1 (anyone, anonymously)",
            "(ReportsPolicy /Resources/ReportsPolicy/Properties/PolicyDocument/Statement/1)",
            V2 + ":73:13: FAIL statement 1 (AnyoneCounts)",
            "(JobsPolicy /Resources/JobsPolicy/Properties/PolicyDocument/Statement/1)",
            V2 + ":34:9: PASS (AppRole /Resources/AppRole/Properties/AssumeRolePolicyDocument)")
        // Identity policies are not asked whether they are public.
        .contains("not asked: Worker /Resources/Worker/Properties/Policies/0/PolicyDocument;")
        .contains("Reader /Resources/Reader/Properties/PolicyDocument (identity)");
  }

  @Test
  void noPublicAccess_unknownPrincipal_isInconclusiveNamingTheValue_notAPass() {
    CliRun run = run("check", "no-public-access", V1);
    CliRun relaxed = run("check", "no-public-access", "--inconclusive", "pass", V1);

    assertThat(run.code()).isEqualTo(ExitCodes.DENIED_OR_FINDINGS);
    assertThat(run.out())
        .startsWith("INCONCLUSIVE\n")
        .contains(
            V1 + ":61:9: INCONCLUSIVE",
            "/Resources/JobsPolicy/Properties/PolicyDocument/Statement/0/Principal/AWS ="
                + " {{unknown: Fn::ImportValue SharedProducerRoleArn}} at 65:30",
            V1 + ":18:9: PASS (ReportsPolicy");
    assertThat(relaxed.code()).isEqualTo(ExitCodes.OK);
  }

  @Test
  void noPublicAccess_unknownElsewhere_keepsAFailWhoseStatementIsKnown() {
    // JobsPolicy of v2: statement 0 has an unknown principal, statement 1 grants to anyone.
    CliRun run = run("check", "no-public-access", "--resource-type", "AWS::SQS::Queue", V2);

    assertThat(run.code()).isEqualTo(ExitCodes.DENIED_OR_FINDINGS);
    assertThat(run.out())
        .startsWith("FAIL\n")
        .contains(V2 + ":73:13: FAIL statement 1 (AnyoneCounts)")
        .doesNotContain("ReportsPolicy /Resources/ReportsPolicy/Properties/PolicyDocument)")
        .contains("ReportsPolicy /Resources/ReportsPolicy/Properties/PolicyDocument (resource)");
  }

  @Test
  void noPublicAccess_json_addsResourcePropertyAndFileToTheReasons() throws IOException {
    CliRun run = run("check", "no-public-access", "--format", "json", V2);
    JsonNode root = JSON.readTree(run.out());

    assertThat(root.get("result").asText()).isEqualTo("FAIL");
    JsonNode reason = root.get("reasons").get(0);
    assertThat(reason.get("statementIndex").asInt()).isEqualTo(1);
    assertThat(reason.get("sid").asText()).isEqualTo("PublicIndex");
    assertThat(reason.get("line").asInt()).isEqualTo(25);
    assertThat(reason.get("column").asInt()).isEqualTo(13);
    assertThat(reason.get("description").asText()).startsWith("Public access");
    assertThat(reason.get("counterexample").get("principal").asText()).isEqualTo("anonymous");
    assertThat(reason.get("resource").asText()).isEqualTo("ReportsPolicy");
    assertThat(reason.get("resourceType").asText()).isEqualTo("AWS::S3::BucketPolicy");
    assertThat(reason.get("property").asText())
        .isEqualTo("/Resources/ReportsPolicy/Properties/PolicyDocument");
    assertThat(reason.get("pointer").asText())
        .isEqualTo("/Resources/ReportsPolicy/Properties/PolicyDocument/Statement/1");
    assertThat(reason.get("file").asText()).isEqualTo(V2);
    List<String> results = new ArrayList<>();
    root.get("policies")
        .forEach(p -> results.add(p.get("resource").asText() + " " + p.get("result").asText()));
    assertThat(results)
        .containsExactly(
            "ReportsPolicy FAIL",
            "AppRole PASS",
            "Worker PASS",
            "JobsPolicy FAIL"); // statement 1 is public whatever the unknown principal is
    assertThat(root.get("notAsked")).hasSize(3);
  }

  @Test
  void noPublicAccess_sarif_hasTheStatementsPositionAndTheResourceAsALogicalLocation()
      throws IOException {
    CliRun run = run("check", "no-public-access", "--format", "sarif", V2);
    JsonNode results = JSON.readTree(run.out()).get("runs").get(0).get("results");

    assertThat(results).hasSize(2);
    JsonNode first = results.get(0);
    assertThat(first.get("ruleId").asText()).isEqualTo("NO_PUBLIC_ACCESS");
    assertThat(first.get("level").asText()).isEqualTo("error");
    JsonNode location = first.get("locations").get(0);
    assertThat(location.get("physicalLocation").get("region").get("startLine").asInt())
        .isEqualTo(25);
    assertThat(location.get("physicalLocation").get("region").get("startColumn").asInt())
        .isEqualTo(13);
    List<String> logical = new ArrayList<>();
    location
        .get("logicalLocations")
        .forEach(
            l -> logical.add(l.get("kind").asText() + " " + l.get("fullyQualifiedName").asText()));
    assertThat(logical)
        .containsExactly(
            "member /Resources/ReportsPolicy/Properties/PolicyDocument/Statement/1",
            "resource ReportsPolicy");
  }

  @Test
  void noPublicAccess_terraformPlan_failsAtTheAddress_andAnUnknownPolicyIsInconclusive() {
    CliRun run = run("check", "no-public-access", PLAN);

    assertThat(run.code()).isEqualTo(ExitCodes.DENIED_OR_FINDINGS);
    assertThat(run.out())
        .startsWith("FAIL\n")
        .contains(
            PLAN + ":15:65: FAIL statement 0 (Anyone): Public access",
            "(aws_sqs_queue_policy.jobs /resource_changes/0/change/after/policy/Statement/0)",
            PLAN + ":29:49: INCONCLUSIVE",
            "(aws_s3_bucket_policy.logs /resource_changes/1/change/after_unknown/policy)",
            "not asked: aws_iam_policy.deploy");
  }

  @Test
  void noPublicAccess_corpusTemplate_passesAndThePlanFails() {
    CliRun app = run("check", "no-public-access", APP);
    CliRun plan = run("check", "no-public-access", "../corpus/templates/plan.json");

    assertThat(app.code()).isEqualTo(ExitCodes.OK);
    assertThat(app.out())
        .startsWith("PASS\n")
        .contains("PASS (BucketPolicy /Resources/BucketPolicy/Properties/PolicyDocument)")
        .contains("PASS (InvokePermission /Resources/InvokePermission/Properties)");
    assertThat(plan.code()).isEqualTo(ExitCodes.DENIED_OR_FINDINGS);
    assertThat(plan.out())
        .contains("FAIL statement 0: Public access")
        .contains("aws_s3_bucket_policy.site");
  }

  @Test
  void accessNotGranted_template_checksEachBranchOfAnUndecidedIf() {
    CliRun run = run("check", "access-not-granted", "--actions", "iam:PassRole", V1);
    CliRun decided =
        run(
            "check",
            "access-not-granted",
            "--actions",
            "iam:PassRole",
            "--resources",
            "arn:aws:iam::*:role/admin",
            "--parameters",
            "Env=prod",
            V1);

    assertThat(run.code()).isEqualTo(ExitCodes.DENIED_OR_FINDINGS);
    assertThat(run.out())
        .contains(
            "FAIL statement 1: The statement with index 1 grants the access in question",
            "(Worker /Resources/Worker/Properties/Policies/0/PolicyDocument/Statement/1; when"
                + " IsProd is true)",
            "(Worker /Resources/Worker/Properties/Policies/0/PolicyDocument/Statement/1; when"
                + " IsProd is false)");
    // In prod the role may pass only AppRole; the queue policy's unknown principal keeps the
    // answer from being a PASS.
    assertThat(decided.out())
        .startsWith("INCONCLUSIVE\n")
        .contains("PASS (Worker /Resources/Worker/Properties/Policies/0/PolicyDocument)")
        .doesNotContain("when IsProd");
  }

  @Test
  void accessNotGranted_typeFilters_andAPlanIsRead() {
    CliRun identity =
        run("check", "access-not-granted", "--type", "identity", "--actions", "iam:PassRole", PLAN);

    assertThat(identity.code()).isEqualTo(ExitCodes.DENIED_OR_FINDINGS);
    assertThat(identity.out())
        .startsWith("FAIL\n")
        .contains(PLAN + ":42:65: FAIL statement 0: The statement with index 0 grants")
        .contains("(aws_iam_policy.deploy /resource_changes/2/change/after/policy/Statement/0)")
        .contains("not asked: aws_sqs_queue_policy.jobs")
        .doesNotContain("INCONCLUSIVE");
  }

  @Test
  void noNewAccess_templates_pairsByResourcePropertyAndBranch() {
    CliRun same = run("check", "no-new-access", "--reference", V1, "--type", "identity", V1);
    CliRun run = run("check", "no-new-access", "--reference", V1, V2);

    assertThat(same.code()).isEqualTo(ExitCodes.OK);
    assertThat(same.out())
        .startsWith("PASS\n")
        .contains("when IsProd is true", "when IsProd is false");
    assertThat(run.code()).isEqualTo(ExitCodes.DENIED_OR_FINDINGS);
    assertThat(run.out())
        .startsWith("FAIL\n")
        // A statement added to a policy present in both.
        .contains(V2 + ":25:13: FAIL statement 1 (PublicIndex): New access")
        // An action added in each branch, each compared with the same branch of OLD.
        .contains(
            "may call \"s3:PutObject\"",
            "(Worker /Resources/Worker/Properties/Policies/0/PolicyDocument/Statement/0; when"
                + " IsProd is true)",
            "(Worker /Resources/Worker/Properties/Policies/0/PolicyDocument/Statement/0; when"
                + " IsProd is false)")
        // A policy only in NEW: all it grants is new.
        .contains(V2 + ":84:13: FAIL statement 0: New access", "(Reader /Resources/Reader/")
        // Unchanged policies pass.
        .contains(V2 + ":34:9: PASS (AppRole");
  }

  @Test
  void noNewAccess_referenceWithUnknownValues_isInconclusiveNotFail() {
    CliRun run = run("check", "no-new-access", "--reference", V1, "--format", "json", V2);

    assertThat(run.out())
        .contains(
            "\"resource\":\"JobsPolicy\",\"resourceType\":\"AWS::SQS::QueuePolicy\"",
            "\"result\":\"INCONCLUSIVE\",\"cause\":\"fails only through values not known"
                + " offline");
  }

  @Test
  void noNewAccess_policyFileAgainstTemplateOfSeveral_isAUsageError(@TempDir Path dir)
      throws IOException {
    Path file =
        write(
            dir,
            "old.json",
            "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\":"
                + " \"s3:GetObject\", \"Resource\": \"*\"}]}");
    Path single =
        write(
            dir,
            "one.yaml",
            """
            Resources:
              P:
                Type: AWS::IAM::ManagedPolicy
                Properties:
                  PolicyDocument:
                    Version: '2012-10-17'
                    Statement:
                      - {Effect: Allow, Action: 's3:Get*', Resource: '*'}
            """);

    CliRun mixed = run("check", "no-new-access", "--reference", file.toString(), V2);
    CliRun one = run("check", "no-new-access", "--reference", file.toString(), single.toString());

    assertThat(mixed.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(mixed.err()).contains("is a policy file and").contains("a template with 7 policies");
    assertThat(one.code()).isEqualTo(ExitCodes.DENIED_OR_FINDINGS);
    assertThat(one.out()).startsWith("FAIL\n").contains("one.yaml:8:13: FAIL statement 0", "(P ");
  }

  @Test
  void diff_templates_listsAddedAndRemovedPolicies() {
    CliRun run = run("diff", V2, V1);

    assertThat(run.code()).isEqualTo(ExitCodes.DENIED_OR_FINDINGS);
    String removed = run.out().substring(run.out().indexOf("Allowed by " + V2 + " and not by"));
    // Reader is only in OLD (V2 here): all it granted is removed.
    assertThat(removed).contains(V2 + ":84:13: FAIL statement 0", "(Reader /Resources/Reader/");
    assertThat(run.out()).startsWith("DIFFERENT\nAllowed by " + V1 + " and not by " + V2 + ":");
  }

  @Test
  void diff_sameTemplate_isEquivalentForKnownPolicies() throws IOException {
    CliRun run = run("diff", "--type", "identity", "--format", "json", V1, V1);

    assertThat(run.code()).isEqualTo(ExitCodes.OK);
    JsonNode root = JSON.readTree(run.out());
    assertThat(root.get("result").asText()).isEqualTo("EQUIVALENT");
    assertThat(root.get("added").get("policies")).hasSize(2);
    assertThat(root.get("removed").get("result").asText()).isEqualTo("PASS");
    assertThat(root.get("notAsked")).hasSize(4);
  }

  @Test
  void check_unreadableTemplate_exits3WithItsPosition(@TempDir Path dir) throws IOException {
    Path bad =
        write(
            dir,
            "bad.yaml",
            """
            AWSTemplateFormatVersion: '2010-09-09'
            Resources:
              R:
                Type: AWS::SQS::Queue
                Properties:
                  QueueName: !Nonsense x
            """);

    CliRun run = run("check", "no-public-access", bad.toString());
    CliRun diff = run("diff", bad.toString(), V1);

    assertThat(run.code()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.err()).contains("bad.yaml:6:18");
    assertThat(diff.code()).isEqualTo(ExitCodes.INVALID_INPUT);
  }

  @Test
  void check_policyFileWithoutType_isStillAUsageError(@TempDir Path dir) throws IOException {
    Path file =
        write(
            dir,
            "p.json",
            "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\":"
                + " \"s3:GetObject\", \"Resource\": \"*\"}]}");

    CliRun run = run("check", "access-not-granted", "--actions", "s3:GetObject", file.toString());

    assertThat(run.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("Missing required option: '--type=TYPE'");
  }
}
