package dev.arbiter.iac.terraform;

import dev.arbiter.lint.PolicyResourceType;
import dev.arbiter.policy.PolicyType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The Terraform resource types whose attributes hold a policy document, as a JSON string: which
 * attribute, which kind of policy, and for resource policies what Access Analyzer's {@code
 * ValidatePolicy} would be told the policy is attached to. Attribute names follow the AWS
 * provider's documentation (registry.terraform.io/providers/hashicorp/aws, each resource's page).
 */
final class ResourceTable {
  private ResourceTable() {}

  /** How an attachment is decided: fixed, or from another attribute of the resource. */
  enum Attach {
    /** Nothing Access Analyzer names (a generic resource policy, an identity policy). */
    NONE,
    /** An S3 bucket policy: a directory bucket's ({@code --x-s3} name) or a general bucket's. */
    S3_BUCKET_BY_NAME,
    /** A DynamoDB resource policy: a stream's ({@code /stream/} in the ARN) or a table's. */
    DYNAMODB_BY_ARN,
    /** What {@link Attribute#fixed} says. */
    FIXED
  }

  /**
   * One policy-bearing attribute.
   *
   * @param name the attribute, or for a nested block the block's name
   * @param nested the attribute inside each element of the block {@code name}, or null for a
   *     top-level attribute
   * @param type the kind of policy
   * @param attach how the attachment is decided
   * @param fixed the attachment when {@code attach} is {@link Attach#FIXED}
   */
  record Attribute(
      String name,
      @Nullable String nested,
      PolicyType type,
      Attach attach,
      @Nullable PolicyResourceType fixed) {

    /** The attribute's path for messages: {@code policy}, {@code inline_policy[].policy}. */
    String path() {
      return nested == null ? name : name + "[]." + nested;
    }

    Optional<PolicyResourceType> attachment(
        @Nullable String bucket, @Nullable String dynamoDbResourceArn) {
      return switch (attach) {
        case NONE -> Optional.empty();
        case FIXED -> Optional.ofNullable(fixed);
        case S3_BUCKET_BY_NAME ->
            Optional.of(
                bucket != null && bucket.endsWith("--x-s3")
                    ? PolicyResourceType.S3_EXPRESS_DIRECTORY_BUCKET
                    : PolicyResourceType.S3_BUCKET);
        case DYNAMODB_BY_ARN ->
            dynamoDbResourceArn == null
                ? Optional.empty()
                : Optional.of(
                    dynamoDbResourceArn.contains("/stream/")
                        ? PolicyResourceType.DYNAMODB_STREAM
                        : PolicyResourceType.DYNAMODB_TABLE);
      };
    }
  }

  /** The type of the data source whose {@code json} attribute is a rendered policy document. */
  static final String POLICY_DOCUMENT = "aws_iam_policy_document";

  /** The Lambda permission resource, whose policy statement is synthesized. */
  static final String LAMBDA_PERMISSION = "aws_lambda_permission";

  /** Organizations policies: the document's kind comes from the resource's {@code type}. */
  static final String ORGANIZATIONS_POLICY = "aws_organizations_policy";

  private static final Map<String, List<Attribute>> MANAGED = new LinkedHashMap<>();

