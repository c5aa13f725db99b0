package dev.arbiter.iac.cloudformation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.iac.EmbeddedPolicy;
import dev.arbiter.iac.Templates;
import dev.arbiter.lint.PolicyResourceType;
import dev.arbiter.policy.JsonPointer;
import dev.arbiter.policy.PolicyType;
import dev.arbiter.policy.SourcePosition;
import dev.arbiter.policy.json.Json;
import dev.arbiter.policy.json.JsonWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each policy-bearing resource type: where its policy is, what kind, what it is attached to. */
class ResourceTypesTest {
  private static final String DOCUMENT =
      "{Version: '2012-10-17', Statement: [{Effect: Allow, Principal: '*', Action: 's3:GetObject',"
          + " Resource: '*'}]}";

  static List<EmbeddedPolicy> read(String yaml) {
    return Templates.read(
            "t.yaml",
            yaml.getBytes(StandardCharsets.UTF_8),
            Optional.empty(),
            Templates.Options.DEFAULT)
        .policies();
  }

  @ParameterizedTest
  @CsvSource({
    "AWS::IAM::ManagedPolicy, PolicyDocument, IDENTITY, ''",
    "AWS::IAM::Policy, PolicyDocument, IDENTITY, ''",
    "AWS::IAM::RolePolicy, PolicyDocument, IDENTITY, ''",
    "AWS::IAM::UserPolicy, PolicyDocument, IDENTITY, ''",
    "AWS::IAM::GroupPolicy, PolicyDocument, IDENTITY, ''",
    "AWS::SSO::PermissionSet, InlinePolicy, IDENTITY, ''",
    "AWS::IAM::Role, AssumeRolePolicyDocument, TRUST, AWS::IAM::AssumeRolePolicyDocument",
    "AWS::S3::BucketPolicy, PolicyDocument, RESOURCE, AWS::S3::Bucket",
    "AWS::S3::AccessPoint, Policy, RESOURCE, AWS::S3::AccessPoint",
    "AWS::S3::MultiRegionAccessPointPolicy, Policy, RESOURCE, AWS::S3::MultiRegionAccessPoint",
    "AWS::S3ObjectLambda::AccessPointPolicy, PolicyDocument, RESOURCE,"
        + " AWS::S3ObjectLambda::AccessPoint",
    "AWS::S3Express::BucketPolicy, PolicyDocument, RESOURCE, AWS::S3Express::DirectoryBucket",
    "AWS::S3Tables::TableBucketPolicy, ResourcePolicy, RESOURCE, ''",
    "AWS::SQS::QueuePolicy, PolicyDocument, RESOURCE, ''",
    "AWS::SNS::TopicPolicy, PolicyDocument, RESOURCE, ''",
    "AWS::KMS::Key, KeyPolicy, RESOURCE, ''",
    "AWS::SecretsManager::ResourcePolicy, ResourcePolicy, RESOURCE, ''",
    "AWS::ECR::Repository, RepositoryPolicyText, RESOURCE, ''",
    "AWS::ECR::RegistryPolicy, PolicyText, RESOURCE, ''",
    "AWS::Events::EventBus, Policy, RESOURCE, ''",
    "AWS::ApiGateway::RestApi, Policy, RESOURCE, ''",
    "AWS::OpenSearchService::Domain, AccessPolicies, RESOURCE, ''",
    "AWS::Backup::BackupVault, AccessPolicy, RESOURCE, ''",
    "AWS::EFS::FileSystem, FileSystemPolicy, RESOURCE, ''",
    "AWS::EC2::VPCEndpoint, PolicyDocument, VPC_ENDPOINT, ''",
    "AWS::CodeArtifact::Domain, PermissionsPolicyDocument, RESOURCE, ''",
    "AWS::CloudTrail::ResourcePolicy, ResourcePolicy, RESOURCE, ''",
    "AWS::Kinesis::ResourcePolicy, ResourcePolicy, RESOURCE, ''"
  })
  void property_givesItsPolicyTypeAndResourceType(
      String type, String property, PolicyType policyType, String attachedTo) {
    List<EmbeddedPolicy> found =
        read(
            "Resources:\n  R:\n    Type: "
                + type
                + "\n    Properties:\n      "
                + property
                + ": "
                + DOCUMENT
                + "\n");
    assertThat(found).hasSize(1);
    EmbeddedPolicy policy = found.get(0);
    assertThat(policy.resource()).isEqualTo("R");
    assertThat(policy.resourceType()).isEqualTo(type);
    assertThat(policy.property().toString()).isEqualTo("/Resources/R/Properties/" + property);
    assertThat(policy.policyType()).isEqualTo(policyType);
    assertThat(policy.attachedTo()).isEqualTo(PolicyResourceType.fromName(attachedTo));
    assertThat(policy.document().position())
        .isEqualTo(new SourcePosition(5, 9 + property.length()));
  }

