package dev.arbiter.iac.cloudformation;

import java.util.Map;
import java.util.Optional;

/**
 * What {@code Ref} and {@code Fn::GetAtt} return for resources of the common types, as the
 * CloudFormation resource reference documents each type's return values: the name, ID, URL or ARN
 * the resource gets. Patterns use {@code {partition}}, {@code {region}}, {@code {account}}, {@code
 * {urlsuffix}}, {@code {name}} (the type's name property, else a stand-in), {@code {path}} (IAM
 * paths) and {@code {id}} (a stand-in ID). Types not listed, and attributes not listed, give values
 * that are unknown offline.
 */
final class PhysicalIds {
  private PhysicalIds() {}

  /**
   * One resource type.
   *
   * @param nameProperty the property that names the resource, or ""
   * @param lowerCase whether stand-in names are lower case (S3 bucket names)
   * @param ref what {@code Ref} returns
   * @param attributes what {@code Fn::GetAtt} returns, by attribute
   */
  record Type(String nameProperty, boolean lowerCase, String ref, Map<String, String> attributes) {}

  private static Type named(String nameProperty, String ref, Map<String, String> attributes) {
    return new Type(nameProperty, false, ref, attributes);
  }

  private static final String IAM = "arn:{partition}:iam::{account}:";
  private static final String REGIONAL = ":{region}:{account}:";