  static {
    for (String type :
        List.of(
            "aws_iam_policy",
            "aws_iam_role_policy",
            "aws_iam_user_policy",
            "aws_iam_group_policy")) {
      identity(type, "policy");
    }
    MANAGED.put(
        "aws_iam_role",
        List.of(
            new Attribute(
                "assume_role_policy",
                null,
                PolicyType.TRUST,
                Attach.FIXED,
                PolicyResourceType.IAM_ASSUME_ROLE_POLICY_DOCUMENT),
            new Attribute("inline_policy", "policy", PolicyType.IDENTITY, Attach.NONE, null)));
    identity("aws_ssoadmin_permission_set_inline_policy", "inline_policy");

    resource("aws_s3_bucket_policy", "policy", Attach.S3_BUCKET_BY_NAME, null);
    resource("aws_s3_bucket", "policy", Attach.FIXED, PolicyResourceType.S3_BUCKET);
    resource("aws_s3_access_point", "policy", Attach.FIXED, PolicyResourceType.S3_ACCESS_POINT);
    resource(
        "aws_s3control_access_point_policy",
        "policy",
        Attach.FIXED,
        PolicyResourceType.S3_ACCESS_POINT);
    MANAGED.put(
        "aws_s3control_multi_region_access_point_policy",
        List.of(
            new Attribute(
                "details",
                "policy",
                PolicyType.RESOURCE,
                Attach.FIXED,
                PolicyResourceType.S3_MULTI_REGION_ACCESS_POINT)));
    resource(
        "aws_s3control_object_lambda_access_point_policy",
        "policy",
        Attach.FIXED,
        PolicyResourceType.S3_OBJECT_LAMBDA_ACCESS_POINT);
    resource("aws_dynamodb_resource_policy", "policy", Attach.DYNAMODB_BY_ARN, null);

    generic("aws_s3tables_table_bucket_policy", "resource_policy");
    generic("aws_s3tables_table_policy", "resource_policy"); // a table's own resource policy
    for (String type :
        List.of(
            "aws_sqs_queue",
            "aws_sqs_queue_policy",
            "aws_sns_topic",
            "aws_sns_topic_policy",
            "aws_kms_key",
            "aws_kms_replica_key",
            "aws_kms_external_key",
            "aws_secretsmanager_secret_policy",
            "aws_ecr_repository_policy",
            "aws_ecr_registry_policy",
            "aws_ecrpublic_repository_policy",
            "aws_cloudwatch_event_bus_policy",
            "aws_api_gateway_rest_api",
            "aws_api_gateway_rest_api_policy",
            "aws_backup_vault_policy",
            "aws_efs_file_system_policy",
            "aws_glacier_vault_lock",
            "aws_glue_resource_policy",
            "aws_kinesis_resource_policy")) {
      generic(type, "policy");
    }
    generic("aws_cloudwatch_log_resource_policy", "policy_document");
    generic("aws_cloudwatch_log_destination_policy", "access_policy");
    generic("aws_glacier_vault", "access_policy");
    for (String type :
        List.of(
            "aws_opensearch_domain",
            "aws_opensearch_domain_policy",
            "aws_elasticsearch_domain",
            "aws_elasticsearch_domain_policy")) {
      generic(type, "access_policies");
    }
    generic("aws_codeartifact_domain_permissions_policy", "policy_document");
    generic("aws_codeartifact_repository_permissions_policy", "policy_document");
    MANAGED.put(
        "aws_vpc_endpoint",
        List.of(new Attribute("policy", null, PolicyType.VPC_ENDPOINT, Attach.NONE, null)));
    MANAGED.put(
        "aws_vpc_endpoint_policy",
        List.of(new Attribute("policy", null, PolicyType.VPC_ENDPOINT, Attach.NONE, null)));
  }

  private static void identity(String type, String attribute) {
    MANAGED.put(
        type, List.of(new Attribute(attribute, null, PolicyType.IDENTITY, Attach.NONE, null)));
  }

  private static void resource(
      String type, String attribute, Attach attach, @Nullable PolicyResourceType fixed) {
    MANAGED.put(type, List.of(new Attribute(attribute, null, PolicyType.RESOURCE, attach, fixed)));
  }

  private static void generic(String type, String attribute) {
    resource(type, attribute, Attach.NONE, null);
  }

  /**
   * The policy-bearing attributes of a managed resource type, empty for types without one. {@code
   * aws_organizations_policy} and {@code aws_lambda_permission} are read by their own code.
   */
  static List<Attribute> attributes(String type) {
    return MANAGED.getOrDefault(type, List.of());
  }

  /** The {@code content} attribute of an Organizations policy of {@code kind}, if linted. */
  static Optional<Attribute> organizationsContent(String kind) {
    return switch (kind) {
      case "SERVICE_CONTROL_POLICY" ->
          Optional.of(new Attribute("content", null, PolicyType.SCP, Attach.NONE, null));
      case "RESOURCE_CONTROL_POLICY" ->
          Optional.of(new Attribute("content", null, PolicyType.RCP, Attach.NONE, null));
      default -> Optional.empty(); // tag, backup, AI opt-out, chatbot, declarative policies
    };
  }

  /** Every managed type in the table, for tests. */
  static List<String> managedTypes() {
    return List.copyOf(MANAGED.keySet());
  }
}