  @Test
  void roleInlinePolicies_eachIsAnIdentityPolicy() {
    List<EmbeddedPolicy> found =
        read(
            "Resources:\n  R:\n    Type: AWS::IAM::User\n    Properties:\n      Policies:\n"
                + "        - {PolicyName: a, PolicyDocument: "
                + DOCUMENT
                + "}\n"
                + "        - {PolicyName: b, PolicyDocument: "
                + DOCUMENT
                + "}\n");
    assertThat(found)
        .extracting(p -> p.property().toString())
        .containsExactly(
            "/Resources/R/Properties/Policies/0/PolicyDocument",
            "/Resources/R/Properties/Policies/1/PolicyDocument");
  }

  @Test
  void organizationsPolicy_byItsType() {
    String template =
        """
        Resources:
          S:
            Type: AWS::Organizations::Policy
            Properties:
              Type: %s
              Content: {Version: '2012-10-17', Statement: [{Effect: Deny, Action: '*', Resource: '*'}]}
        """;
    assertThat(read(String.format(template, "SERVICE_CONTROL_POLICY")).get(0).policyType())
        .isEqualTo(PolicyType.SCP);
    assertThat(read(String.format(template, "RESOURCE_CONTROL_POLICY")).get(0).policyType())
        .isEqualTo(PolicyType.RCP);
    assertThat(read(String.format(template, "TAG_POLICY"))).isEmpty();
  }

  @Test
  void logsResourcePolicy_stringIsParsed_atTheStringsPosition() {
    List<EmbeddedPolicy> found =
        read(
            "Resources:\n  L:\n    Type: AWS::Logs::ResourcePolicy\n    Properties:\n      PolicyName: p\n"
                + "      PolicyDocument: !Sub '{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\","
                + " \"Principal\": {\"Service\": \"es.amazonaws.com\"}, \"Action\": \"logs:PutLogEvents\","
                + " \"Resource\": \"arn:${AWS::Partition}:logs:*:*:*\"}]}'\n");
    assertThat(found).hasSize(1);
    assertThat(JsonWriter.compact(found.get(0).document()))
        .contains("\"Resource\":\"arn:aws:logs:*:*:*\"");
    assertThat(
            found
                .get(0)
                .document()
                .memberAt(JsonPointer.parse("/Statement"))
                .orElseThrow()
                .value()
                .position())
        .isEqualTo(new SourcePosition(6, 23));
  }

  @Test
  void eventBusPolicy_statementIsWrapped_withItsStatementIdAsSid() {
    EmbeddedPolicy policy =
        read("""
            Resources:
              E:
                Type: AWS::Events::EventBusPolicy
                Properties:
                  StatementId: s1
                  Statement: {Effect: Allow, Principal: {AWS: '111122223333'}, Action: events:PutEvents, Resource: '*'}
            """)
            .get(0);
    assertThat(JsonWriter.compact(policy.document()))
        .isEqualTo(
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"s1\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"111122223333\"},\"Action\":\"events:PutEvents\",\"Resource\":\"*\"}]}");
    assertThat(policy.filePointer(JsonPointer.parse("/Statement/0/Action")).toString())
        .isEqualTo("/Resources/E/Properties/Statement/Action");
  }

