package dev.arbiter.cli;

import static dev.arbiter.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LintCommandTest {

  private static final String WILDCARD =
      "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\","
          + "\"Resource\":\"*\"}}";
  private static final String CLEAN =
      "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\","
          + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::bucket/*\"}}";
  private static final String WARNING_ONLY =
      "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\","
          + "\"Resource\":\"arn:aws:s3:::bucket/*\"}}";

  /** Every action, but only on one bucket's objects: ALLOW_ALL_ACTIONS and nothing else. */
  private static final String ALL_ACTIONS_ON_BUCKET =
      "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\","
          + "\"Resource\":\"arn:aws:s3:::bucket/*\"}}";

  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    return CliRun.write(dir, name, text);
  }

  @Test
  void lint_cleanPolicy_exitsZeroWithSummary() throws IOException {
    Path file = write("clean.json", CLEAN);
    CliRun run = run("lint", "--no-config", file.toString());
    assertThat(run.code()).isZero();
    assertThat(run.out()).contains("1 file linted (1 identity), 0 with findings");
  }

  @Test
  void lint_securityWarning_exitsOneWithFindingLine() throws IOException {
    Path file = write("admin.json", WILDCARD);
    CliRun run = run("lint", "--no-config", file.toString());
    assertThat(run.code()).isEqualTo(1);
    // Arbiter's findings on "*" are folded into the most serious one there, and listed.
    assertThat(run.out())
        .contains(file + ":1:64: SECURITY_WARNING PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE ")
        .contains("[also: ALLOW_ALL_ACTIONS, PRIVILEGE_ESCALATION, ");
  }

  @Test
  void lint_warningBelowDefaultThreshold_exitsZero_butFailsWithFailOnWarning() throws IOException {
    Path file = write("nover.json", WARNING_ONLY);
    assertThat(run("lint", "--no-config", file.toString()).code()).isZero();
    assertThat(run("lint", "--no-config", "--fail-on", "warning", file.toString()).code())
        .isEqualTo(1);
    Path admin = write("admin2.json", WILDCARD);
    assertThat(run("lint", "--no-config", "--fail-on", "none", admin.toString()).code()).isZero();
  }

  @Test
  void lint_unparseableFile_isAnErrorFinding_exitsOneAndLintsTheOthers() throws IOException {
    write("d/bad.json", "{\"Statement\": [}");
    write("d/admin.json", WILDCARD);
    CliRun run = run("lint", "--no-config", dir.resolve("d").toString());
    // AWS would reject it: an ERROR finding like any other, not "the tool could not read it".
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out()).contains("ERROR JSON_SYNTAX_ERROR").contains("ALLOW_ALL_ACTIONS");
    assertThat(run.out()).contains("2 files linted").contains("1 file not read as a policy");
  }

  @Test
  void lint_missingFile_exitsThree() {
    CliRun run = run("lint", "--no-config", dir.resolve("nope.json").toString());
    assertThat(run.code()).isEqualTo(3);
    assertThat(run.out()).contains("UNREADABLE_INPUT");
  }

  @Test
  void lint_noArguments_isUsageError() {
    assertThat(run("lint").code()).isEqualTo(2);
    assertThat(run("lint", "--fail-on", "sometimes", "x.json").code()).isEqualTo(2);
  }

  @Test
  void lint_configDisablesAndIgnores_withReason() throws IOException {
    Path file = write("p/admin.json", ALL_ACTIONS_ON_BUCKET);
    Path config =
        write(
            ".arbiter.yaml",
            """
            checks:
              MISSING_VERSION: off
            ignore:
              - code: ALLOW_ALL_ACTIONS
                path: p/*.json
                reason: break-glass role
            """);
    CliRun run = run("lint", "--config", config.toString(), file.toString());
    assertThat(run.code()).isZero();
    assertThat(run.out()).contains("1 suppressed by the configuration");
  }

  @Test
  void lint_configWithUnknownKey_isUsageErrorWithPosition() throws IOException {
    Path file = write("x.json", CLEAN);
    Path config = write("bad.yaml", "checks:\n  MISSING_VERSION: off\nignores: []\n");
    CliRun run = run("lint", "--config", config.toString(), file.toString());
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err())
        .contains("bad.yaml:3:1: unknown key \"ignores\" (did you mean \"ignore\"?)");
  }

  @Test
  void lint_typeOption_isShownInVerboseOutput() throws IOException {
    Path file = write("scp.json", WILDCARD);
    CliRun run = run("lint", "--no-config", "-v", "--type", "scp", file.toString());
    assertThat(run.out()).contains("checked as scp").doesNotContain("(detected)");
    assertThat(run.code()).isZero(); // Allow * in an SCP grants nothing
  }

  @Test
  void lint_resourceType_checksTheArnsAndIsShownInVerboseOutput() throws IOException {
    Path file =
        write(
            "ap.json",
            "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\","
                + "\"Principal\":{\"AWS\":\"111122223333\"},\"Action\":\"s3:GetObject\","
                + "\"Resource\":\"arn:aws:s3:::bucket/*\"}}");
    CliRun run =
        run(
            "lint",
            "--no-config",
            "-v",
            "--resource-type",
            "AWS::S3::AccessPoint",
            file.toString());
    assertThat(run.out())
        .contains("checked as resource, attached to AWS::S3::AccessPoint")
        .contains("ERROR UNSUPPORTED_RESOURCE_ARN_IN_POLICY");
    CliRun inferred = run("lint", "--no-config", "-v", file.toString());
    assertThat(inferred.out())
        .contains("attached to AWS::S3::Bucket (inferred from its ARNs)")
        .doesNotContain("UNSUPPORTED_RESOURCE_ARN_IN_POLICY");
    CliRun unknown =
        run("lint", "--no-config", "--resource-type", "AWS::S3::Nope", file.toString());
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.err()).contains("AWS::S3::MultiRegionAccessPoint");
  }

  @Test
  void validate_detectsTheTypeAsLintDoes_includingRcps() throws IOException {
    Path file =
        write(
            "rcp.json",
            "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Deny\","
                + "\"Principal\":\"*\",\"NotAction\":\"s3:GetObject\",\"Resource\":\"*\"}}");
    CliRun validate = run("validate", file.toString());
    assertThat(validate.out()).contains("RCP_SYNTAX_ERROR_NOTACTION");
    assertThat(validate.code()).isEqualTo(1);
    CliRun lint = run("lint", "--no-config", file.toString());
    assertThat(lint.out()).contains("RCP_SYNTAX_ERROR_NOTACTION");
  }

  @Test
  void lint_byDefault_usesTheServiceCatalog_unlessNoCatalog() throws IOException {
    Path file =
        write(
            "typo.json",
            "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\","
                + "\"Action\":\"s3:GetObjekt\",\"Resource\":\"arn:aws:s3:::bucket/*\"}}");
    CliRun run = run("lint", "--no-config", file.toString());
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out())
        .contains("ERROR INVALID_ACTION \"s3:GetObjekt\" is not an action of s3; did you mean");
    CliRun without = run("lint", "--no-config", "--no-catalog", file.toString());
    assertThat(without.code()).isZero();
    assertThat(without.out()).doesNotContain("INVALID_ACTION");
  }

  @Test
  void lint_listChecks_listsEveryCodeOnce() {
    CliRun run = run("lint", "--list-checks");
    assertThat(run.code()).isZero();
    assertThat(run.out()).contains("PRIVATE_IP_ADDRESS ").contains("ALLOW_ALL_ACTIONS ");
  }

  @Test
  void lint_jsonFormat_isParseableWithSummary() throws IOException {
    Path file = write("admin.json", WILDCARD);
    CliRun run = run("lint", "--no-config", "--format", "json", file.toString());
    JsonNode root = new ObjectMapper().readTree(run.out());
    assertThat(root.path("files").get(0).path("policyType").asText()).isEqualTo("identity");
    int securityWarnings = 0;
    int related = 0;
    for (JsonNode finding : root.path("files").get(0).path("findings")) {
      if (finding.path("type").asText().equals("SECURITY_WARNING")) {
        securityWarnings++;
      }
      for (JsonNode other : finding.path("related")) {
        assertThat(other.path("code").asText()).isNotBlank();
        assertThat(other.path("message").asText()).isNotBlank();
        related++;
      }
    }
    // "*" on "*": the PassRole warning, with every-action, escalation, credentials, data and
    // exposure warnings folded into it (all on the same element).
    assertThat(securityWarnings).isGreaterThanOrEqualTo(1);
    assertThat(related).isGreaterThanOrEqualTo(5);
    assertThat(root.path("summary").path("SECURITY_WARNING").asInt()).isEqualTo(securityWarnings);
  }

  @Test
  void lint_sarifFormat_validatesAgainstSarif210Schema() throws IOException {
    write("s/admin.json", WILDCARD);
    write("s/bad.json", "{\"Statement\": [1,2");
    write(
        "s/trust.json",
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
            + "{\"Federated\":\"accounts.google.com\"},\"Action\":\"sts:AssumeRole\"}]}");
    CliRun run = run("lint", "--no-config", "--format", "sarif", dir.resolve("s").toString());
    JsonNode sarif = new ObjectMapper().readTree(run.out());
    JsonSchema schema;
    try (InputStream in = getClass().getResourceAsStream("/sarif/sarif-2.1.0-rtm.5.json")) {
      assertThat(in).isNotNull();
      schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in);
    }
    Set<ValidationMessage> errors = schema.validate(sarif);
    assertThat(errors).isEmpty();
    JsonNode results = sarif.path("runs").get(0).path("results");
    assertThat(results.size()).isGreaterThanOrEqualTo(3);
    for (JsonNode result : results) {
      JsonNode location = result.path("locations").get(0).path("physicalLocation");
      assertThat(location.path("region").path("startLine").asInt()).isPositive();
      assertThat(location.path("artifactLocation").path("uri").asText()).doesNotStartWith("/");
    }
    JsonNode rules = sarif.path("runs").get(0).path("tool").path("driver").path("rules");
    assertThat(rules.size()).isGreaterThan(90);
    assertThat(results.toString()).contains("JSON_SYNTAX_ERROR");
  }

  @Test
  void lint_sarif_hasInformationUriHelpUriAndFingerprints() throws IOException {
    write("f/admin.json", WILDCARD);
    CliRun run = run("lint", "--no-config", "--format", "sarif", dir.resolve("f").toString());
    JsonNode driver = new ObjectMapper().readTree(run.out()).path("runs").get(0).path("tool");
    driver = driver.path("driver");
    assertThat(driver.path("informationUri").asText()).startsWith("https://");
    for (JsonNode rule : driver.path("rules")) {
      String code = rule.path("id").asText();
      assertThat(rule.path("helpUri").asText())
          .startsWith("https://")
          .endsWith("docs/checks.md#" + code.toLowerCase(java.util.Locale.ROOT));
      assertThat(rule.path("help").path("text").asText())
          .contains(dev.arbiter.lint.Linter.check(code).orElseThrow().help());
    }
    JsonNode results = new ObjectMapper().readTree(run.out()).path("runs").get(0).path("results");
    Set<String> prints = new java.util.HashSet<>();
    for (JsonNode result : results) {
      String print = result.path("partialFingerprints").path("arbiterFinding/v1").asText();
      assertThat(print).hasSize(32);
      prints.add(print);
    }
    assertThat(prints).hasSize(results.size()); // every finding its own fingerprint

    // Lines move, fingerprints stay: the same policy with blank lines above the statement.
    write("f/admin.json", "\n\n\n" + WILDCARD.replace("{\"Effect\"", "\n\n{\"Effect\""));
    CliRun moved = run("lint", "--no-config", "--format", "sarif", dir.resolve("f").toString());
    JsonNode after = new ObjectMapper().readTree(moved.out()).path("runs").get(0).path("results");
    Set<String> printsAfter = new java.util.HashSet<>();
    after.forEach(
        r -> printsAfter.add(r.path("partialFingerprints").path("arbiterFinding/v1").asText()));
    assertThat(printsAfter).isEqualTo(prints);
    assertThat(
            after
                .get(0)
                .path("locations")
                .get(0)
                .path("physicalLocation")
                .path("region")
                .path("startLine")
                .asInt())
        .isGreaterThan(
            results
                .get(0)
                .path("locations")
                .get(0)
                .path("physicalLocation")
                .path("region")
                .path("startLine")
                .asInt());
  }
}
