package dev.arbiter.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.arbiter.catalog.Catalog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Lints every policy of {@code ../shared/corpus} (skipped when absent) with the service catalog
 * attached: no crash, and not one ERROR on a current AWS managed policy, since AWS accepted those
 * documents, except where the catalog itself lacks the action or key (listed below, each with its
 * reason).
 */
class SharedCorpusLintTest {

  /**
   * An ERROR that AWS's own catalog explains: {@code code} reported for {@code subject} (the
   * service prefix, action or condition key the message quotes).
   */
  private record Known(String code, String subject, String reason) {
    boolean covers(Finding finding) {
      return finding.code().equals(code) && finding.message().contains("\"" + subject + "\"");
    }
  }

  private static final String GONE =
      "service prefix not in the Service Authorization Reference (catalog of 2026-09-26): ";
  private static final String NO_ACTION =
      "action not in the Service Authorization Reference (catalog of 2026-09-26)";
  private static final String NO_KEY_FOR =
      "the Service Authorization Reference lists this key for none of: ";

  private static final List<Known> CATALOG_LACKS =
      List.of(
          new Known("INVALID_SERVICE_IN_ACTION", "deepcomposer", GONE + "AWS DeepComposer"),
          new Known("INVALID_SERVICE_IN_ACTION", "deeplens", GONE + "AWS DeepLens"),
          new Known("INVALID_SERVICE_IN_ACTION", "deepracer", GONE + "AWS DeepRacer"),
          new Known("INVALID_SERVICE", "deepracer", GONE + "AWS DeepRacer's condition keys"),
          new Known("INVALID_SERVICE_IN_ACTION", "elastic-inference", GONE + "Elastic Inference"),
          new Known("INVALID_SERVICE_IN_ACTION", "iot1click", GONE + "AWS IoT 1-Click"),
          new Known("INVALID_SERVICE_IN_ACTION", "zocalo", GONE + "Amazon WorkDocs (zocalo)"),
          new Known("INVALID_ACTION", "cloud9:ValidateEnvironmentName", NO_ACTION),
          new Known(
              "INVALID_ACTION", "cloudhsm:CreateLunaClient", NO_ACTION + ", CloudHSM Classic"),
          new Known(
              "INVALID_ACTION", "cloudhsm:DeleteLunaClient", NO_ACTION + ", CloudHSM Classic"),
          new Known("INVALID_ACTION", "cloudhsm:DescribeHapg", NO_ACTION + ", CloudHSM Classic"),
          new Known(
              "INVALID_ACTION", "cloudhsm:DescribeLunaClient", NO_ACTION + ", CloudHSM Classic"),
          new Known("INVALID_ACTION", "cloudhsm:GetConfig", NO_ACTION + ", CloudHSM Classic"),
          new Known("INVALID_ACTION", "cloudhsm:ModifyHapg", NO_ACTION + ", CloudHSM Classic"),
          new Known(
              "INVALID_ACTION", "cloudhsm:ModifyLunaClient", NO_ACTION + ", CloudHSM Classic"),
          new Known("INVALID_ACTION", "memorydb:ReplicateMultiRegionClusterData", NO_ACTION),
          new Known("INVALID_ACTION", "qapps:ImportDocumentToQApp", NO_ACTION),
          new Known("INVALID_ACTION", "qapps:ImportDocumentToQAppSession", NO_ACTION),
          new Known(
              "INVALID_ACTION",
              "route53-recovery-control-config:DescribeRoutingControlByName",
              NO_ACTION),
          new Known("INVALID_ACTION", "sagemaker-unified-studio-mcp:CallPrivilegedTool", NO_ACTION),
          new Known("INVALID_ACTION", "sagemaker-unified-studio-mcp:CallReadOnlyTool", NO_ACTION),
          new Known("INVALID_ACTION", "sagemaker-unified-studio-mcp:InvokeMcp", NO_ACTION),
          new Known("INVALID_ACTION", "securityagent:BatchGetAgentInstances", NO_ACTION),
          new Known(
              "INVALID_ACTION", "securityagent:BatchGetSecurityTestContentMetadata", NO_ACTION),
          new Known("INVALID_ACTION", "securityagent:BatchGetTasks", NO_ACTION),
          new Known("INVALID_ACTION", "securityagent:CreateDocumentReview", NO_ACTION),
          new Known("INVALID_ACTION", "securityagent:DeleteDocumentReview", NO_ACTION),
          new Known("INVALID_ACTION", "securityagent:GetCodeReviewTask", NO_ACTION),
          new Known("INVALID_ACTION", "securityagent:GetDocReviewTask", NO_ACTION),
          new Known("INVALID_ACTION", "securityagent:GetDocumentReview", NO_ACTION),
          new Known("INVALID_ACTION", "securityagent:GetDocumentReviewArtifact", NO_ACTION),
          new Known("INVALID_ACTION", "securityagent:ListAgentInstances", NO_ACTION),
          new Known("INVALID_ACTION", "securityagent:ListControls", NO_ACTION),
          new Known("INVALID_ACTION", "securityagent:ListDocumentReviewComments", NO_ACTION),
          new Known("INVALID_ACTION", "securityagent:ListDocumentReviews", NO_ACTION),
          new Known("INVALID_ACTION", "securityagent:ListTasks", NO_ACTION),
          new Known("INVALID_ACTION", "securityagent:StartPentestExecution", NO_ACTION),
          new Known("INVALID_ACTION", "securityagent:StopPentestExecution", NO_ACTION),
          new Known(
              "INVALID_GLOBAL_CONDITION_KEY",
              "aws:PrincipalOrgMasterAccountId",
              "global key not in the catalog's list of global condition keys"),
          new Known(
              "INVALID_SERVICE_CONDITION_KEY",
              "lakeformation:GlueARN",
              "key not on Lake Formation's page of the Service Authorization Reference"),
          new Known(
              "UNSUPPORTED_ACTION_FOR_CONDITION_KEY",
              "a4b:amazonId",
              NO_KEY_FOR + "a4b:RegisterAVSDevice"),
          new Known(
              "UNSUPPORTED_ACTION_FOR_CONDITION_KEY",
              "a4b:filters_deviceType",
              NO_KEY_FOR + "a4b:SearchDevices"),
          new Known(
              "UNSUPPORTED_ACTION_FOR_CONDITION_KEY",
              "application-autoscaling:service-namespace",
              NO_KEY_FOR
                  + "application-autoscaling:DescribeScalableTargets, DescribeScalingPolicies"),
          new Known(
              "UNSUPPORTED_ACTION_FOR_CONDITION_KEY",
              "aws-marketplace:AgreementType",
              NO_KEY_FOR
                  + "aws-marketplace agreement-request and approval-request actions (Get, List,"
                  + " Cancel, Accept, Reject)"),
          new Known(
              "UNSUPPORTED_ACTION_FOR_CONDITION_KEY",
              "aws-marketplace:ProductId",
              NO_KEY_FOR
                  + "aws-marketplace:Subscribe, Unsubscribe, SearchAgreements,"
                  + " ListEntitlementDetails, DescribeAgreement"),
          new Known(
              "UNSUPPORTED_ACTION_FOR_CONDITION_KEY",
              "codestar-connections:ProviderAction",
              NO_KEY_FOR + "codestar-connections:ListConnections, PassConnection"),
          new Known(
              "UNSUPPORTED_ACTION_FOR_CONDITION_KEY",
              "deadline:FarmMembershipLevels",
              NO_KEY_FOR + "deadline:SearchWorkers"),
          new Known(
              "UNSUPPORTED_ACTION_FOR_CONDITION_KEY",
              "deadline:FleetMembershipLevels",
              NO_KEY_FOR + "deadline:SearchWorkers"),
          new Known(
              "UNSUPPORTED_ACTION_FOR_CONDITION_KEY",
              "ec2:ResourceTag/eks",
              NO_KEY_FOR + "ec2:DescribeInstances"),
          new Known(
              "UNSUPPORTED_ACTION_FOR_CONDITION_KEY",
              "ec2:ResourceTag/eks:nodegroup-name",
              NO_KEY_FOR + "ec2:DescribeInstances"),
          new Known(
              "UNSUPPORTED_ACTION_FOR_CONDITION_KEY",
              "ec2:ResourceTag/AmazonMSKConnectManaged",
              NO_KEY_FOR + "ec2:DescribeNetworkInterfaces"),
          new Known(
              "UNSUPPORTED_ACTION_FOR_CONDITION_KEY",
              "ec2:Vpc",
              NO_KEY_FOR + "ec2:DescribeSubnets"),
          new Known(
              "UNSUPPORTED_ACTION_FOR_CONDITION_KEY",
              "glue:LakeFormationPermissions",
              NO_KEY_FOR + "glue table-optimizer and column-statistics-task actions"),
          new Known(
              "UNSUPPORTED_ACTION_FOR_CONDITION_KEY",
              "iottwinmaker:linkedServices",
              NO_KEY_FOR + "iottwinmaker entity, workspace and query actions"),
          new Known(
              "UNSUPPORTED_ACTION_FOR_CONDITION_KEY",
              "nimble:ownedBy",
              NO_KEY_FOR + "nimble:ListStreamingSessionBackups"),
          new Known(
              "UNSUPPORTED_ACTION_FOR_CONDITION_KEY",
              "ram:ResourceShareName",
              NO_KEY_FOR + "ram:GetResourceShares"),
          new Known(
              "UNSUPPORTED_ACTION_FOR_CONDITION_KEY",
              "redshift-data:glue-catalog-arn",
              NO_KEY_FOR
                  + "redshift-data statement actions and redshift-serverless:GetManagedWorkgroup"),
          new Known(
              "UNSUPPORTED_ACTION_FOR_CONDITION_KEY",
              "ssm:resourceTag/sagemaker.amazonaws.com/eks-cluster-arn",
              NO_KEY_FOR + "ssm:DeregisterManagedInstance"),
          new Known(
              "UNSUPPORTED_ACTION_FOR_CONDITION_KEY",
              "ssm:resourceTag/sagemaker.amazonaws.com/managed-by",
              NO_KEY_FOR + "ssm:DeregisterManagedInstance"));