  @Test
  void lambdaPermission_isTheStatementLambdaWrites() {
    EmbeddedPolicy policy =
        read("""
            Resources:
              P:
                Type: AWS::Lambda::Permission
                Properties:
                  Action: lambda:InvokeFunction
                  FunctionName: handler
                  Principal: s3.amazonaws.com
                  SourceAccount: !Ref AWS::AccountId
                  SourceArn: arn:aws:s3:::bucket
            """)
            .get(0);
    assertThat(JsonWriter.compact(policy.document()))
        .isEqualTo(
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"P\",\"Effect\":\"Allow\","
                + "\"Principal\":{\"Service\":\"s3.amazonaws.com\"},\"Action\":\"lambda:InvokeFunction\","
                + "\"Resource\":\"arn:aws:lambda:us-east-1:123456789012:function:handler\","
                + "\"Condition\":{\"StringEquals\":{\"AWS:SourceAccount\":\"123456789012\"},"
                + "\"ArnLike\":{\"AWS:SourceArn\":\"arn:aws:s3:::bucket\"}}}]}");
    assertThat(
            policy
                .filePointer(JsonPointer.parse("/Statement/0/Condition/ArnLike/AWS:SourceArn"))
                .toString())
        .isEqualTo("/Resources/P/Properties/SourceArn");
    assertThat(
            policy
                .document()
                .memberAt(JsonPointer.parse("/Statement/0/Resource"))
                .orElseThrow()
                .value()
                .position())
        .isEqualTo(new SourcePosition(6, 21));
  }

  @Test
  void lambdaPermissions_onOneFunction_areOnePolicy_eachStatementAtItsOwnResource() {
    List<EmbeddedPolicy> found =
        read(
            """
            Parameters: {Shared: {Type: String, Default: ''}}
            Resources:
              Handler: {Type: AWS::Lambda::Function, Properties: {FunctionName: handler}}
              FromS3:
                Type: AWS::Lambda::Permission
                Properties:
                  Action: lambda:InvokeFunction
                  FunctionName: !Ref Handler
                  Principal: s3.amazonaws.com
              Other:
                Type: AWS::Lambda::Permission
                Properties: {Action: 'lambda:InvokeFunction', FunctionName: other, Principal: '*'}
              FromSns:
                Type: AWS::Lambda::Permission
                Properties:
                  Action: lambda:InvokeFunction
                  FunctionName: !GetAtt Handler.Arn
                  Principal: sns.amazonaws.com
              Imported:
                Type: AWS::Lambda::Permission
                Properties:
                  Action: lambda:InvokeFunction
                  FunctionName: !ImportValue SharedFunction
                  Principal: '*'
            """);
    assertThat(found)
        .extracting(EmbeddedPolicy::resource)
        .containsExactly("FromS3", "Other", "Imported");
    EmbeddedPolicy handler = found.get(0);
    assertThat(JsonWriter.compact(handler.document()))
        .contains("{\"Sid\":\"FromS3\",")
        .contains("{\"Sid\":\"FromSns\",")
        .contains("\"Resource\":\"arn:aws:lambda:us-east-1:123456789012:function:handler\"");
    assertThat(handler.resourceAt(JsonPointer.parse("/Statement/1/Principal")))
        .isEqualTo("FromSns");
    assertThat(handler.filePointer(JsonPointer.parse("/Statement/1/Principal/Service")))
        .hasToString("/Resources/FromSns/Properties/Principal");
    assertThat(
            ((Json.Arr) ((Json.Obj) handler.document()).get("Statement").orElseThrow())
                .elements()
                .get(1)
                .position()
                .line())
        .isEqualTo(16);
    assertThat(found.get(2).unknowns()).contains(JsonPointer.parse("/Statement/0/Resource"));
  }

  @Test
  void lambdaPermissions_functionChosenByACondition_mergeOnlyInTheBranchWhereTheyShareIt() {
    List<EmbeddedPolicy> found =
        read(
            """
            Parameters: {Env: {Type: String, Default: dev}}
            Conditions: {IsProd: !Equals [!Ref Env, prod]}
            Resources:
              A:
                Type: AWS::Lambda::Permission
                Properties:
                  Action: lambda:InvokeFunction
                  FunctionName: !If [IsProd, f, g]
                  Principal: s3.amazonaws.com
              B:
                Type: AWS::Lambda::Permission
                Properties: {Action: 'lambda:InvokeFunction', FunctionName: f, Principal: '*'}
            """);
    assertThat(found)
        .extracting(p -> p.resource() + " " + p.branches() + " " + statements(p))
        .containsExactly("A [IsProd is true] 2", "A [IsProd is false] 1", "B [IsProd is false] 1");
  }