  private static final Map<String, Type> TYPES =
      Map.ofEntries(
          Map.entry(
              "AWS::IAM::Role",
              named(
                  "RoleName",
                  "{name}",
                  Map.of("Arn", IAM + "role{path}{name}", "RoleId", "AROA{id}"))),
          Map.entry(
              "AWS::IAM::User",
              named("UserName", "{name}", Map.of("Arn", IAM + "user{path}{name}"))),
          Map.entry(
              "AWS::IAM::Group",
              named("GroupName", "{name}", Map.of("Arn", IAM + "group{path}{name}"))),
          Map.entry(
              "AWS::IAM::ManagedPolicy",
              named(
                  "ManagedPolicyName",
                  IAM + "policy{path}{name}",
                  Map.of("PolicyArn", IAM + "policy{path}{name}"))),
          Map.entry(
              "AWS::IAM::InstanceProfile",
              named(
                  "InstanceProfileName",
                  "{name}",
                  Map.of("Arn", IAM + "instance-profile{path}{name}"))),
          Map.entry(
              "AWS::S3::Bucket",
              new Type(
                  "BucketName",
                  true,
                  "{name}",
                  Map.of(
                      "Arn",
                      "arn:{partition}:s3:::{name}",
                      "DomainName",
                      "{name}.s3.{urlsuffix}",
                      "RegionalDomainName",
                      "{name}.s3.{region}.{urlsuffix}"))),
          Map.entry(
              "AWS::SQS::Queue",
              named(
                  "QueueName",
                  "https://sqs.{region}.{urlsuffix}/{account}/{name}",
                  Map.of(
                      "Arn",
                      "arn:{partition}:sqs" + REGIONAL + "{name}",
                      "QueueName",
                      "{name}",
                      "QueueUrl",
                      "https://sqs.{region}.{urlsuffix}/{account}/{name}"))),
          Map.entry(
              "AWS::SNS::Topic",
              named(
                  "TopicName",
                  "arn:{partition}:sns" + REGIONAL + "{name}",
                  Map.of(
                      "TopicArn",
                      "arn:{partition}:sns" + REGIONAL + "{name}",
                      "TopicName",
                      "{name}"))),
          Map.entry(
              "AWS::Lambda::Function",
              named(
                  "FunctionName",
                  "{name}",
                  Map.of("Arn", "arn:{partition}:lambda" + REGIONAL + "function:{name}"))),
          Map.entry(
              "AWS::Lambda::LayerVersion",
              named(
                  "LayerName",
                  "arn:{partition}:lambda" + REGIONAL + "layer:{name}:1",
                  Map.of(
                      "LayerVersionArn", "arn:{partition}:lambda" + REGIONAL + "layer:{name}:1"))),
          Map.entry(
              "AWS::KMS::Key",
              named(
                  "",
                  "{id}",
                  Map.of("Arn", "arn:{partition}:kms" + REGIONAL + "key/{id}", "KeyId", "{id}"))),
          Map.entry("AWS::KMS::Alias", named("AliasName", "{name}", Map.of())),
          Map.entry(
              "AWS::DynamoDB::Table",
              named(
                  "TableName",
                  "{name}",
                  Map.of("Arn", "arn:{partition}:dynamodb" + REGIONAL + "table/{name}"))),
          Map.entry(
              "AWS::Kinesis::Stream",
              named(
                  "Name",
                  "{name}",
                  Map.of("Arn", "arn:{partition}:kinesis" + REGIONAL + "stream/{name}"))),
          Map.entry(
              "AWS::KinesisFirehose::DeliveryStream",
              named(
                  "DeliveryStreamName",
                  "{name}",
                  Map.of("Arn", "arn:{partition}:firehose" + REGIONAL + "deliverystream/{name}"))),
          Map.entry(
              "AWS::Logs::LogGroup",
              named(
                  "LogGroupName",
                  "{name}",
                  Map.of("Arn", "arn:{partition}:logs" + REGIONAL + "log-group:{name}:*"))),
          Map.entry(
              "AWS::SecretsManager::Secret",
              named(
                  "Name",
                  "arn:{partition}:secretsmanager" + REGIONAL + "secret:{name}-AbCdEf",
                  Map.of(
                      "Id", "arn:{partition}:secretsmanager" + REGIONAL + "secret:{name}-AbCdEf"))),
          Map.entry(
              "AWS::StepFunctions::StateMachine",
              named(
                  "StateMachineName",
                  "arn:{partition}:states" + REGIONAL + "stateMachine:{name}",
                  Map.of(
                      "Arn",
                      "arn:{partition}:states" + REGIONAL + "stateMachine:{name}",
                      "Name",
                      "{name}"))),
          Map.entry(
              "AWS::Events::Rule",
              named(
                  "Name",
                  "{name}",
                  Map.of("Arn", "arn:{partition}:events" + REGIONAL + "rule/{name}"))),
          Map.entry(
              "AWS::Events::EventBus",
              named(
                  "Name",
                  "{name}",
                  Map.of(
                      "Arn",
                      "arn:{partition}:events" + REGIONAL + "event-bus/{name}",
                      "Name",
                      "{name}"))),
          Map.entry(
              "AWS::ECR::Repository",
              named(
                  "RepositoryName",
                  "{name}",
                  Map.of("Arn", "arn:{partition}:ecr" + REGIONAL + "repository/{name}"))),
          Map.entry(
              "AWS::CodeCommit::Repository",
              named(
                  "RepositoryName",
                  "{id}",
                  Map.of(
                      "Arn",
                      "arn:{partition}:codecommit" + REGIONAL + "{name}",
                      "Name",
                      "{name}"))),
          Map.entry(
              "AWS::CodeBuild::Project",
              named(
                  "Name",
                  "{name}",
                  Map.of("Arn", "arn:{partition}:codebuild" + REGIONAL + "project/{name}"))),
          Map.entry(
              "AWS::CloudTrail::Trail",
              named(
                  "TrailName",
                  "{name}",
                  Map.of("Arn", "arn:{partition}:cloudtrail" + REGIONAL + "trail/{name}"))),
          Map.entry(
              "AWS::ECS::Cluster",
              named(
                  "ClusterName",
                  "{name}",
                  Map.of("Arn", "arn:{partition}:ecs" + REGIONAL + "cluster/{name}"))),
          Map.entry(
              "AWS::EKS::Cluster",
              named(
                  "Name",
                  "{name}",
                  Map.of("Arn", "arn:{partition}:eks" + REGIONAL + "cluster/{name}"))),
          Map.entry("AWS::SSM::Parameter", named("Name", "{name}", Map.of())),
          Map.entry(
              "AWS::ApiGateway::RestApi", named("", "{id}", Map.of("RootResourceId", "{id}"))));

  /** The type's return values, if it is one of the common types. */
  static Optional<Type> of(String type) {
    return Optional.ofNullable(TYPES.get(type));
  }
}
