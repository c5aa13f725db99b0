package dev.arbiter.iac.cloudformation;

import dev.arbiter.lint.PolicyResourceType;
import dev.arbiter.policy.PolicyType;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where policies sit in CloudFormation resources: for each resource type, the properties that hold
 * a policy document, what kind of policy, and what Access Analyzer calls the resource it is
 * attached to. The property names are the CloudFormation resource reference's; docs/templates.md
 * lists them with their pages.
 */
final class PolicyProperties {
  private PolicyProperties() {}

  /** How a property holds its policy. */
  enum Shape {
    /** A policy document, as an object or a JSON string. */
    DOCUMENT,
    /** One statement, to be wrapped in a document ({@code AWS::Events::EventBusPolicy}). */
    STATEMENT
  }

  /**
   * One policy-bearing property.
   *
   * @param path property names from {@code Properties}; {@code *} for every item of a list
   * @param policyType the kind of policy it holds
   * @param attachedTo Access Analyzer's resource type, for resource policies that have one
   * @param shape how it holds it
   */
  record Property(
      List<String> path,
      PolicyType policyType,
      Optional<PolicyResourceType> attachedTo,
      Shape shape) {}

  private static Property identity(String... path) {
    return new Property(List.of(path), PolicyType.IDENTITY, Optional.empty(), Shape.DOCUMENT);
  }

  private static Property resource(String... path) {
    return new Property(List.of(path), PolicyType.RESOURCE, Optional.empty(), Shape.DOCUMENT);
  }

  private static Property resource(PolicyResourceType type, String... path) {
    return new Property(List.of(path), PolicyType.RESOURCE, Optional.of(type), Shape.DOCUMENT);
  }

