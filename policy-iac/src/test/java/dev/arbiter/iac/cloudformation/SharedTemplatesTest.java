package dev.arbiter.iac.cloudformation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.arbiter.iac.EmbeddedPolicy;
import dev.arbiter.iac.Placeholders;
import dev.arbiter.iac.Templates;
import dev.arbiter.lint.Finding;
import dev.arbiter.lint.LintResult;
import dev.arbiter.lint.Linter;
import dev.arbiter.policy.json.Json;
import dev.arbiter.policy.json.JsonReader;
import dev.arbiter.policy.json.JsonWriter;
import dev.arbiter.policy.json.Limits;
import dev.arbiter.policy.json.YamlReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The CloudFormation templates of {@code ../shared/iac/cloudformation} (skipped when absent): every
 * one reads, each gives as many policies as an independent count over its raw tree, and the
 * validator's {@code test_file_2} gives the same policies in JSON and YAML and the findings Access
 * Analyzer reported on it.
 */
class SharedTemplatesTest {

  private static Path shared() {
    Path dir = Path.of(System.getProperty("shared.dir", "../../shared"), "iac", "cloudformation");
    assumeTrue(Files.isDirectory(dir), "no CloudFormation samples at " + dir);
    return dir;
  }

  private static List<Path> templates() throws IOException {
    try (Stream<Path> files = Files.walk(shared())) {
      return files
          .filter(Files::isRegularFile)
          .filter(f -> !f.toString().contains("bad_template"))
          .sorted()
          .toList();
    }
  }

  /** Independent of the reader's table: property paths per type, written from the brief. */
  private static final Map<String, List<String>> PROPERTIES =
      Map.ofEntries(
          Map.entry(
              "AWS::IAM::Role", List.of("AssumeRolePolicyDocument", "Policies/*/PolicyDocument")),
          Map.entry("AWS::IAM::User", List.of("Policies/*/PolicyDocument")),
          Map.entry("AWS::IAM::Group", List.of("Policies/*/PolicyDocument")),
          Map.entry("AWS::IAM::Policy", List.of("PolicyDocument")),
          Map.entry("AWS::IAM::ManagedPolicy", List.of("PolicyDocument")),
          Map.entry("AWS::IAM::RolePolicy", List.of("PolicyDocument")),
          Map.entry("AWS::SSO::PermissionSet", List.of("InlinePolicy")),
          Map.entry("AWS::S3::BucketPolicy", List.of("PolicyDocument")),
          Map.entry("AWS::S3::AccessPoint", List.of("Policy")),
          Map.entry("AWS::S3::MultiRegionAccessPointPolicy", List.of("Policy")),
          Map.entry("AWS::SQS::QueuePolicy", List.of("PolicyDocument")),
          Map.entry("AWS::SNS::TopicPolicy", List.of("PolicyDocument")),
          Map.entry("AWS::KMS::Key", List.of("KeyPolicy")),
          Map.entry("AWS::SecretsManager::ResourcePolicy", List.of("ResourcePolicy")),
          Map.entry("AWS::Events::EventBusPolicy", List.of("Statement")),
          Map.entry("AWS::Logs::ResourcePolicy", List.of("PolicyDocument")),
          Map.entry("AWS::EC2::VPCEndpoint", List.of("PolicyDocument")),
          Map.entry("AWS::Lambda::Permission", List.of("Action")),
          Map.entry("AWS::ECR::Repository", List.of("RepositoryPolicyText")),
          Map.entry("AWS::OpenSearchService::Domain", List.of("AccessPolicies")),
          Map.entry("AWS::Elasticsearch::Domain", List.of("AccessPolicies")),
          Map.entry("AWS::EFS::FileSystem", List.of("FileSystemPolicy")),
          Map.entry("AWS::ApiGateway::RestApi", List.of("Policy")),
          Map.entry("AWS::Backup::BackupVault", List.of("AccessPolicy")),
          Map.entry("AWS::S3Tables::TableBucketPolicy", List.of("ResourcePolicy")),
          Map.entry("AWS::CodeArtifact::Domain", List.of("PermissionsPolicyDocument")),
          Map.entry("AWS::CloudTrail::ResourcePolicy", List.of("ResourcePolicy")),
          Map.entry("AWS::S3Express::AccessPoint", List.of("Policy")));

