package dev.arbiter.reason;

import dev.arbiter.policy.PolicyType;
import java.util.Locale;
import java.util.Optional;

/**
 * The resource types {@link Reasoner#noPublicAccess} checks: those of IAM Access Analyzer's {@code
 * CheckNoPublicAccess} (Access Analyzer API reference, "CheckNoPublicAccess",
 * https://docs.aws.amazon.com/access-analyzer/latest/APIReference/API_CheckNoPublicAccess.html).
 * Each type names the policy type its policy is read as, the service whose actions can reach the
 * resource, and the shape of the resource's ARN.
 */
public enum PublicResourceType {
  /** A DynamoDB table's resource-based policy. */
  DYNAMODB_TABLE(
      "AWS::DynamoDB::Table", "dynamodb", "arn:aws:dynamodb:us-east-1:444455556666:table/example"),
  /** A DynamoDB stream's resource-based policy. */
  DYNAMODB_STREAM(
      "AWS::DynamoDB::Stream",
      "dynamodb",
      "arn:aws:dynamodb:us-east-1:444455556666:table/example/stream/2024-01-01T00:00:00.000"),
  /** An EFS file system policy. */
  EFS_FILE_SYSTEM(
      "AWS::EFS::FileSystem",
      "elasticfilesystem",
      "arn:aws:elasticfilesystem:us-east-1:444455556666:file-system/fs-example"),
  /** An OpenSearch Service domain access policy. */
  OPENSEARCH_DOMAIN(
      "AWS::OpenSearchService::Domain",
      "es",
      "arn:aws:es:us-east-1:444455556666:domain/example/index"),
  /** A Kinesis data stream's resource-based policy. */
  KINESIS_STREAM(
      "AWS::Kinesis::Stream", "kinesis", "arn:aws:kinesis:us-east-1:444455556666:stream/example"),
  /** A Kinesis stream consumer's resource-based policy. */
  KINESIS_STREAM_CONSUMER(
      "AWS::Kinesis::StreamConsumer",
      "kinesis",
      "arn:aws:kinesis:us-east-1:444455556666:stream/example/consumer/example:1"),
  /** A KMS key policy. */
  KMS_KEY("AWS::KMS::Key", "kms", "arn:aws:kms:us-east-1:444455556666:key/example"),
  /** A Lambda function's resource-based policy. */
  LAMBDA_FUNCTION(
      "AWS::Lambda::Function", "lambda", "arn:aws:lambda:us-east-1:444455556666:function:example"),
  /** An S3 bucket policy: the bucket and its objects. */
  S3_BUCKET("AWS::S3::Bucket", "s3", "arn:aws:s3:::example-bucket/object"),
  /** An S3 access point policy. */
  S3_ACCESS_POINT(
      "AWS::S3::AccessPoint", "s3", "arn:aws:s3:us-east-1:444455556666:accesspoint/example"),
  /** An S3 directory bucket policy. */
  S3_EXPRESS_DIRECTORY_BUCKET(
      "AWS::S3Express::DirectoryBucket",
      "s3express",
      "arn:aws:s3express:us-east-1:444455556666:bucket/example--use1-az4--x-s3"),
  /** An S3 Glacier vault access policy. */
  S3_GLACIER(
      "AWS::S3::Glacier", "glacier", "arn:aws:glacier:us-east-1:444455556666:vaults/example"),
  /** An S3 on Outposts bucket policy. */
  S3_OUTPOSTS_BUCKET(
      "AWS::S3Outposts::Bucket",
      "s3-outposts",
      "arn:aws:s3-outposts:us-east-1:444455556666:outpost/op-example/bucket/example"),
  /** An S3 on Outposts access point policy. */
  S3_OUTPOSTS_ACCESS_POINT(
      "AWS::S3Outposts::AccessPoint",
      "s3-outposts",
      "arn:aws:s3-outposts:us-east-1:444455556666:outpost/op-example/accesspoint/example"),
  /** A Secrets Manager secret's resource-based policy. */
  SECRETS_MANAGER_SECRET(
      "AWS::SecretsManager::Secret",
      "secretsmanager",
      "arn:aws:secretsmanager:us-east-1:444455556666:secret:example-AbCdEf"),
  /** An SNS topic policy. */
  SNS_TOPIC("AWS::SNS::Topic", "sns", "arn:aws:sns:us-east-1:444455556666:example"),
  /** An SQS queue policy. */
  SQS_QUEUE("AWS::SQS::Queue", "sqs", "arn:aws:sqs:us-east-1:444455556666:example"),
  /** A role trust policy: who may assume the role. */
  IAM_ASSUME_ROLE_POLICY_DOCUMENT(
      "AWS::IAM::AssumeRolePolicyDocument", "sts", "arn:aws:iam::444455556666:role/example"),
  /** An S3 table bucket policy. */
  S3_TABLES_TABLE_BUCKET(
      "AWS::S3Tables::TableBucket",
      "s3tables",
      "arn:aws:s3tables:us-east-1:444455556666:bucket/example"),
  /** An API Gateway REST API resource policy. */
  API_GATEWAY_REST_API(
      "AWS::ApiGateway::RestApi",
      "execute-api",
      "arn:aws:execute-api:us-east-1:444455556666:example/prod/GET/pets"),
  /** A CodeArtifact domain policy. */
  CODE_ARTIFACT_DOMAIN(
      "AWS::CodeArtifact::Domain",
      "codeartifact",
      "arn:aws:codeartifact:us-east-1:444455556666:domain/example"),
  /** A Backup vault access policy. */
  BACKUP_VAULT(
      "AWS::Backup::BackupVault",
      "backup",
      "arn:aws:backup:us-east-1:444455556666:backup-vault:example"),
  /** A CloudTrail Lake dashboard's resource-based policy. */
  CLOUDTRAIL_DASHBOARD(
      "AWS::CloudTrail::Dashboard",
      "cloudtrail",
      "arn:aws:cloudtrail:us-east-1:444455556666:dashboard/example"),
  /** A CloudTrail Lake event data store's resource-based policy. */
  CLOUDTRAIL_EVENT_DATA_STORE(
      "AWS::CloudTrail::EventDataStore",
      "cloudtrail",
      "arn:aws:cloudtrail:us-east-1:444455556666:eventdatastore/example"),
  /** An S3 table's resource-based policy. */
  S3_TABLES_TABLE(
      "AWS::S3Tables::Table",
      "s3tables",
      "arn:aws:s3tables:us-east-1:444455556666:bucket/example/table/example"),
  /** An S3 Express access point policy. */
  S3_EXPRESS_ACCESS_POINT(
      "AWS::S3Express::AccessPoint",
      "s3express",
      "arn:aws:s3express:us-east-1:444455556666:accesspoint/example--use1-az4--xa-s3");