  private static Path corpus() {
    String shared = System.getProperty("shared.dir", "../../shared");
    Path dir = Path.of(shared, "corpus");
    assumeTrue(Files.isDirectory(dir), "no shared corpus at " + dir);
    return dir;
  }

  private static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
  }

  private static Linter linter() {
    return Linter.builder().catalog(Catalog.get()).build();
  }

  /** The AWS managed policies that INDEX.tsv marks current (not deprecated). */
  private static Set<String> current(Path dir) throws IOException {
    Set<String> current = new HashSet<>();
    for (String line : Files.readAllLines(dir.resolve("INDEX.tsv"), StandardCharsets.UTF_8)) {
      String[] fields = line.split("\t", -1);
      if (fields.length > 7 && fields[7].equals("current")) {
        current.add(fields[0]);
      }
    }
    return current;
  }

  @Test
  void lint_everySharedFile_doesNotCrash() throws IOException {
    Path dir = corpus();
    Linter linter = linter();
    Map<String, Integer> counts = new TreeMap<>();
    int files = 0;
    for (Path file : files(dir)) {
      LintResult result = linter.lint(dir.relativize(file).toString(), Files.readAllBytes(file));
      files++;
      for (Finding finding : result.findings()) {
        String folder = dir.relativize(file).getName(0).toString();
        counts.merge(
            finding.type().awsName() + " " + finding.code() + " " + folder, 1, Integer::sum);
      }
    }
    counts.forEach((k, v) -> System.out.println("shared-corpus " + v + " " + k));
    assertThat(files).isGreaterThan(2900);
  }

  @Test
  void lint_currentAwsManagedPolicies_hasNoErrorsButWhatTheCatalogLacks() throws IOException {
    Path dir = corpus().resolve("aws-managed");
    Set<String> current = current(dir);
    assertThat(current).hasSizeGreaterThan(1400);
    Linter linter = linter();
    List<String> errors = new ArrayList<>();
    Set<Known> used = new HashSet<>();
    for (Path file : files(dir)) {
      String name = file.getFileName().toString();
      if (!current.contains(name)) {
        continue;
      }
      for (Finding finding : linter.lint(name, Files.readAllBytes(file)).findings()) {
        if (finding.type() != FindingType.ERROR) {
          continue;
        }
        Known known =
            CATALOG_LACKS.stream().filter(k -> k.covers(finding)).findFirst().orElse(null);
        if (known == null) {
          errors.add(finding.toString());
        } else {
          used.add(known);
        }
      }
    }
    used.forEach(
        k ->
            System.out.println(
                "catalog lacks: " + k.code() + " " + k.subject() + ": " + k.reason()));
    assertThat(errors).isEmpty();
    // Every listed exception is still needed; a stale entry would hide a future false positive.
    assertThat(CATALOG_LACKS).allMatch(used::contains, "still needed");
  }
}
