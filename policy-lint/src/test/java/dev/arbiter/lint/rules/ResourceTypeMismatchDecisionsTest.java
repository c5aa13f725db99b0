package dev.arbiter.lint.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.catalog.Catalog;
import dev.arbiter.lint.Finding;
import dev.arbiter.lint.Linter;
import dev.arbiter.policy.PolicyType;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The {@code RESOURCE_TYPE_MISMATCH} warnings that linting {@code ../shared/corpus} gave on AWS
 * managed policies and AWS documentation examples, each decided against the Service Authorization
 * Reference: a catalog gap (the ARN form is documented for the action, so no warning) or a grant
 * that really covers nothing (the warning stays).
 */
class ResourceTypeMismatchDecisionsTest {

  private static final Linter LINTER =
      Linter.builder().catalog(Catalog.get()).policyType(PolicyType.IDENTITY).build();

  private static List<Finding> mismatches(String action, String resource) {
    String policy =
        "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \""
            + action
            + "\", \"Resource\": \""
            + resource
            + "\"}]}";
    return LINTER.lint("p.json", policy).allFindings().stream()
        .filter(f -> f.code().equals("RESOURCE_TYPE_MISMATCH"))
        .toList();
  }

  @ParameterizedTest(name = "{0} on {1}: warned {2} ({3})")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # Catalog gaps, closed in CatalogReader.DOCUMENTED_FORMATS:
          ssm:StartSession | arn:aws:ecs:*:*:task/*/* | false | the Amazon ECS page of the reference writes a task ARN with its cluster (AWSCodeBuildAdminAccess)
          s3-outposts:ReplicateObject | arn:aws:s3-outposts:us-east-1:111122223333:outpost/op-1/accesspoint/ap/object/* | false | S3 User Guide, S3 on Outposts replication prerequisites
          s3-outposts:ReplicateDelete | arn:aws:s3-outposts:us-east-1:111122223333:outpost/op-1/accesspoint/ap/object/* | false | the same page
          # Real no-op grants, the warning stays:
          waf-regional:GetWebACLForResource | arn:aws:waf-regional:*:*:*/* | true | the reference lists only the Application Load Balancer it is asked about (AWSWAFFullAccess and three more)
          wafv2:DisassociateWebACL | arn:aws:wafv2:*:*:regional/webacl/* | true | the reference lists only the associated resources, not the web ACL (FMSServiceRolePolicy)
          ssm:DeregisterManagedInstance | arn:aws:eks:*:*:cluster/* | true | the reference lists managed-instance only (AmazonEKSConnectorServiceRolePolicy)
          imagebuilder:GetComponent | arn:aws:ecr:*:*:repository/athena-federation-repository* | true | an ECR repository is no Image Builder component (SageMakerStudioProjectProvisioningRolePolicy)
          imagebuilder:GetContainerRecipe | arn:aws:ecr:*:*:repository/athena-federation-repository* | true | the same statement
          profile:GetUploadJob | arn:aws:profile:*:*:domains/amazon-connect-*/upload-jobs/* | true | the reference lists the domain only, no upload-job ARN (AmazonConnectServiceLinkedRolePolicy)
          sagemaker:CreateMonitoringSchedule | arn:aws:sagemaker:*:*:endpoint/* | true | the statement lists no monitoring-schedule ARN (AmazonSageMakerServiceCatalogProductsCodeBuildServiceRolePolicy)
          sagemaker:CreateDeviceFleet | arn:aws:sagemaker:*:*:model/* | true | the statement lists no device-fleet ARN (the same policy)
          s3:ListBucket | arn:aws:s3:::*/CodeDeploy/* | true | an object ARN for a bucket action (AmazonEC2RoleforAWSCodeDeployLimited)
          events:PutRule | arn:aws:events:us-east-1:111122223333:event-bus/default | true | PutRule acts on rules, not on the event bus
          s3:GetBucketPolicy | arn:aws:s3:::bucket-name/* | true | an object ARN for a bucket action (IAM User Guide, testing policies)
          kms:ListKeys | arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab | true | ListKeys takes Resource * only
          firehose:ListDeliveryStreams | arn:aws:firehose:us-east-1:111111111111:deliverystream/s | true | list actions take Resource * only
          s3:PutStorageLensConfiguration | arn:aws:s3:us-east-1:111122223333:storage-lens/d | true | the reference gives no resource type for it
          logs:PutLogEvents | arn:aws:logs:us-east-1:111122223333:log-group:/aws/domains/d/audit-logs | true | PutLogEvents acts on a log stream; the log group ARN without :* names none
          """)
  void resourceTypeMismatch_decidedAgainstTheReference(
      String action, String resource, boolean warned, String why) {
    assertThat(mismatches(action, resource)).as(why).hasSize(warned ? 1 : 0);
  }
}