  private static int statements(EmbeddedPolicy policy) {
    return ((Json.Arr) ((Json.Obj) policy.document()).get("Statement").orElseThrow())
        .elements()
        .size();
  }

  @Test
  void policyHeldAsAString_writtenWithoutEscapes_positionsPointInsideIt() {
    String yaml =
        """
        Resources:
          Logs:
            Type: AWS::Logs::ResourcePolicy
            Properties:
              PolicyName: p
              PolicyDocument: '{"Statement": [{"Effect": "Allow", "Action": "logs:*"}]}'
          Quoted:
            Type: AWS::Logs::ResourcePolicy
            Properties:
              PolicyName: q
              PolicyDocument: '{"Statement": [{"Sid": "it''s", "Action": "logs:*"}]}'
        """;
    List<EmbeddedPolicy> found = read(yaml);
    String line6 = yaml.lines().toList().get(5);
    Json action =
        found
            .get(0)
            .document()
            .memberAt(JsonPointer.parse("/Statement/0/Action"))
            .orElseThrow()
            .value();
    assertThat(action.position().line()).isEqualTo(6);
    assertThat(line6.substring(action.position().column() - 1)).startsWith("\"logs:*\"");
    // Written with an escape (''): every element stays at the string's own position.
    Json escaped =
        found
            .get(1)
            .document()
            .memberAt(JsonPointer.parse("/Statement/0/Action"))
            .orElseThrow()
            .value();
    assertThat(escaped.position()).isEqualTo(new SourcePosition(11, 23));
  }

  @Test
  void policyHeldAsAJsonTemplateString_staysAtTheStringsPosition() {
    String json =
        "{\"Resources\": {\"Logs\": {\"Type\": \"AWS::Logs::ResourcePolicy\", \"Properties\":"
            + " {\"PolicyName\": \"p\",\n \"PolicyDocument\": \"{\\\"Statement\\\": []}\"}}}}";
    EmbeddedPolicy policy =
        Templates.read(
                "t.json",
                json.getBytes(StandardCharsets.UTF_8),
                Optional.empty(),
                Templates.Options.DEFAULT)
            .policies()
            .get(0);
    assertThat(
            policy
                .document()
                .memberAt(JsonPointer.parse("/Statement"))
                .orElseThrow()
                .value()
                .position())
        .isEqualTo(new SourcePosition(2, 20));
  }

  /**
   * An account principal is written as Lambda stores it, the account's root ARN (the Terraform
   * reader has always done so; this reader wrote the bare account ID until both used one
   * synthesizer).
   */
  @Test
  void lambdaPermission_accountPrincipal_isAnAwsPrincipal() {
    EmbeddedPolicy policy =
        read("""
            Resources:
              P:
                Type: AWS::Lambda::Permission
                Properties:
                  Action: lambda:InvokeFunction
                  FunctionName: arn:aws:lambda:us-west-2:111122223333:function:f
                  Principal: '444455556666'
            """)
            .get(0);
    assertThat(JsonWriter.compact(policy.document()))
        .contains("\"Principal\":{\"AWS\":\"arn:aws:iam::444455556666:root\"}")
        .contains("\"Resource\":\"arn:aws:lambda:us-west-2:111122223333:function:f\"");
  }

  @Test
  void resourceCondition_decidedFalse_isNotRead() {
    String template =
        "Parameters: {On: {Type: String, Default: 'no'}}\nConditions: {IsOn: !Equals [!Ref On, 'yes']}\n"
            + "Resources:\n  R:\n    Type: AWS::IAM::ManagedPolicy\n    Condition: IsOn\n    Properties:\n"
            + "      PolicyDocument: "
            + DOCUMENT
            + "\n";
    assertThat(read(template)).hasSize(1); // undecided: the default does not decide it
    List<EmbeddedPolicy> off =
        Templates.read(
                "t.yaml",
                template.getBytes(StandardCharsets.UTF_8),
                Optional.empty(),
                new Templates.Options(
                    dev.arbiter.iac.Placeholders.DEFAULT,
                    java.util.Set.of(),
                    java.util.Map.of("On", "no")))
            .policies();
    assertThat(off).isEmpty();
  }
}