  private static final Map<String, List<Property>> TYPES =
      Map.ofEntries(
          Map.entry(
              "AWS::IAM::Role",
              List.of(
                  new Property(
                      List.of("AssumeRolePolicyDocument"),
                      PolicyType.TRUST,
                      Optional.of(PolicyResourceType.IAM_ASSUME_ROLE_POLICY_DOCUMENT),
                      Shape.DOCUMENT),
                  identity("Policies", "*", "PolicyDocument"))),
          Map.entry("AWS::IAM::User", List.of(identity("Policies", "*", "PolicyDocument"))),
          Map.entry("AWS::IAM::Group", List.of(identity("Policies", "*", "PolicyDocument"))),
          Map.entry("AWS::IAM::Policy", List.of(identity("PolicyDocument"))),
          Map.entry("AWS::IAM::ManagedPolicy", List.of(identity("PolicyDocument"))),
          Map.entry("AWS::IAM::RolePolicy", List.of(identity("PolicyDocument"))),
          Map.entry("AWS::IAM::UserPolicy", List.of(identity("PolicyDocument"))),
          Map.entry("AWS::IAM::GroupPolicy", List.of(identity("PolicyDocument"))),
          Map.entry("AWS::SSO::PermissionSet", List.of(identity("InlinePolicy"))),
          Map.entry(
              "AWS::S3::BucketPolicy",
              List.of(resource(PolicyResourceType.S3_BUCKET, "PolicyDocument"))),
          Map.entry(
              "AWS::S3::AccessPoint",
              List.of(resource(PolicyResourceType.S3_ACCESS_POINT, "Policy"))),
          Map.entry(
              "AWS::S3::MultiRegionAccessPointPolicy",
              List.of(resource(PolicyResourceType.S3_MULTI_REGION_ACCESS_POINT, "Policy"))),
          Map.entry(
              "AWS::S3ObjectLambda::AccessPointPolicy",
              List.of(
                  resource(PolicyResourceType.S3_OBJECT_LAMBDA_ACCESS_POINT, "PolicyDocument"))),
          Map.entry(
              "AWS::S3Express::BucketPolicy",
              List.of(resource(PolicyResourceType.S3_EXPRESS_DIRECTORY_BUCKET, "PolicyDocument"))),
          Map.entry("AWS::S3Express::AccessPoint", List.of(resource("Policy"))),
          Map.entry("AWS::S3Outposts::BucketPolicy", List.of(resource("PolicyDocument"))),
          Map.entry("AWS::S3Outposts::AccessPoint", List.of(resource("Policy"))),
          Map.entry("AWS::S3Tables::TableBucketPolicy", List.of(resource("ResourcePolicy"))),
          Map.entry(
              "AWS::DynamoDB::Table",
              List.of(
                  resource(PolicyResourceType.DYNAMODB_TABLE, "ResourcePolicy", "PolicyDocument"),
                  resource(
                      PolicyResourceType.DYNAMODB_STREAM,
                      "StreamSpecification",
                      "ResourcePolicy",
                      "PolicyDocument"))),
          Map.entry(
              "AWS::DynamoDB::GlobalTable",
              List.of(
                  resource(
                      PolicyResourceType.DYNAMODB_TABLE,
                      "Replicas",
                      "*",
                      "ResourcePolicy",
                      "PolicyDocument"),
                  resource(
                      PolicyResourceType.DYNAMODB_STREAM,
                      "Replicas",
                      "*",
                      "ReplicaStreamSpecification",
                      "ResourcePolicy",
                      "PolicyDocument"))),
          Map.entry("AWS::SQS::QueuePolicy", List.of(resource("PolicyDocument"))),
          Map.entry("AWS::SQS::QueueInlinePolicy", List.of(resource("PolicyDocument"))),
          Map.entry("AWS::SNS::TopicPolicy", List.of(resource("PolicyDocument"))),
          Map.entry("AWS::SNS::TopicInlinePolicy", List.of(resource("PolicyDocument"))),
          Map.entry("AWS::KMS::Key", List.of(resource("KeyPolicy"))),
          Map.entry("AWS::KMS::ReplicaKey", List.of(resource("KeyPolicy"))),
          Map.entry("AWS::SecretsManager::ResourcePolicy", List.of(resource("ResourcePolicy"))),
          Map.entry("AWS::ECR::Repository", List.of(resource("RepositoryPolicyText"))),
          Map.entry("AWS::ECR::PublicRepository", List.of(resource("RepositoryPolicyText"))),
          Map.entry("AWS::ECR::RegistryPolicy", List.of(resource("PolicyText"))),
          Map.entry("AWS::Events::EventBus", List.of(resource("Policy"))),
          Map.entry(
              "AWS::Events::EventBusPolicy",
              List.of(
                  new Property(
                      List.of("Statement"),
                      PolicyType.RESOURCE,
                      Optional.empty(),
                      Shape.STATEMENT))),
          Map.entry("AWS::Logs::ResourcePolicy", List.of(resource("PolicyDocument"))),
          Map.entry("AWS::Logs::Destination", List.of(resource("DestinationPolicy"))),
          Map.entry("AWS::ApiGateway::RestApi", List.of(resource("Policy"))),
          Map.entry("AWS::OpenSearchService::Domain", List.of(resource("AccessPolicies"))),
          Map.entry("AWS::Elasticsearch::Domain", List.of(resource("AccessPolicies"))),
          Map.entry("AWS::Backup::BackupVault", List.of(resource("AccessPolicy"))),
          Map.entry("AWS::EFS::FileSystem", List.of(resource("FileSystemPolicy"))),
          Map.entry(
              "AWS::EC2::VPCEndpoint",
              List.of(
                  new Property(
                      List.of("PolicyDocument"),
                      PolicyType.VPC_ENDPOINT,
                      Optional.empty(),
                      Shape.DOCUMENT))),
          Map.entry("AWS::CodeArtifact::Domain", List.of(resource("PermissionsPolicyDocument"))),
          Map.entry(
              "AWS::CodeArtifact::Repository", List.of(resource("PermissionsPolicyDocument"))),
          Map.entry("AWS::CloudTrail::ResourcePolicy", List.of(resource("ResourcePolicy"))),
          Map.entry("AWS::Kinesis::ResourcePolicy", List.of(resource("ResourcePolicy"))));

  /** The policy-bearing properties of {@code type}; empty for other types. */
  static List<Property> of(String type) {
    return TYPES.getOrDefault(type, List.of());
  }

  /** Types whose policy is synthesized from their properties rather than written as a document. */
  static boolean synthesized(String type) {
    return type.equals("AWS::Lambda::Permission")
        || type.equals("AWS::Lambda::LayerVersionPermission");
  }
}