  private final String awsName;
  private final String service;
  private final String example;

  PublicResourceType(String awsName, String service, String example) {
    this.awsName = awsName;
    this.service = service;
    this.example = example;
  }

  /** The name Access Analyzer and CloudFormation use, such as {@code AWS::S3::Bucket}. */
  public String awsName() {
    return awsName;
  }

  /** The type with the given AWS name ({@code AWS::S3::Bucket}), compared ignoring case. */
  public static Optional<PublicResourceType> fromAwsName(String name) {
    for (PublicResourceType type : values()) {
      if (type.awsName.equalsIgnoreCase(name.trim())) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }

  /** How a policy of this type is read: a trust policy for a role, a resource policy otherwise. */
  public PolicyType policyType() {
    return this == IAM_ASSUME_ROLE_POLICY_DOCUMENT ? PolicyType.TRUST : PolicyType.RESOURCE;
  }

  /** The service prefix of the actions that reach the resource, such as {@code s3}. */
  String service() {
    return service;
  }

  /**
   * The resource ARNs a request on this type can name, as a Resource pattern: every ARN of the
   * service (a superset, so that no request on the resource is left out), or for a bucket the
   * bucket and object ARNs, for a role its ARN.
   */
  String resourcePattern() {
    return switch (this) {
      case S3_BUCKET -> "arn:*:s3:::*";
      case IAM_ASSUME_ROLE_POLICY_DOCUMENT -> "arn:*:iam::*:role/*";
      default -> "arn:*:" + service.toLowerCase(Locale.ROOT) + ":*:*:*";
    };
  }

  /** A resource of this type, used in counterexamples where the policy names none. */
  String exampleResource() {
    return example;
  }

  @Override
  public String toString() {
    return awsName;
  }
}