  /**
   * Templates whose count differs from the raw count ("raw -> found"). Both differ for one reason:
   * their roles' inline policies sit in {@code Fn::If} on conditions over parameters whose defaults
   * are empty (SSMLogsBucketNameCondition, SecretsManagerDomainCredentialsSecretsKMSKeyCondition),
   * which no value given decides, so each branch is a policy of its own, and a policy after one
   * that {@code AWS::NoValue} drops differs between branches.
   *
   * <p>api-resource.yml: its two Lambda permissions name {@code !GetAtt Handler.Arn}, one function
   * for this count, but the function's name is {@code !Sub ${Name}-handler} over a parameter with
   * no default, so the reader does not know it and keeps each permission as a policy of its own
   * rather than guess that two unknown values are the same (docs/templates.md).
   */
  private static final Map<String, String> KNOWN =
      Map.of(
          "aws-cloudformation-templates/RainModules/api-resource.yml",
          "2 -> 3",
          "aws-cloudformation-templates/Solutions/ADConnector/templates/ADCONNECTOR.cfn.json",
          "9 -> 15",
          "aws-cloudformation-templates/Solutions/ADConnector/templates/ADCONNECTOR.cfn.yaml",
          "9 -> 15",
          "aws-cloudformation-templates/Solutions/ManagedAD/templates/MANAGEDAD.cfn.json",
          "5 -> 10",
          "aws-cloudformation-templates/Solutions/ManagedAD/templates/MANAGEDAD.cfn.yaml",
          "5 -> 10");

  private static int rawCount(Json root) {
    int count = 0;
    if (!(root instanceof Json.Obj template)
        || !(template.get("Resources").orElse(null) instanceof Json.Obj resources)) {
      return 0;
    }
    Set<String> functions = new HashSet<>();
    for (Json.Member member : resources.members()) {
      if (!(member.value() instanceof Json.Obj resource)
          || !(resource.get("Properties").orElse(null) instanceof Json.Obj properties)) {
        continue;
      }
      String type = resource.get("Type").flatMap(Json::scalarText).orElse("");
      if (type.equals("AWS::Lambda::Permission")) {
        // Lambda keeps one policy per function: permissions naming the same function are one.
        if (functions.add(function(member.name(), properties.get("FunctionName")))) {
          count++;
        }
        continue;
      }
      for (String path : PROPERTIES.getOrDefault(type, List.of())) {
        String[] parts = path.split("/", -1);
        Optional<Json> top = properties.get(parts[0]);
        if (top.isEmpty()) {
          continue;
        }
        if (parts.length == 1) {
          count++;
        } else if (top.get() instanceof Json.Arr list) {
          for (Json item : list.elements()) {
            if (item instanceof Json.Obj o && o.get(parts[2]).isPresent()) {
              count++;
            }
          }
        }
      }
    }
    return count;
  }

  /**
   * The function a permission names, as written: the resource of a {@code Ref} or {@code
   * Fn::GetAtt}, or the literal name; anything else counts as a function of its own.
   */
  private static String function(String permission, Optional<Json> name) {
    if (name.isPresent() && name.get() instanceof Json.Str literal) {
      return "name " + literal.value();
    }
    if (name.isPresent() && name.get() instanceof Json.Obj call && call.members().size() == 1) {
      Json.Member only = call.members().get(0);
      Json argument = only.value();
      if (only.name().equals("Ref") && argument instanceof Json.Str ref) {
        return "resource " + ref.value();
      }
      if (only.name().equals("Fn::GetAtt")) {
        String target =
            argument instanceof Json.Arr list && !list.elements().isEmpty()
                ? list.elements().get(0).scalarText().orElse("")
                : argument.scalarText().orElse("").split("\\.", 2)[0];
        return "resource " + target;
      }
    }
    return "own " + permission;
  }

