package dev.arbiter.lint;

import java.util.Locale;
import java.util.Optional;

/**
 * What a resource-based policy is attached to, with the names IAM Access Analyzer's {@code
 * ValidatePolicy} takes as {@code validatePolicyResourceType}. Checks that depend on the resource
 * (which ARNs the policy may name, whether a statement needs a Resource) run for these types.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/access-analyzer/latest/APIReference/API_ValidatePolicy.html">ValidatePolicy</a>
 */
public enum PolicyResourceType {
  /** An S3 general purpose bucket policy. */
  S3_BUCKET("AWS::S3::Bucket", "an S3 bucket policy"),
  /** An S3 access point policy. */
  S3_ACCESS_POINT("AWS::S3::AccessPoint", "an S3 access point policy"),
  /** An S3 Multi-Region Access Point policy. */
  S3_MULTI_REGION_ACCESS_POINT(
      "AWS::S3::MultiRegionAccessPoint", "an S3 Multi-Region Access Point policy"),
  /** An S3 Object Lambda access point policy. */
  S3_OBJECT_LAMBDA_ACCESS_POINT(
      "AWS::S3ObjectLambda::AccessPoint", "an S3 Object Lambda access point policy"),
  /** An S3 directory bucket (S3 Express One Zone) policy. */
  S3_EXPRESS_DIRECTORY_BUCKET("AWS::S3Express::DirectoryBucket", "an S3 directory bucket policy"),
  /** A DynamoDB table's resource-based policy. */
  DYNAMODB_TABLE("AWS::DynamoDB::Table", "a DynamoDB table policy"),
  /** A DynamoDB stream's resource-based policy. */
  DYNAMODB_STREAM("AWS::DynamoDB::Stream", "a DynamoDB stream policy"),
  /** An IAM role trust policy. */
  IAM_ASSUME_ROLE_POLICY_DOCUMENT("AWS::IAM::AssumeRolePolicyDocument", "a role trust policy");

  private final String awsName;
  private final String description;

  PolicyResourceType(String awsName, String description) {
    this.awsName = awsName;
    this.description = description;
  }

  /** Access Analyzer's name, for example {@code AWS::S3::Bucket}. */
  public String awsName() {
    return awsName;
  }

  /** Words for messages, for example {@code an S3 bucket policy}. */
  public String description() {
    return description;
  }

  /** The type named {@code name}, Access Analyzer's spelling in any case. */
  public static Optional<PolicyResourceType> fromName(String name) {
    String wanted = name.trim().toLowerCase(Locale.ROOT);
    for (PolicyResourceType type : values()) {
      if (type.awsName.toLowerCase(Locale.ROOT).equals(wanted)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }

  /** Every name, comma-separated, for messages. */
  public static String names() {
    StringBuilder out = new StringBuilder();
    for (PolicyResourceType type : values()) {
      out.append(out.length() == 0 ? "" : ", ").append(type.awsName);
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return awsName;
  }
}
