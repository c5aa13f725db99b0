package dev.arbiter.cli;

import static dev.arbiter.cli.CliRun.run;
import static dev.arbiter.cli.CliRun.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code arbiter lint} and {@code validate} on CloudFormation templates and Terraform plans. */
class TemplateCommandTest {
  private static final String APP = "../corpus/templates/app.yaml";
  private static final String PLAN = "../corpus/templates/plan.json";

  @Test
  void lint_template_findsAtTheTemplatesLineWithResourceAndBranch() {
    CliRun run = run("lint", "--no-config", APP);
    assertThat(run.code()).isEqualTo(ExitCodes.DENIED_OR_FINDINGS);
    assertThat(run.out())
        .contains(
            "app.yaml:51:25: SECURITY_WARNING PASS_ROLE_WITH_STAR_IN_RESOURCE",
            "(DeployRole /Resources/DeployRole/Properties/Policies/0/PolicyDocument/Statement/1/Action;"
                + " when IsProd is false)")
        .doesNotContain("when IsProd is true)")
        .contains("1 file linted, 6 policies");
  }

  @Test
  void lint_parametersDecideTheCondition_andMetadataIgnores() {
    CliRun run = run("lint", "--no-config", "--parameters", "Env=prod", APP);
    assertThat(run.code()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).contains("5 policies").contains("1 suppressed");
  }

  @Test
  void lint_listPolicies_namesEachPolicy() {
    CliRun run = run("lint", "--list-policies", APP);
    assertThat(run.code()).isEqualTo(ExitCodes.OK);
    assertThat(run.out())
        .contains(
            "BucketPolicy AWS::S3::BucketPolicy /Resources/BucketPolicy/Properties/PolicyDocument"
                + " resource (AWS::S3::Bucket)",
            "InvokePermission AWS::Lambda::Permission /Resources/InvokePermission/Properties"
                + " resource",
            "identity when IsProd is true",
            "6 policies found (cloudformation)");
  }

  @Test
  void lint_sarif_hasTheResourceAsALogicalLocation() {
    CliRun run = run("lint", "--no-config", "--format", "sarif", APP);
    assertThat(run.out())
        .contains("\"fullyQualifiedName\" : \"DeployRole\"")
        .contains("\"kind\" : \"resource\"")
        .contains("\"startLine\" : 51");
  }

  @Test
  void lint_directory_skipsYamlThatIsNotATemplate_andReadsTemplates(@TempDir Path dir)
      throws IOException {
    write(dir, "ci.yml", "jobs:\n  build: {runs-on: ubuntu-latest}\n");
    write(
        dir,
        "stack.yaml",
        """
        Resources:
          P:
            Type: AWS::IAM::ManagedPolicy
            Properties:
              PolicyDocument:
                Version: '2012-10-17'
                Statement:
                  - {Effect: Allow, Action: 's3:GetObject', Resource: !ImportValue Shared}
        """);
    CliRun run = run("lint", "--no-config", dir.toString());
    assertThat(run.code()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).contains("1 file linted, 1 policy").doesNotContain("ci.yml");
  }

  @Test
  void lint_unknownTag_isAnErrorAtItsPosition_andTheOtherPoliciesAreLinted(@TempDir Path dir)
      throws IOException {
    Path file =
        write(
            dir,
            "t.yaml",
            "Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties: !Bogus x\n"
                + "  P:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n"
                + "      PolicyDocument: {Statement: [{Effect: Allow, Action: 'iam:PassRole',"
                + " Resource: '*'}]}\n");
    CliRun run = run("lint", "--no-config", file.toString());
    assertThat(run.code()).isEqualTo(ExitCodes.DENIED_OR_FINDINGS);
    assertThat(run.out())
        .contains(
            "t.yaml:4:17: ERROR JSON_SYNTAX_ERROR unknown tag !Bogus;",
            "(B /Resources/B/Properties)",
            "t.yaml:8:", // the managed policy is linted
            "PASS_ROLE_WITH_STAR_IN_RESOURCE",
            "(P /Resources/P/Properties/PolicyDocument/Statement/0/");
  }