  private static Json raw(byte[] bytes) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    Limits limits = new Limits(Templates.MAX_TEMPLATE_BYTES, 500);
    return text.stripLeading().startsWith("{")
        ? JsonReader.read(text, limits)
        : YamlReader.read(text, limits, (tag, value, pointer) -> value);
  }

  @Test
  void everyTemplate_reads_andGivesTheRawCountOfPolicies() throws IOException {
    List<Path> files = templates();
    assertThat(files).hasSizeGreaterThanOrEqualTo(149);
    Map<String, String> differences = new TreeMap<>();
    int total = 0;
    for (Path file : files) {
      byte[] bytes = Files.readAllBytes(file);
      Templates.Template template =
          Templates.read(file.toString(), bytes, Optional.empty(), Templates.Options.DEFAULT);
      assertThat(template.kind()).as(file.toString()).isEqualTo(Templates.Kind.CLOUDFORMATION);
      assertThat(template.problems()).as(file.toString()).isEmpty(); // read whole, not in part
      int expected = rawCount(raw(bytes));
      total += template.policies().size();
      if (template.policies().size() != expected) {
        String name = shared().relativize(file).toString();
        differences.put(name, expected + " -> " + template.policies().size());
      }
    }
    assertThat(differences).isEqualTo(KNOWN);
    assertThat(total).isGreaterThan(400);
  }

  private static final Templates.Options VALIDATOR =
      new Templates.Options(
          Placeholders.DEFAULT,
          Set.of(),
          Map.of("CodestarConnectionArn", "fakeArn", "EnvironmentName", "prod"));

  private static List<String> describe(Templates.Template template) {
    List<String> out = new ArrayList<>();
    for (EmbeddedPolicy policy : template.policies()) {
      out.add(
          policy.resource()
              + " "
              + policy.property()
              + " "
              + policy.policyType()
              + " "
              + JsonWriter.compact(policy.document()));
    }
    return out;
  }

  @Test
  void testFile2_jsonAndYaml_giveTheSamePolicies() throws IOException {
    Path dir = shared().resolve("cfn-policy-validator");
    Templates.Template json =
        Templates.read(
            "j", Files.readAllBytes(dir.resolve("test_file_2.json")), Optional.empty(), VALIDATOR);
    Templates.Template yaml =
        Templates.read(
            "y", Files.readAllBytes(dir.resolve("test_file_2.yml")), Optional.empty(), VALIDATOR);
    assertThat(describe(json)).hasSize(14).isEqualTo(describe(yaml));
  }

  @Test
  void testFile2_givesAccessAnalyzersFindingsAtTheirResources() throws IOException {
    Path dir = shared().resolve("cfn-policy-validator");
    for (String name : List.of("test_file_2.json", "test_file_2.yml")) {
      Templates.Template template =
          Templates.read(name, Files.readAllBytes(dir.resolve(name)), Optional.empty(), VALIDATOR);
      Linter linter = Linter.builder().build();
      Set<String> found = new TreeSet<>();
      for (EmbeddedPolicy policy : template.policies()) {
        LintResult result =
            linter.lint(name, policy.document(), policy.policyType(), policy.attachedTo());
        for (Finding finding : result.allFindings()) {
          if (!policy.touchesUnknown(finding.pointer())) {
            found.add(policy.resource() + " " + finding.code());
          }
        }
      }
      assertThat(found)
          .as(name)
          .contains(
              "MyQueuePolicy MISSING_VERSION",
              "ArtifactBucketPolicy MISSING_VERSION",
              "MyQueuePolicy MISSING_PRINCIPAL",
              "CodePipelineServiceRole MISSING_ARN_FIELD",
              "CodePipelineServiceRole PASS_ROLE_WITH_STAR_IN_RESOURCE",
              "MyIAMGroup PASS_ROLE_WITH_STAR_IN_RESOURCE",
              "MyPermissionSet PASS_ROLE_WITH_STAR_IN_RESOURCE",
              "MyIAMUser PASS_ROLE_WITH_STAR_IN_RESOURCE");
    }
  }
}
