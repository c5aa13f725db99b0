package dev.arbiter.iac.terraform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.arbiter.iac.EmbeddedPolicy;
import dev.arbiter.iac.Placeholders;
import dev.arbiter.policy.JsonPointer;
import dev.arbiter.policy.json.Json;
import dev.arbiter.policy.json.JsonReader;
import dev.arbiter.policy.json.Limits;
import dev.arbiter.policy.json.PolicyReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every Terraform plan of {@code ../shared/iac/terraform} reads, and gives as many documents (known
 * and unknown) as a count made here from the plan tree by other means: every instance's value
 * gathered from all of the plan's sections at once, data sources matched by name against the
 * configuration and by canonical text against the other documents. Skipped when the shared
 * directory is absent.
 */
class SharedPlansTest {
  private static final Limits LIMITS = new Limits(64 << 20, 1000);

  /** The policy attributes of the resource types these plans use, from the provider's docs. */
  private static final Map<String, List<String>> ATTRIBUTES =
      Map.ofEntries(
          Map.entry("aws_iam_policy", List.of("policy")),
          Map.entry("aws_iam_role_policy", List.of("policy")),
          Map.entry("aws_iam_user_policy", List.of("policy")),
          Map.entry("aws_iam_group_policy", List.of("policy")),
          Map.entry("aws_iam_role", List.of("assume_role_policy", "inline_policy.policy")),
          Map.entry("aws_s3_bucket", List.of("policy")),
          Map.entry("aws_s3_bucket_policy", List.of("policy")),
          Map.entry("aws_api_gateway_rest_api", List.of("policy")),
          Map.entry("aws_api_gateway_rest_api_policy", List.of("policy")),
          Map.entry("aws_backup_vault_policy", List.of("policy")),
          Map.entry("aws_codeartifact_domain_permissions_policy", List.of("policy_document")),
          Map.entry("aws_dynamodb_resource_policy", List.of("policy")),
          Map.entry("aws_kinesis_resource_policy", List.of("policy")),
          Map.entry("aws_opensearch_domain", List.of("access_policies")),
          Map.entry("aws_opensearch_domain_policy", List.of("access_policies")),
          Map.entry("aws_s3tables_table_bucket_policy", List.of("resource_policy")),
          Map.entry("aws_s3tables_table_policy", List.of("resource_policy")),
          Map.entry("aws_sns_topic", List.of("policy")),
          Map.entry("aws_sns_topic_policy", List.of("policy")),
          Map.entry("aws_sqs_queue", List.of("policy")),
          Map.entry("aws_kms_key", List.of("policy")));

  /**
   * Types seen in the plans that hold no IAM policy (a table policy is not in the brief's list).
   */
  private static final Set<String> NO_POLICY =
      Set.of(
          "aws_iam_access_key",
          "aws_iam_group",
          "aws_iam_user",
          "aws_backup_vault",
          "aws_codeartifact_domain",
          "aws_dynamodb_table",
          "aws_kinesis_stream",
          "aws_kinesis_stream_consumer",
          "aws_lambda_function",
          "aws_s3tables_namespace",
          "aws_s3tables_table",
          "aws_s3tables_table_bucket",
          "aws_sns_topic_subscription",
          "aws_lambda_permission");

