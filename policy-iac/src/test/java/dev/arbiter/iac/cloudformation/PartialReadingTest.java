package dev.arbiter.iac.cloudformation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.iac.EmbeddedPolicy;
import dev.arbiter.iac.TemplateException;
import dev.arbiter.iac.Templates;
import dev.arbiter.policy.SourcePosition;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * One bad part of a template (a tag, a function, a policy string, a Metadata entry) is a problem at
 * its place, and every other policy is still read; only a file that is not a template at all stops
 * the reading.
 */
class PartialReadingTest {
  private static Templates.Template read(String name, String text) {
    return Templates.read(
        name, text.getBytes(StandardCharsets.UTF_8), Optional.empty(), Templates.Options.DEFAULT);
  }

  @Test
  void yaml_unknownTagInOnePolicy_theOtherResourcesAreRead() {
    Templates.Template template =
        read(
            "t.yaml",
            """
            Resources:
              Bad:
                Type: AWS::IAM::ManagedPolicy
                Properties:
                  PolicyDocument:
                    Statement:
                      - {Effect: Allow, Action: 's3:*', Resource: !Bogus x}
              Good:
                Type: AWS::SQS::QueuePolicy
                Properties:
                  Queues: [q]
                  PolicyDocument:
                    Statement:
                      - {Effect: Allow, Principal: '*', Action: 'sqs:*', Resource: '*'}
            """);
    assertThat(template.policies()).extracting(EmbeddedPolicy::resource).containsExactly("Good");
    assertThat(template.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.resource()).isEqualTo("Bad");
              assertThat(p.pointer())
                  .hasToString("/Resources/Bad/Properties/PolicyDocument/Statement/0/Resource");
              assertThat(p.position()).isEqualTo(new SourcePosition(7, 55));
              assertThat(p.message()).startsWith("unknown tag !Bogus");
            });
  }

  @Test
  void yaml_unknownTagOutsideEveryPolicy_isStillReported() {
    Templates.Template template =
        read(
            "t.yaml",
            """
            Resources:
              B:
                Type: AWS::S3::Bucket
                Properties: !Bogus x
              P:
                Type: AWS::IAM::ManagedPolicy
                Properties:
                  PolicyDocument: {Statement: [{Effect: Allow, Action: 's3:*', Resource: '*'}]}
            Outputs:
              O: {Value: !Nope y}
            """);
    assertThat(template.policies()).extracting(EmbeddedPolicy::resource).containsExactly("P");
    assertThat(template.problems())
        .extracting(Templates.Problem::resource, p -> p.position().line())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("B", 4),
            org.assertj.core.groups.Tuple.tuple("", 10));
  }

  @Test
  void yaml_oneBadPropertyOfAResource_itsOtherPropertiesAreRead() {
    Templates.Template template =
        read(
            "t.yaml",
            """
            Resources:
              Role:
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument:
                    Statement:
                      - {Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: 'sts:AssumeRole'}
                  Policies:
                    - PolicyName: p
                      PolicyDocument:
                        Statement:
                          - {Effect: Allow, Action: 's3:*', Resource: !GetAtt Nowhere.Arn}
            """);
    assertThat(template.policies())
        .extracting(p -> p.property().toString())
        .containsExactly("/Resources/Role/Properties/AssumeRolePolicyDocument");
    assertThat(template.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.resource()).isEqualTo("Role");
              assertThat(p.position().line()).isEqualTo(12);
            });
  }

  @Test
  void json_policyStringNotJson_isAProblemAtTheString_andRefToNothingIsAProblem() {
    Templates.Template template =
        read(
            "t.json",
            """
            {"Resources": {
              "Logs": {"Type": "AWS::Logs::ResourcePolicy", "Properties": {
                "PolicyName": "p", "PolicyDocument": "{\\"Statement\\": [,]}"}},
              "Fn": {"Type": "AWS::IAM::ManagedPolicy", "Properties": {"PolicyDocument":
                {"Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": {"Ref": "Missing"}}]}}},
              "Ok": {"Type": "AWS::IAM::ManagedPolicy", "Properties": {"PolicyDocument":
                {"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}}}
            }}
            """);
    assertThat(template.policies()).extracting(EmbeddedPolicy::resource).containsExactly("Ok");
    assertThat(template.problems())
        .extracting(Templates.Problem::resource, p -> p.pointer().toString())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "Logs", "/Resources/Logs/Properties/PolicyDocument"),
            org.assertj.core.groups.Tuple.tuple(
                "Fn", "/Resources/Fn/Properties/PolicyDocument/Statement/0/Resource/Ref"));
    assertThat(template.problems().get(0).message()).startsWith("the policy is not JSON: ");
    assertThat(template.problems().get(0).position().line()).isEqualTo(3);
  }

  @Test
  void badMetadataIgnore_isAProblem_andTheResourceIsStillRead() {
    Templates.Template template =
        read(
            "t.yaml",
            """
            Resources:
              P:
                Type: AWS::IAM::ManagedPolicy
                Metadata:
                  arbiter:
                    ignore:
                      - {code: '*'}
                Properties:
                  PolicyDocument: {Statement: [{Effect: Allow, Action: 's3:*', Resource: '*'}]}
            """);
    assertThat(template.policies()).extracting(EmbeddedPolicy::resource).containsExactly("P");
    assertThat(template.ignores()).isEmpty();
    assertThat(template.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.resource()).isEqualTo("P");
              assertThat(p.pointer()).hasToString("/Resources/P/Metadata/arbiter/ignore/0");
            });
  }

  @Test
  void problemInBothBranches_isReportedOnce() {
    Templates.Template template =
        read(
            "t.yaml",
            """
            Parameters: {Env: {Type: String, Default: dev}}
            Conditions: {IsProd: !Equals [!Ref Env, prod]}
            Resources:
              P:
                Type: AWS::IAM::ManagedPolicy
                Properties:
                  PolicyDocument:
                    Statement:
                      - Effect: Allow
                        Action: !If [IsProd, 's3:GetObject', 's3:*']
                        Resource: !Ref Missing
            """);
    assertThat(template.policies()).isEmpty();
    assertThat(template.problems()).hasSize(1);
  }

  @Test
  void syntaxErrorOfTheFile_stillStopsTheReading() {
    assertThatThrownBy(
            () ->
                read(
                    "t.yaml",
                    "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  P: [unclosed\n"))
        .isInstanceOf(TemplateException.class);
    assertThatThrownBy(() -> read("t.json", "{\"AWSTemplateFormatVersion\": \"2010-09-09\",}"))
        .isInstanceOf(TemplateException.class);
  }
}