  @Test
  void lint_policyStringNotJson_isAnErrorOfItsResource_andExitsOne(@TempDir Path dir)
      throws IOException {
    Path file =
        write(
            dir,
            "t.json",
            """
            {"Resources": {
              "Logs": {"Type": "AWS::Logs::ResourcePolicy", "Properties": {
                "PolicyName": "p", "PolicyDocument": "{\\"Statement\\": [,]}"}},
              "Ok": {"Type": "AWS::IAM::ManagedPolicy", "Properties": {"PolicyDocument":
                {"Version": "2012-10-17",
                 "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}}}
            }}
            """);
    CliRun run = run("lint", "--no-config", "--format", "sarif", file.toString());
    assertThat(run.code()).isEqualTo(ExitCodes.DENIED_OR_FINDINGS);
    assertThat(run.out())
        .contains("\"ruleId\" : \"JSON_SYNTAX_ERROR\"", "\"fullyQualifiedName\" : \"Logs\"")
        .contains("\"startLine\" : 3");
    CliRun text = run("lint", "--no-config", file.toString());
    assertThat(text.out())
        .contains("ERROR JSON_SYNTAX_ERROR the policy is not JSON: ")
        .contains("(Logs /Resources/Logs/Properties/PolicyDocument)")
        .contains("1 file linted, 2 policies");
    CliRun none = run("lint", "--no-config", "--fail-on", "none", file.toString());
    assertThat(none.code()).isEqualTo(ExitCodes.OK);
    CliRun validate = run("validate", file.toString());
    assertThat(validate.code()).isEqualTo(ExitCodes.DENIED_OR_FINDINGS);
    assertThat(validate.out())
        .contains("JSON_SYNTAX_ERROR the policy is not JSON: ")
        .contains("(Logs /Resources/Logs/Properties/PolicyDocument)");
  }

  @Test
  void lint_listPolicies_showsWhatWasNotRead(@TempDir Path dir) throws IOException {
    Path file =
        write(
            dir,
            "t.yaml",
            "Resources:\n  P:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n"
                + "      PolicyDocument: {Statement: [{Effect: Allow, Action: '*', Resource: !Ref"
                + " Missing}]}\n");
    CliRun run = run("lint", "--list-policies", file.toString());
    assertThat(run.code()).isEqualTo(ExitCodes.OK);
    assertThat(run.out())
        .contains("t.yaml:5:", "P /Resources/P/Properties/PolicyDocument/Statement/0/Resource")
        .contains("not read: ")
        .contains("0 policies found, 1 part not read (cloudformation)");
  }

  @Test
  void lint_terraformPlanWithOneBadPolicyString_lintsTheRest(@TempDir Path dir) throws IOException {
    Path file =
        write(
            dir,
            "plan.json",
            """
            {"format_version": "1.2", "planned_values": {"root_module": {"resources": [
              {"address": "aws_iam_policy.bad", "mode": "managed", "type": "aws_iam_policy",
               "name": "bad", "values": {"policy": "{\\"Statement\\": nope}"}},
              {"address": "aws_iam_policy.good", "mode": "managed", "type": "aws_iam_policy",
               "name": "good", "values": {"policy": "{\\"Version\\": \\"2012-10-17\\", \\"Statement\\": [{\\"Effect\\": \\"Allow\\", \\"Action\\": \\"iam:PassRole\\", \\"Resource\\": \\"*\\"}]}"}}
            ]}}}
            """);
    CliRun run = run("lint", "--no-config", file.toString());
    assertThat(run.code()).isEqualTo(ExitCodes.DENIED_OR_FINDINGS);
    assertThat(run.out())
        .contains("plan.json:3:")
        .contains("ERROR JSON_SYNTAX_ERROR the policy is not JSON")
        .contains("(aws_iam_policy.bad /planned_values/root_module/resources/0/values/policy)")
        .contains("PASS_ROLE_WITH_STAR_IN_RESOURCE")
        .contains("(aws_iam_policy.good ");
  }