  static Stream<Arguments> plans() throws IOException {
    Path dir =
        Path.of(System.getProperty("shared.dir", "../../shared"))
            .resolve("iac")
            .resolve("terraform");
    assumeTrue(Files.isDirectory(dir), "no shared plans at " + dir);
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      files = walk.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    return files.stream().map(f -> Arguments.of(dir.relativize(f).toString(), f));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("plans")
  void read_sharedPlan_givesTheDocumentsCountedFromItsTree(String name, Path file)
      throws IOException {
    byte[] content = Files.readAllBytes(file);
    dev.arbiter.iac.Templates.Template template =
        TerraformPlans.read(content, Placeholders.DEFAULT);
    assertThat(template.problems()).as(name).isEmpty(); // read whole, not in part
    List<EmbeddedPolicy> found = template.policies();
    Json plan = JsonReader.read(content, LIMITS);

    Count expected = count((Json.Obj) plan);
    long unknown = found.stream().filter(p -> p.unknowns().contains(JsonPointer.ROOT)).count();
    System.out.printf(
        "%s: %d documents (%d unknown), counted %d (%d unknown)%n",
        name, found.size(), unknown, expected.known + expected.unknown, expected.unknown);
    assertThat(found.size() - unknown).as("known documents").isEqualTo(expected.known);
    assertThat(unknown).as("unknown documents").isEqualTo(expected.unknown);

    for (EmbeddedPolicy policy : found) {
      Json at = Plans.resolve(plan, policy.property());
      if (policy.unknowns().contains(JsonPointer.ROOT)) {
        assertThat(at).as(policy.resource()).isEqualTo(new Json.Bool(true, at.position()));
        assertThat(policy.document().position()).isEqualTo(at.position());
      } else if (policy.resourceType().equals("aws_lambda_permission")) {
        assertThat(at).isInstanceOf(Json.Obj.class);
        PolicyReader.read(policy.document());
      } else {
        assertThat(at).as(policy.resource()).isInstanceOf(Json.Str.class);
        assertThat(policy.document().position().line()).isEqualTo(at.position().line());
        PolicyReader.read(policy.document()); // every known document of these plans is a policy
      }
    }
  }

  private record Count(long known, long unknown) {}

  /** The independent count. */
  private static Count count(Json.Obj plan) {
    // Every resource instance, by address: its values and unknowns, merged from all sections.
    Map<String, Json.Obj> values = new LinkedHashMap<>();
    Map<String, Json.Obj> unknowns = new LinkedHashMap<>();
    Map<String, String> types = new LinkedHashMap<>();
    Set<String> deleted = new HashSet<>();
    for (Json change : arr(plan, "resource_changes")) {
      Json.Obj c = (Json.Obj) change;
      String address = str(c, "address");
      types.put(address, (str(c, "mode").equals("data") ? "data." : "") + str(c, "type"));
      Json.Obj detail = (Json.Obj) c.get("change").orElseThrow();
      if (detail.get("after").orElseThrow() instanceof Json.Obj after) {
        values.put(address, after);
        if (detail.get("after_unknown").orElse(null) instanceof Json.Obj u) {
          unknowns.put(address, u);
        }
      } else {
        deleted.add(address);
      }
    }
    List<Json.Obj> modules = new ArrayList<>();
    for (String section : List.of("planned_values", "prior_state")) {
      Json root = plan.get(section).orElse(null);
      if (root instanceof Json.Obj r && section.equals("prior_state")) {
        root = r.get("values").orElse(null);
      }
      if (root instanceof Json.Obj r && r.get("root_module").orElse(null) instanceof Json.Obj m) {
        modules.add(m);
      }
    }
    while (!modules.isEmpty()) {
      Json.Obj module = modules.remove(0);
      for (Json r : arr(module, "resources")) {
        Json.Obj resource = (Json.Obj) r;
        String address = str(resource, "address");
        types.put(
            address, (str(resource, "mode").equals("data") ? "data." : "") + str(resource, "type"));
        if (!deleted.contains(address) && !values.containsKey(address)) {
          values.put(address, (Json.Obj) resource.get("values").orElseThrow());
        }
      }
      for (Json child : arr(module, "child_modules")) {
        modules.add((Json.Obj) child);
      }
    }
    // The configuration's expressions, by address (these plans have no modules).
    Map<String, Json.Obj> expressions = new TreeMap<>();
    if (plan.get("configuration").orElse(null) instanceof Json.Obj config
        && config.get("root_module").orElse(null) instanceof Json.Obj root) {
      for (Json r : arr(root, "resources")) {
        Json.Obj resource = (Json.Obj) r;
        expressions.put(
            str(resource, "address"), (Json.Obj) resource.get("expressions").orElseThrow());
      }
    }
    long known = 0;
    long unknown = 0;
    Set<String> knownTexts = new HashSet<>();
    Set<String> referencedByKnown = new HashSet<>();
    Set<String> referenced = new HashSet<>();
    for (Map.Entry<String, Json.Obj> entry : values.entrySet()) {
      String address = entry.getKey();
      String type = types.getOrDefault(address, "");
      if (type.equals("aws_lambda_permission")) {
        known++;
        continue;
      }
      if (type.startsWith("data.")) {
        continue;
      }
      assertThat(ATTRIBUTES.containsKey(type) || NO_POLICY.contains(type))
          .as("type %s is classified by this test", type)
          .isTrue();
      Json.Obj unknownValues = unknowns.get(address);
      Json.Obj configured = expressions.get(address);
      for (String attribute : ATTRIBUTES.getOrDefault(type, List.of())) {
        String[] path = attribute.split("\\.", -1);
        List<@Nullable Json> valueList = new ArrayList<>();
        List<Boolean> unknownList = new ArrayList<>();
        List<@Nullable Json> expressionList = new ArrayList<>();
        if (path.length == 1) {
          valueList.add(entry.getValue().get(attribute).orElse(null));
          unknownList.add(
              isTrue(unknownValues == null ? null : unknownValues.get(attribute).orElse(null)));
          expressionList.add(configured == null ? null : configured.get(attribute).orElse(null));
        } else {
          Json blockUnknown =
              unknownValues == null ? null : unknownValues.get(path[0]).orElse(null);
          if (isTrue(blockUnknown)) {
            if (configured == null || configured.get(path[0]).isPresent()) {
              unknown++;
            }
            continue;
          }
          List<Json> blocks = arrOrEmpty(entry.getValue().get(path[0]).orElse(null));
          List<Json> blockUnknowns = arrOrEmpty(blockUnknown);
          List<Json> blockExpressions =
              arrOrEmpty(configured == null ? null : configured.get(path[0]).orElse(null));
          for (int i = 0; i < blocks.size(); i++) {
            valueList.add(((Json.Obj) blocks.get(i)).get(path[1]).orElse(null));
            unknownList.add(
                i < blockUnknowns.size()
                    && isTrue(((Json.Obj) blockUnknowns.get(i)).get(path[1]).orElse(null)));
            expressionList.add(
                i < blockExpressions.size()
                    ? ((Json.Obj) blockExpressions.get(i)).get(path[1]).orElse(null)
                    : null);
          }
        }
        for (int i = 0; i < valueList.size(); i++) {
          Json expression = expressionList.get(i);
          Set<String> refs = dataReferences(expression);
          if (unknownList.get(i)) {
            if (configured == null || expression != null || path.length > 1) {
              unknown++;
              referenced.addAll(refs);
            }
          } else if (valueList.get(i) instanceof Json.Str s && !s.value().isBlank()) {
            known++;
            knownTexts.add(canonical(JsonReader.read(s.value(), PolicyReader.LIMITS)));
            referenced.addAll(refs);
            referencedByKnown.addAll(refs);
          }
        }
      }
    }
    for (Map.Entry<String, Json.Obj> entry : values.entrySet()) {
      if (!types.getOrDefault(entry.getKey(), "").equals("data.aws_iam_policy_document")) {
        continue;
      }
      String name = entry.getKey().substring("data.aws_iam_policy_document.".length());
      Json.Obj unknownValues = unknowns.get(entry.getKey());
      if (unknownValues != null && isTrue(unknownValues.get("json").orElse(null))) {
        if (!referenced.contains(name)) {
          unknown++;
        }
      } else if (entry.getValue().get("json").orElse(null) instanceof Json.Str s
          && !referencedByKnown.contains(name)
          && !knownTexts.contains(canonical(JsonReader.read(s.value(), PolicyReader.LIMITS)))) {
        known++;
      }
    }
    return new Count(known, unknown);
  }

  private static Set<String> dataReferences(@Nullable Json expression) {
    Set<String> names = new HashSet<>();
    if (expression instanceof Json.Obj e) {
      for (Json r : arrOrEmpty(e.get("references").orElse(null))) {
        String[] parts = r.scalarText().orElse("").split("[.\\[]", -1);
        if (parts.length >= 3
            && parts[0].equals("data")
            && parts[1].equals("aws_iam_policy_document")) {
          names.add(parts[2]);
        }
      }
    }
    return names;
  }

  /** JSON text with object members sorted, for comparing documents whatever their layout. */
  private static String canonical(Json json) {
    if (json instanceof Json.Obj o) {
      TreeMap<String, String> members = new TreeMap<>();
      o.members().forEach(m -> members.put(m.name(), canonical(m.value())));
      return members.toString();
    }
    if (json instanceof Json.Arr a) {
      return a.elements().stream().map(SharedPlansTest::canonical).toList().toString();
    }
    return json.typeName() + ":" + json.scalarText().orElse("");
  }

  private static boolean isTrue(@Nullable Json json) {
    return json instanceof Json.Bool b && b.value();
  }

  private static List<Json> arr(Json.Obj object, String name) {
    return arrOrEmpty(object.get(name).orElse(null));
  }

  private static List<Json> arrOrEmpty(@Nullable Json json) {
    return json instanceof Json.Arr a ? a.elements() : List.of();
  }

  private static String str(Json.Obj object, String name) {
    return object.get(name).flatMap(Json::scalarText).orElse("");
  }
}
