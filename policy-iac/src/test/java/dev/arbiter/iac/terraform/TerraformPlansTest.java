package dev.arbiter.iac.terraform;

import static dev.arbiter.iac.terraform.Plans.oneResource;
import static dev.arbiter.iac.terraform.Plans.quote;
import static dev.arbiter.iac.terraform.Plans.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.iac.EmbeddedPolicy;
import dev.arbiter.iac.Placeholders;
import dev.arbiter.iac.TemplateException;
import dev.arbiter.iac.Templates;
import dev.arbiter.lint.PolicyResourceType;
import dev.arbiter.policy.JsonPointer;
import dev.arbiter.policy.Policy;
import dev.arbiter.policy.PolicyType;
import dev.arbiter.policy.SourcePosition;
import dev.arbiter.policy.json.Json;
import dev.arbiter.policy.json.JsonReader;
import dev.arbiter.policy.json.PolicyReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class TerraformPlansTest {
  static final String IDENTITY =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}";

  // ---- resource types ----

  static Stream<Arguments> resourceTypes() {
    return Stream.of(
        top("aws_iam_policy", "policy", "", PolicyType.IDENTITY, null),
        top("aws_iam_role_policy", "policy", "", PolicyType.IDENTITY, null),
        top("aws_iam_user_policy", "policy", "", PolicyType.IDENTITY, null),
        top("aws_iam_group_policy", "policy", "", PolicyType.IDENTITY, null),
        top(
            "aws_iam_role",
            "assume_role_policy",
            "",
            PolicyType.TRUST,
            PolicyResourceType.IAM_ASSUME_ROLE_POLICY_DOCUMENT),
        top(
            "aws_ssoadmin_permission_set_inline_policy",
            "inline_policy",
            "",
            PolicyType.IDENTITY,
            null),
        top(
            "aws_s3_bucket_policy",
            "policy",
            "\"bucket\": \"logs\",",
            PolicyType.RESOURCE,
            PolicyResourceType.S3_BUCKET),
        top(
            "aws_s3_bucket_policy",
            "policy",
            "\"bucket\": \"logs--use1-az4--x-s3\",",
            PolicyType.RESOURCE,
            PolicyResourceType.S3_EXPRESS_DIRECTORY_BUCKET),
        top("aws_s3_bucket", "policy", "", PolicyType.RESOURCE, PolicyResourceType.S3_BUCKET),
        top(
            "aws_s3_access_point",
            "policy",
            "",
            PolicyType.RESOURCE,
            PolicyResourceType.S3_ACCESS_POINT),
        top(
            "aws_s3control_access_point_policy",
            "policy",
            "",
            PolicyType.RESOURCE,
            PolicyResourceType.S3_ACCESS_POINT),
        top(
            "aws_s3control_object_lambda_access_point_policy",
            "policy",
            "",
            PolicyType.RESOURCE,
            PolicyResourceType.S3_OBJECT_LAMBDA_ACCESS_POINT),
        top(
            "aws_dynamodb_resource_policy",
            "policy",
            "\"resource_arn\": \"arn:aws:dynamodb:us-east-1:123456789012:table/t\",",
            PolicyType.RESOURCE,
            PolicyResourceType.DYNAMODB_TABLE),
        top(
            "aws_dynamodb_resource_policy",
            "policy",
            "\"resource_arn\": \"arn:aws:dynamodb:us-east-1:123456789012:table/t/stream/2024\",",
            PolicyType.RESOURCE,
            PolicyResourceType.DYNAMODB_STREAM),
        top("aws_s3tables_table_bucket_policy", "resource_policy", "", PolicyType.RESOURCE, null),
        top("aws_s3tables_table_policy", "resource_policy", "", PolicyType.RESOURCE, null),
        top("aws_sqs_queue", "policy", "", PolicyType.RESOURCE, null),
        top("aws_sqs_queue_policy", "policy", "", PolicyType.RESOURCE, null),
        top("aws_sns_topic", "policy", "", PolicyType.RESOURCE, null),
        top("aws_sns_topic_policy", "policy", "", PolicyType.RESOURCE, null),
        top("aws_kms_key", "policy", "", PolicyType.RESOURCE, null),
        top("aws_kms_replica_key", "policy", "", PolicyType.RESOURCE, null),
        top("aws_kms_external_key", "policy", "", PolicyType.RESOURCE, null),
        top("aws_secretsmanager_secret_policy", "policy", "", PolicyType.RESOURCE, null),
        top("aws_ecr_repository_policy", "policy", "", PolicyType.RESOURCE, null),
        top("aws_ecr_registry_policy", "policy", "", PolicyType.RESOURCE, null),
        top("aws_ecrpublic_repository_policy", "policy", "", PolicyType.RESOURCE, null),
        top("aws_cloudwatch_event_bus_policy", "policy", "", PolicyType.RESOURCE, null),
        top("aws_api_gateway_rest_api", "policy", "", PolicyType.RESOURCE, null),
        top("aws_api_gateway_rest_api_policy", "policy", "", PolicyType.RESOURCE, null),
        top("aws_backup_vault_policy", "policy", "", PolicyType.RESOURCE, null),
        top("aws_efs_file_system_policy", "policy", "", PolicyType.RESOURCE, null),
        top("aws_glacier_vault_lock", "policy", "", PolicyType.RESOURCE, null),
        top("aws_glue_resource_policy", "policy", "", PolicyType.RESOURCE, null),
        top("aws_kinesis_resource_policy", "policy", "", PolicyType.RESOURCE, null),
        top("aws_cloudwatch_log_resource_policy", "policy_document", "", PolicyType.RESOURCE, null),
        top(
            "aws_cloudwatch_log_destination_policy",
            "access_policy",
            "",
            PolicyType.RESOURCE,
            null),
        top("aws_glacier_vault", "access_policy", "", PolicyType.RESOURCE, null),
        top("aws_opensearch_domain", "access_policies", "", PolicyType.RESOURCE, null),
        top("aws_opensearch_domain_policy", "access_policies", "", PolicyType.RESOURCE, null),
        top("aws_elasticsearch_domain", "access_policies", "", PolicyType.RESOURCE, null),
        top("aws_elasticsearch_domain_policy", "access_policies", "", PolicyType.RESOURCE, null),
        top(
            "aws_codeartifact_domain_permissions_policy",
            "policy_document",
            "",
            PolicyType.RESOURCE,
            null),
        top(
            "aws_codeartifact_repository_permissions_policy",
            "policy_document",
            "",
            PolicyType.RESOURCE,
            null),
        top("aws_vpc_endpoint", "policy", "", PolicyType.VPC_ENDPOINT, null),
        top("aws_vpc_endpoint_policy", "policy", "", PolicyType.VPC_ENDPOINT, null),
        top(
            "aws_organizations_policy",
            "content",
            "\"type\": \"SERVICE_CONTROL_POLICY\",",
            PolicyType.SCP,
            null),
        top(
            "aws_organizations_policy",
            "content",
            "\"type\": \"RESOURCE_CONTROL_POLICY\",",
            PolicyType.RCP,
            null),
        top("aws_organizations_policy", "content", "", PolicyType.SCP, null),
        nested("aws_iam_role", "inline_policy", "policy", PolicyType.IDENTITY, null),
        nested(
            "aws_s3control_multi_region_access_point_policy",
            "details",
            "policy",
            PolicyType.RESOURCE,
            PolicyResourceType.S3_MULTI_REGION_ACCESS_POINT));
  }

  private static Arguments top(
      String type,
      String attribute,
      String otherValues,
      PolicyType policyType,
      @Nullable PolicyResourceType attachedTo) {
    String after = "{" + otherValues + "\"" + attribute + "\": " + quote(IDENTITY) + "}";
    return Arguments.of(
        type + "." + attribute + (otherValues.isEmpty() ? "" : " " + otherValues),
        type,
        after,
        "/resource_changes/0/change/after/" + attribute,
        policyType,
        Optional.ofNullable(attachedTo));
  }

  private static Arguments nested(
      String type,
      String block,
      String attribute,
      PolicyType policyType,
      @Nullable PolicyResourceType attachedTo) {
    String after =
        "{\""
            + block
            + "\": [{\"name\": \"a\", \""
            + attribute
            + "\": \"\"}, {\"name\": \"b\", \""
            + attribute
            + "\": "
            + quote(IDENTITY)
            + "}]}";
    return Arguments.of(
        type + "." + block + "[]." + attribute,
        type,
        after,
        "/resource_changes/0/change/after/" + block + "/1/" + attribute,
        policyType,
        Optional.ofNullable(attachedTo));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("resourceTypes")
  void read_resourceType_givesItsPolicyTypeAndAttachment(
      String name,
      String type,
      String after,
      String pointer,
      PolicyType policyType,
      Optional<PolicyResourceType> attachedTo) {
    List<EmbeddedPolicy> found = read(oneResource(type, after, "{}", null));

    assertThat(found).hasSize(1);
    EmbeddedPolicy policy = found.get(0);
    assertThat(policy.resource()).isEqualTo(type + ".r");
    assertThat(policy.resourceType()).isEqualTo(type);
    assertThat(policy.property()).hasToString(pointer);
    assertThat(policy.policyType()).isEqualTo(policyType);
    assertThat(policy.attachedTo()).isEqualTo(attachedTo);
    assertThat(policy.unknowns()).isEmpty();
    assertThat(policy.branches()).isEmpty();
    assertThat(PolicyReader.read(policy.document()).statements()).hasSize(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"TAG_POLICY", "BACKUP_POLICY", "AISERVICES_OPT_OUT_POLICY"})
  void read_organizationsPolicyOfOtherKind_isSkipped(String kind) {
    String after = "{\"type\": \"" + kind + "\", \"content\": " + quote("{\"tags\": {}}") + "}";
    assertThat(read(oneResource("aws_organizations_policy", after, "{}", null))).isEmpty();
  }

  @Test
  void read_typeWithoutPolicy_findsNothing() {
    String after = "{\"name\": \"x\", \"policy\": " + quote(IDENTITY) + "}";
    assertThat(read(oneResource("aws_lambda_function", after, "{}", null))).isEmpty();
  }

  @Test
  void read_emptyOrNullPolicy_isNotSet() {
    assertThat(read(oneResource("aws_sqs_queue", "{\"policy\": \"\"}", "{}", null))).isEmpty();
    assertThat(read(oneResource("aws_sqs_queue", "{\"policy\": null}", "{}", null))).isEmpty();
  }

  // ---- positions ----

  @Test
  void read_policyString_positionsAreTheEscapedTextInThePlan() {
    String policy =
        "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Effect\": \"Allow\","
            + "\n      \"Action\": \"s3:Get\\u00e9*\",\n      \"Resource\": \"*\"\n    }\n  ]\n}";
    String plan = oneResource("aws_iam_policy", "{\"policy\": " + quote(policy) + "}", "{}", null);
    EmbeddedPolicy found = read(plan).get(0);

    Json.Obj statement =
        (Json.Obj)
            ((Json.Arr) ((Json.Obj) found.document()).get("Statement").orElseThrow())
                .elements()
                .get(0);
    Json.Member action = member(statement, "Action");
    assertThat(at(plan, action.namePosition())).startsWith("\\\"Action\\\": \\\"s3:Get\\\\u00e9*");
    assertThat(at(plan, action.value().position())).startsWith("\\\"s3:Get\\\\u00e9*\\\"");
    assertThat(at(plan, member(statement, "Resource").value().position())).startsWith("\\\"*\\\"");
    assertThat(at(plan, found.document().position())).startsWith("{\\n  \\\"Version");
  }

  @Test
  void read_policyWithUnicodeEscapes_positionsStillExact() {
    String plan =
        oneResource(
            "aws_iam_policy",
            "{\"policy\": \"{\\u0022Version\\u0022:\\\"2012-10-17\\\",\\\"Statement\\\":[{\\\"Effect\\\":\\\"Deny\\\",\\\"Action\\\":\\\"*\\\",\\\"Resource\\\":\\\"*\\\"}]}\"}",
            "{}",
            null);
    EmbeddedPolicy found = read(plan).get(0);
    Json.Obj statement =
        (Json.Obj)
            ((Json.Arr) ((Json.Obj) found.document()).get("Statement").orElseThrow())
                .elements()
                .get(0);
    assertThat(at(plan, member(statement, "Effect").value().position())).startsWith("\\\"Deny\\\"");
    assertThat(at(plan, member((Json.Obj) found.document(), "Version").namePosition()))
        .startsWith("\\u0022Version\\u0022");
  }

  static Json.Member member(Json.Obj object, String name) {
    return java.util.Objects.requireNonNull(object.member(name), name);
  }

  /** The plan's text from {@code position} on. */
  static String at(String plan, SourcePosition position) {
    String[] lines = plan.split("\n", -1);
    return lines[position.line() - 1].substring(position.column() - 1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"UTF-16LE", "UTF-16BE", "UTF-8"})
  void read_withByteOrderMark_givesWhatUtf8Gives(String charset) {
    String plan =
        oneResource(
            "aws_iam_policy",
            "{\"policy\": " + quote(IDENTITY.replace("s3:", "s3:é")) + "}",
            "{}",
            null);
    byte[] bom =
        switch (charset) {
          case "UTF-16LE" -> new byte[] {(byte) 0xFF, (byte) 0xFE};
          case "UTF-16BE" -> new byte[] {(byte) 0xFE, (byte) 0xFF};
          default -> new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        };
    byte[] body = plan.getBytes(java.nio.charset.Charset.forName(charset));
    byte[] content = new byte[bom.length + body.length];
    System.arraycopy(bom, 0, content, 0, bom.length);
    System.arraycopy(body, 0, content, bom.length, body.length);

    List<EmbeddedPolicy> fromBom = TerraformPlans.read(content, Placeholders.DEFAULT).policies();

    assertThat(fromBom).isEqualTo(read(plan));
  }

  @Test
  void read_invalidUtf16_isAnErrorWithItsPosition() {
    byte[] content = {(byte) 0xFF, (byte) 0xFE, '{', 0, '\n', 0, 0x00, (byte) 0xDC};
    assertThatThrownBy(() -> TerraformPlans.read(content, Placeholders.DEFAULT))
        .isInstanceOfSatisfying(
            TemplateException.class,
            e -> {
              assertThat(e.location().position()).isEqualTo(new SourcePosition(2, 1));
              assertThat(e.problem()).startsWith("invalid UTF-16LE at byte 7");
            });
  }

  // ---- unknown values ----

  @Test
  void read_unknownConfiguredPolicy_isReportedAsUnknown() {
    String plan =
        oneResource(
            "aws_s3_bucket_policy",
            "{\"bucket\": \"b\"}",
            "{\"id\": true, \"policy\": true}",
            "{\"policy\": {\"references\": [\"aws_iam_role.x.arn\"]}}");
    List<EmbeddedPolicy> found = read(plan);

    assertThat(found).hasSize(1);
    EmbeddedPolicy policy = found.get(0);
    assertThat(policy.unknowns()).containsExactly(JsonPointer.ROOT);
    assertThat(policy.document()).isInstanceOf(Json.Null.class);
    assertThat(policy.property()).hasToString("/resource_changes/0/change/after_unknown/policy");
    assertThat(at(plan, policy.document().position())).startsWith("true}");
    assertThat(policy.policyType()).isEqualTo(PolicyType.RESOURCE);
    assertThat(policy.attachedTo()).contains(PolicyResourceType.S3_BUCKET);
  }

  @Test
  void read_unknownComputedPolicy_isNotAPolicy() {
    String plan =
        oneResource(
            "aws_s3_bucket",
            "{\"bucket\": \"b\"}",
            "{\"policy\": true}",
            "{\"bucket\": {\"constant_value\": \"b\"}}");
    assertThat(read(plan)).isEmpty();
  }

  @Test
  void read_unknownPolicyWithoutConfiguration_isReportedAsUnknown() {
    String plan = oneResource("aws_s3_bucket", "{\"bucket\": \"b\"}", "{\"policy\": true}", null);
    assertThat(read(plan))
        .singleElement()
        .satisfies(p -> assertThat(p.unknowns()).containsExactly(JsonPointer.ROOT));
  }

  @Test
  void read_inlinePolicies_unknownOnlyWhereConfigured() {
    String computed = oneResource("aws_iam_role", "{}", "{\"inline_policy\": true}", "{}");
    assertThat(read(computed)).isEmpty();

    String configured =
        oneResource(
            "aws_iam_role",
            "{\"inline_policy\": [{\"name\": \"a\", \"policy\": "
                + quote(IDENTITY)
                + "}, {\"name\": \"b\"}]}",
            "{\"inline_policy\": [{}, {\"policy\": true}]}",
            "{\"inline_policy\": [{\"policy\": {}}, {\"policy\": {\"references\": [\"aws_s3_bucket.b.arn\"]}}]}");
    List<EmbeddedPolicy> found = read(configured);
    assertThat(found)
        .extracting(p -> p.property().toString())
        .containsExactly(
            "/resource_changes/0/change/after/inline_policy/0/policy",
            "/resource_changes/0/change/after_unknown/inline_policy/1/policy");
    assertThat(found.get(0).unknowns()).isEmpty();
    assertThat(found.get(1).unknowns()).containsExactly(JsonPointer.ROOT);
  }

  // ---- sources and modules ----

  @Test
  void read_childModules_keepAddressesAndConfiguration() {
    String plan =
        "{\"format_version\": \"1.2\", \"planned_values\": {\"root_module\": {\"child_modules\": [{"
            + "\"address\": \"module.a[\\\"x\\\"]\", \"child_modules\": [{\"address\": \"module.a[\\\"x\\\"].module.b\","
            + " \"resources\": [{\"address\": \"module.a[\\\"x\\\"].module.b.aws_iam_policy.p[\\\"k.1\\\"]\","
            + " \"mode\": \"managed\", \"type\": \"aws_iam_policy\", \"name\": \"p\", \"index\": \"k.1\","
            + " \"values\": {\"policy\": "
            + quote(IDENTITY)
            + "}}]}]}]}},"
            + " \"resource_changes\": [{\"address\": \"module.a[\\\"x\\\"].module.b.aws_iam_role.r[0]\","
            + " \"module_address\": \"module.a[\\\"x\\\"].module.b\", \"mode\": \"managed\", \"type\": \"aws_iam_role\","
            + " \"name\": \"r\", \"index\": 0, \"change\": {\"actions\": [\"create\"], \"after\": {},"
            + " \"after_unknown\": {\"assume_role_policy\": true, \"inline_policy\": true}}}],"
            + " \"configuration\": {\"root_module\": {\"module_calls\": {\"a\": {\"module\": {\"module_calls\":"
            + " {\"b\": {\"module\": {\"resources\": [{\"address\": \"aws_iam_role.r\", \"mode\": \"managed\","
            + " \"type\": \"aws_iam_role\", \"name\": \"r\", \"expressions\": {\"assume_role_policy\": {}}}]}}}}}}}}}";
    List<EmbeddedPolicy> found = read(plan);

    assertThat(found)
        .extracting(EmbeddedPolicy::resource)
        .containsExactly(
            "module.a[\"x\"].module.b.aws_iam_role.r[0]",
            "module.a[\"x\"].module.b.aws_iam_policy.p[\"k.1\"]");
    assertThat(found.get(0).property())
        .hasToString("/resource_changes/0/change/after_unknown/assume_role_policy");
    assertThat(found.get(0).unknowns()).containsExactly(JsonPointer.ROOT);
    assertThat(found.get(1).property())
        .hasToString(
            "/planned_values/root_module/child_modules/0/child_modules/0/resources/0/values/policy");
  }

  @Test
  void read_moduleAddress_dropsInstanceKeys() {
    assertThat(PlanReader.modules("module.a[\"x.y]\"].module.b[0].module.c"))
        .containsExactly("a", "b", "c");
    assertThat(PlanReader.modules("")).isEmpty();
  }

  @Test
  void read_deletedResource_leavesNoPolicy_andPriorStateIsRead() {
    String plan =
        "{\"format_version\": \"0.1\", \"resource_changes\": [{\"address\": \"aws_iam_policy.gone\","
            + " \"mode\": \"managed\", \"type\": \"aws_iam_policy\", \"name\": \"gone\","
            + " \"change\": {\"actions\": [\"delete\"], \"before\": {\"policy\": "
            + quote(IDENTITY)
            + "}, \"after\": null}}],"
            + " \"prior_state\": {\"values\": {\"root_module\": {\"resources\": ["
            + "{\"address\": \"aws_iam_policy.gone\", \"mode\": \"managed\", \"type\": \"aws_iam_policy\","
            + " \"name\": \"gone\", \"values\": {\"policy\": "
            + quote(IDENTITY)
            + "}}, {\"address\": \"aws_iam_policy.kept\", \"mode\": \"managed\", \"type\": \"aws_iam_policy\","
            + " \"name\": \"kept\", \"values\": {\"policy\": "
            + quote(IDENTITY)
            + "}}]}}}, \"future_member\": {\"x\": [1]}}";
    assertThat(read(plan))
        .extracting(EmbeddedPolicy::resource)
        .containsExactly("aws_iam_policy.kept");
  }

  // ---- data sources ----

  private static String dataPlan(
      String consumerAfter, String consumerUnknown, String dataJson, boolean referenced) {
    return "{\"format_version\": \"1.2\", \"resource_changes\": [{\"address\": \"aws_s3_bucket_policy.p\","
        + " \"mode\": \"managed\", \"type\": \"aws_s3_bucket_policy\", \"name\": \"p\", \"change\": {\"actions\": [\"create\"],"
        + " \"after\": "
        + consumerAfter
        + ", \"after_unknown\": "
        + consumerUnknown
        + "}}], \"prior_state\": {\"values\": {\"root_module\": {\"resources\": [{\"address\": \"data.aws_iam_policy_document.d\","
        + " \"mode\": \"data\", \"type\": \"aws_iam_policy_document\", \"name\": \"d\", \"values\": {\"json\": "
        + quote(dataJson)
        + "}}]}}}, \"configuration\": {\"root_module\": {\"resources\": [{\"address\": \"aws_s3_bucket_policy.p\","
        + " \"mode\": \"managed\", \"type\": \"aws_s3_bucket_policy\", \"name\": \"p\", \"expressions\": {\"policy\": "
        + (referenced
            ? "{\"references\": [\"data.aws_iam_policy_document.d.json\", \"data.aws_iam_policy_document.d\"]}"
            : "{}")
        + "}}]}}}";
  }

  static final String BUCKET_POLICY =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:root\"},\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::b/*\"}]}";

  @Test
  void read_dataSourceUsedByAKnownAttribute_isReadOnceThere() {
    String pretty = BUCKET_POLICY.replace(",", ",\n  ");
    String plan =
        dataPlan(
            "{\"bucket\": \"b\", \"policy\": " + quote(BUCKET_POLICY) + "}", "{}", pretty, true);
    assertThat(read(plan))
        .extracting(EmbeddedPolicy::resource)
        .containsExactly("aws_s3_bucket_policy.p");
  }

  @Test
  void read_dataSourceWhoseConsumerIsUnknown_isReadAsTheConsumersType() {
    String plan = dataPlan("{\"bucket\": \"b\"}", "{\"policy\": true}", BUCKET_POLICY, true);
    List<EmbeddedPolicy> found = read(plan);

    assertThat(found)
        .extracting(EmbeddedPolicy::resource)
        .containsExactly("aws_s3_bucket_policy.p", "data.aws_iam_policy_document.d");
    EmbeddedPolicy data = found.get(1);
    assertThat(data.resourceType()).isEqualTo("aws_iam_policy_document");
    assertThat(data.property())
        .hasToString("/prior_state/values/root_module/resources/0/values/json");
    assertThat(data.policyType()).isEqualTo(PolicyType.RESOURCE);
    assertThat(data.attachedTo()).contains(PolicyResourceType.S3_BUCKET);
    assertThat(data.unknowns()).isEmpty();
  }

  @Test
  void read_dataSourceWithSameContentAsAFoundPolicy_isNotReadAgain() {
    String plan =
        dataPlan(
            "{\"bucket\": \"b\", \"policy\": " + quote(BUCKET_POLICY) + "}",
            "{}",
            BUCKET_POLICY,
            false);
    assertThat(read(plan))
        .extracting(EmbeddedPolicy::resource)
        .containsExactly("aws_s3_bucket_policy.p");
  }

  @Test
  void read_dataSourceUsedNowhere_isReadAsItsContentShows() {
    String plan =
        dataPlan(
            "{\"bucket\": \"b\", \"policy\": " + quote(IDENTITY.replace("Allow", "Deny")) + "}",
            "{}",
            BUCKET_POLICY,
            false);
    assertThat(read(plan).get(1).policyType()).isEqualTo(PolicyType.RESOURCE);

    String identity =
        dataPlan(
            "{\"bucket\": \"b\", \"policy\": " + quote(BUCKET_POLICY) + "}", "{}", IDENTITY, false);
    assertThat(read(identity).get(1).policyType()).isEqualTo(PolicyType.IDENTITY);
  }

  @Test
  void read_deferredDataSourceAndItsConsumer_areOneUnknownPolicy() {
    String plan =
        "{\"format_version\": \"1.1\", \"resource_changes\": ["
            + "{\"address\": \"aws_s3_bucket_policy.p\", \"mode\": \"managed\", \"type\": \"aws_s3_bucket_policy\","
            + " \"name\": \"p\", \"change\": {\"actions\": [\"create\"], \"after\": {}, \"after_unknown\": {\"policy\": true}}},"
            + "{\"address\": \"data.aws_iam_policy_document.d\", \"mode\": \"data\", \"type\": \"aws_iam_policy_document\","
            + " \"name\": \"d\", \"change\": {\"actions\": [\"read\"], \"after\": {}, \"after_unknown\": {\"json\": true}}},"
            + "{\"address\": \"data.aws_iam_policy_document.alone\", \"mode\": \"data\", \"type\": \"aws_iam_policy_document\","
            + " \"name\": \"alone\", \"change\": {\"actions\": [\"read\"], \"after\": {}, \"after_unknown\": {\"json\": true}}}],"
            + " \"configuration\": {\"root_module\": {\"resources\": [{\"mode\": \"managed\", \"type\": \"aws_s3_bucket_policy\","
            + " \"name\": \"p\", \"expressions\": {\"policy\": {\"references\": [\"data.aws_iam_policy_document.d.json\"]}}}]}}}";
    List<EmbeddedPolicy> found = read(plan);

    assertThat(found)
        .extracting(EmbeddedPolicy::resource)
        .containsExactly("aws_s3_bucket_policy.p", "data.aws_iam_policy_document.alone");
    assertThat(found).allSatisfy(p -> assertThat(p.unknowns()).containsExactly(JsonPointer.ROOT));
    assertThat(found.get(1).policyType()).isEqualTo(PolicyType.IDENTITY);
  }

  // ---- Lambda permissions ----

  @Test
  void read_lambdaPermission_isTheStatementLambdaWrites() {
    String after =
        "{\"statement_id\": \"AllowS3\", \"action\": \"lambda:InvokeFunction\", \"function_name\": \"thumbs\","
            + " \"qualifier\": \"live\", \"principal\": \"s3.amazonaws.com\", \"source_arn\": \"arn:aws:s3:::uploads\","
            + " \"source_account\": \"111122223333\", \"event_source_token\": null}";
    String plan = oneResource("aws_lambda_permission", after, "{\"id\": true}", null);
    EmbeddedPolicy found = read(plan).get(0);

    assertThat(found.policyType()).isEqualTo(PolicyType.RESOURCE);
    assertThat(found.unknowns()).isEmpty();
    assertThat(found.property()).hasToString("/resource_changes/0/change/after");
    Policy policy = PolicyReader.read(found.document());
    assertThat(policy.statements())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.sid()).contains("AllowS3");
              assertThat(s.resources().orElseThrow().patterns())
                  .singleElement()
                  .hasToString("arn:aws:lambda:us-east-1:123456789012:function:thumbs:live");
            });
    assertThat(canonical(found.document()))
        .isEqualTo(
            "{Version:2012-10-17,Statement:[{Sid:AllowS3,Effect:Allow,Principal:{Service:s3.amazonaws.com},"
                + "Action:lambda:InvokeFunction,Resource:arn:aws:lambda:us-east-1:123456789012:function:thumbs:live,"
                + "Condition:{StringEquals:{AWS:SourceAccount:111122223333},ArnLike:{AWS:SourceArn:arn:aws:s3:::uploads}}}]}");
    Json.Obj statement =
        (Json.Obj)
            ((Json.Arr) ((Json.Obj) found.document()).get("Statement").orElseThrow())
                .elements()
                .get(0);
    assertThat(at(plan, member(statement, "Principal").value().position()))
        .startsWith("\"s3.amazonaws.com\"");
  }

  @Test
  void read_lambdaPermissionForAnAccount_namesItsRootAndUnknownsAreListed() {
    String after =
        "{\"action\": \"lambda:InvokeFunction\", \"function_name\": \"arn:aws-cn:lambda:cn-north-1:111122223333:function:f\","
            + " \"principal\": \"444455556666\", \"principal_org_id\": \"o-abc\"}";
    EmbeddedPolicy found =
        TerraformPlans.read(
                oneResource(
                        "aws_lambda_permission",
                        after,
                        "{\"statement_id\": true, \"source_arn\": true}",
                        null)
                    .getBytes(StandardCharsets.UTF_8),
                new Placeholders("999988887777", "eu-west-1", "aws-cn"))
            .policies()
            .get(0);

    assertThat(canonical(found.document()))
        .isEqualTo(
            "{Version:2012-10-17,Statement:[{Effect:Allow,Principal:{AWS:arn:aws-cn:iam::444455556666:root},"
                + "Action:lambda:InvokeFunction,Resource:arn:aws-cn:lambda:cn-north-1:111122223333:function:f,"
                + "Condition:{StringEquals:{aws:PrincipalOrgID:o-abc},ArnLike:{AWS:SourceArn:(known after apply)}}}]}");
    assertThat(found.unknowns())
        .containsExactly(JsonPointer.parse("/Statement/0/Condition/ArnLike/AWS:SourceArn"));
  }

  @Test
  void read_lambdaPermissionsOnOneFunctionAndQualifier_areOnePolicy() {
    String plan =
        "{\"format_version\": \"1.2\", \"planned_values\": {\"root_module\": {\"resources\": ["
            + permission("a", "\"statement_id\": \"AllowS3\", \"function_name\": \"thumbs\"")
            + ", "
            + permission(
                "b",
                "\"statement_id\": \"AllowS3\", \"function_name\": \"arn:aws:lambda:us-east-1:123456789012:function:thumbs\"")
            + ", "
            + permission(
                "c",
                "\"statement_id\": \"Live\", \"function_name\": \"thumbs\", \"qualifier\": \"live\"")
            + "]}}}";
    List<EmbeddedPolicy> found = read(plan);
    assertThat(found)
        .extracting(EmbeddedPolicy::resource)
        .containsExactly("aws_lambda_permission.a", "aws_lambda_permission.c");
    EmbeddedPolicy thumbs = found.get(0);
    assertThat(PolicyReader.read(thumbs.document()).statements()).hasSize(2);
    assertThat(thumbs.resourceAt(JsonPointer.parse("/Statement/1/Sid")))
        .isEqualTo("aws_lambda_permission.b");
    assertThat(thumbs.filePointer(JsonPointer.parse("/Statement/1/Sid")))
        .hasToString("/planned_values/root_module/resources/1/values/statement_id");
  }

  private static String permission(String name, String values) {
    return "{\"address\": \"aws_lambda_permission."
        + name
        + "\", \"mode\": \"managed\", \"type\": \"aws_lambda_permission\", \"name\": \""
        + name
        + "\", \"values\": {\"action\": \"lambda:InvokeFunction\", \"principal\": \"s3.amazonaws.com\", "
        + values
        + "}}";
  }

  /** A tree as compact text without quotes, for comparing shapes. */
  static String canonical(Json json) {
    if (json instanceof Json.Obj o) {
      StringBuilder out = new StringBuilder("{");
      for (Json.Member m : o.members()) {
        out.append(out.length() > 1 ? "," : "")
            .append(m.name())
            .append(':')
            .append(canonical(m.value()));
      }
      return out.append('}').toString();
    }
    if (json instanceof Json.Arr a) {
      StringBuilder out = new StringBuilder("[");
      for (Json e : a.elements()) {
        out.append(out.length() > 1 ? "," : "").append(canonical(e));
      }
      return out.append(']').toString();
    }
    return json.scalarText().orElse("null");
  }

  // ---- what is not a plan ----

  @Test
  void looksLikePlan_onlyForPlansAndStates() {
    assertThat(
            TerraformPlans.looksLikePlan(
                JsonReader.read(
                    oneResource("aws_sqs_queue", "{}", "{}", null), PolicyReader.LIMITS)))
        .isTrue();
    assertThat(
            TerraformPlans.looksLikePlan(
                JsonReader.read(
                    "{\"format_version\": \"1.0\", \"values\": {}}", PolicyReader.LIMITS)))
        .isTrue();
    assertThat(TerraformPlans.looksLikePlan(JsonReader.read(IDENTITY, PolicyReader.LIMITS)))
        .isFalse();
    assertThat(
            TerraformPlans.looksLikePlan(
                JsonReader.read(
                    "{\"AWSTemplateFormatVersion\": \"2010-09-09\", \"Resources\": {}}",
                    PolicyReader.LIMITS)))
        .isFalse();
    assertThat(
            TerraformPlans.looksLikePlan(
                JsonReader.read(
                    "{\"format_version\": 1, \"planned_values\": {}}", PolicyReader.LIMITS)))
        .isFalse();
  }

  @Test
  void read_notJson_notAPlan_unknownFormat_areErrorsWithPositions() {
    assertThatThrownBy(() -> read("{\"format_version\": \"1.0\",\n  ]"))
        .isInstanceOfSatisfying(
            TemplateException.class,
            e -> {
              assertThat(e.location().position().line()).isEqualTo(2);
              assertThat(e.problem()).contains("not JSON");
            });
    assertThatThrownBy(() -> read(IDENTITY))
        .isInstanceOfSatisfying(
            TemplateException.class,
            e -> assertThat(e.problem()).startsWith("not a Terraform plan"));
    assertThatThrownBy(() -> read("{\"format_version\": \"2.0\", \"planned_values\": {}}"))
        .isInstanceOfSatisfying(
            TemplateException.class,
            e -> {
              assertThat(e.location().position()).isEqualTo(new SourcePosition(1, 20));
              assertThat(e.problem()).contains("format_version 2.0 is not supported");
            });
  }

  @Test
  void read_policyStringNotJson_isAProblemAtItsPlaceInThePlan_andTheRestIsRead() {
    String plan =
        "{\"format_version\": \"1.2\", \"planned_values\": {\"root_module\": {\"resources\": ["
            + resource(
                "aws_iam_policy",
                "bad",
                "{\"policy\": " + quote("{\"Version\": \"2012-10-17\",, }") + "}")
            + ", "
            + resource("aws_iam_policy", "good", "{\"policy\": " + quote(IDENTITY) + "}")
            + "]}}}";
    Templates.Template template =
        TerraformPlans.read(plan.getBytes(StandardCharsets.UTF_8), Placeholders.DEFAULT);
    assertThat(template.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.resource()).isEqualTo("aws_iam_policy.bad");
              assertThat(p.pointer())
                  .hasToString("/planned_values/root_module/resources/0/values/policy");
              assertThat(at(plan, p.position())).startsWith(", }");
              assertThat(p.message()).startsWith("the policy is not JSON: ");
            });
    assertThat(template.policies())
        .extracting(EmbeddedPolicy::resource)
        .containsExactly("aws_iam_policy.good");
  }

  @Test
  void read_dataSourceJsonNotJson_isAProblem() {
    String plan =
        "{\"format_version\": \"1.2\", \"prior_state\": {\"values\": {\"root_module\": {\"resources\": ["
            + "{\"address\": \"data.aws_iam_policy_document.d\", \"mode\": \"data\","
            + " \"type\": \"aws_iam_policy_document\", \"name\": \"d\", \"values\": {\"json\": "
            + quote("{nope")
            + "}}]}}}}";
    Templates.Template template =
        TerraformPlans.read(plan.getBytes(StandardCharsets.UTF_8), Placeholders.DEFAULT);
    assertThat(template.policies()).isEmpty();
    assertThat(template.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.resource()).isEqualTo("data.aws_iam_policy_document.d");
              assertThat(p.pointer())
                  .hasToString("/prior_state/values/root_module/resources/0/values/json");
            });
  }

  private static String resource(String type, String name, String values) {
    return "{\"address\": \""
        + type
        + "."
        + name
        + "\", \"mode\": \"managed\", \"type\": \""
        + type
        + "\", \"name\": \""
        + name
        + "\", \"values\": "
        + values
        + "}";
  }
}