  @Test
  void lint_lambdaPermissionsOnOneFunction_areOnePolicy_findingsNameTheirOwnPermission(
      @TempDir Path dir) throws IOException {
    Path file =
        write(
            dir,
            "plan.json",
            """
            {"format_version": "1.2", "planned_values": {"root_module": {"resources": [
              {"address": "aws_lambda_permission.a", "mode": "managed",
               "type": "aws_lambda_permission", "name": "a",
               "values": {"statement_id": "AllowS3", "action": "lambda:InvokeFunction",
                          "function_name": "thumbs", "principal": "s3.amazonaws.com",
                          "source_account": "123456789012"}},
              {"address": "aws_lambda_permission.b", "mode": "managed",
               "type": "aws_lambda_permission", "name": "b",
               "values": {"statement_id": "AllowS3", "action": "lambda:InvokeFunction",
                          "function_name": "thumbs", "principal": "sns.amazonaws.com",
                          "source_account": "123456789012"}}
            ]}}}
            """);
    CliRun run = run("lint", "--no-config", "--fail-on", "none", file.toString());
    assertThat(run.out())
        .contains("plan.json:9:31: WARNING UNIQUE_SIDS_RECOMMENDED", "statement at line 4")
        .contains(
            "(aws_lambda_permission.b /planned_values/root_module/resources/1/values/statement_id)")
        .contains("1 file linted, 1 policy");
    CliRun list = run("lint", "--list-policies", file.toString());
    assertThat(list.out())
        .contains(
            "aws_lambda_permission.a aws_lambda_permission /planned_values/root_module/resources/0/values"
                + " resource, one policy with the statements of aws_lambda_permission.b")
        .contains("1 policy found (terraform-plan)");
  }

  @Test
  void lint_terraformPlan_findsAtThePlansLineWithTheAddress() {
    CliRun run = run("lint", "--no-config", PLAN);
    assertThat(run.code()).isEqualTo(ExitCodes.DENIED_OR_FINDINGS);
    assertThat(run.out())
        .contains(
            "plan.json:17:100: SECURITY_WARNING PASS_ROLE_WITH_STAR_IN_RESOURCE",
            "(aws_iam_role_policy.deploy"
                + " /planned_values/root_module/resources/0/values/policy/Statement/0/Action)",
            "plan.json:29:67: SECURITY_WARNING PUBLIC_ACCESS",
            "1 file linted, 2 policies (1 identity, 1 resource)");
  }

  @Test
  void lint_inputForced_readsAPlanAsAPlanAndAPlanAsNothingElse(@TempDir Path dir)
      throws IOException {
    CliRun plan = run("lint", "--list-policies", "--input", "terraform-plan", PLAN);
    assertThat(plan.code()).isEqualTo(ExitCodes.OK);
    assertThat(plan.out())
        .contains("aws_s3_bucket_policy.site aws_s3_bucket_policy")
        .contains("resource (AWS::S3::Bucket)")
        .contains("2 policies found (terraform-plan)");
    Path notAPlan = write(dir, "p.json", "{\"Statement\": []}");
    CliRun forced = run("lint", "--no-config", "--input", "terraform-plan", notAPlan.toString());
    assertThat(forced.code()).isEqualTo(ExitCodes.DENIED_OR_FINDINGS);
    assertThat(forced.out()).contains("p.json:1:1: ERROR", "not a Terraform plan");
  }

  @Test
  void validate_template_checksEachPolicy(@TempDir Path dir) throws IOException {
    Path file =
        write(
            dir,
            "t.yaml",
            """
            Resources:
              Q:
                Type: AWS::SQS::QueuePolicy
                Properties:
                  Queues: [q]
                  PolicyDocument:
                    Statement:
                      - {Effect: Allow, Action: 'sqs:*', Resource: '*'}
            """);
    CliRun run = run("validate", file.toString());
    assertThat(run.code()).isEqualTo(ExitCodes.DENIED_OR_FINDINGS);
    assertThat(run.out())
        .contains("MISSING_PRINCIPAL")
        .contains("(Q /Resources/Q/Properties/PolicyDocument/Statement/0");
  }
}
