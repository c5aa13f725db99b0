package dev.arbiter.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.policy.ResourcePattern;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResourceTypeMatchingTest {
  private static final Catalog CATALOG = Catalog.get();

  /** The types of the ARN's own service that match, as service:name. */
  private static List<String> own(String arn) {
    String service = arn.split(":", -1)[2];
    return CATALOG.service(service).orElseThrow().matchingResourceTypes(arn).stream()
        .map(ResourceType::toString)
        .toList();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "arn:aws:s3:::my-bucket | s3:bucket",
        "arn:aws:s3:::my-bucket/photos/2026/cat.jpg | s3:object",
        "arn:aws:s3:::my-bucket/key:with:colons | s3:object",
        "arn:aws:s3:::* | s3:bucket s3:object",
        "arn:aws:s3:::my-bucket* | s3:bucket s3:object",
        "arn:aws:s3:::my-bucket/* | s3:object",
        "arn:aws:iam::123456789012:role/Admin | iam:role",
        "arn:aws:iam::123456789012:role/service-role/team/Admin | iam:role",
        "arn:aws:iam::123456789012:user/division/alice | iam:user",
        "arn:aws:ec2:us-east-1:123456789012:instance/i-0abc | ec2:instance",
        "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab | kms:key",
        "arn:aws:kms:eu-west-1:123456789012:alias/my/alias | kms:alias",
        "arn:aws:lambda:us-east-1:123456789012:function:my-function | lambda:function",
        "arn:aws:lambda:us-east-1:123456789012:function:my-function:7 | lambda:function alias"
            + " lambda:function version",
        // The star also covers durable executions (function:f:1/durable-execution/...).
        "arn:aws:lambda:us-east-1:123456789012:function:my-function:* | lambda:function alias"
            + " lambda:function version lambda:durable execution",
        "arn:aws:lambda:us-east-1:123456789012:function:my-* | lambda:function lambda:function"
            + " alias lambda:function version lambda:durable execution",
        "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/f | logs:log-group",
        "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/f:log-stream:2026/x |"
            + " logs:log-stream",
        "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-v2:1 |"
            + " bedrock:foundation-model",
        "arn:aws:sqs:us-east-1:123456789012:queue1 | sqs:queue",
      })
  void matchingResourceTypes_ownService_namesTheType(String arn, String expected) {
    List<String> types = Arrays.asList(expected.trim().split(" (?=[a-z0-9-]+:)"));

    assertThat(own(arn)).containsExactlyInAnyOrderElementsOf(types);
  }

  @ParameterizedTest
  @CsvSource({
    // S3 bucket ARNs have no Region and no account.
    "arn:aws:s3:us-east-1::my-bucket",
    "arn:aws:s3::123456789012:my-bucket",
    // IAM is global: no Region.
    "arn:aws:iam:us-east-1:123456789012:role/Admin",
    // Region and account are required for Lambda.
    "arn:aws:lambda:::function:f",
    // ARNs are case-sensitive.
    "arn:aws:iam::123456789012:Role/Admin",
    "arn:aws:s3:::",
  })
  void matchingResourceTypes_wrongShape_matchesNothingOfItsService(String arn) {
    assertThat(own(arn)).isEmpty();
  }

  @Test
  void matchingResourceTypes_multiRegionAccessPointObject_isAnAccessPointObject() {
    // The S3 User Guide's Multi-Region Access Point permissions example; the Service
    // Authorization Reference's accesspointobject format has a Region, so the reader adds this one.
    assertThat(own("arn:aws:s3::123456789012:accesspoint/MultiRegionAccessPoint_alias/object/*"))
        .contains("s3:accesspointobject");
    assertThat(own("arn:aws:s3::123456789012:accesspoint/abc.mrap/object/key"))
        .contains("s3:accesspointobject");
    // The Regional form still is one, and a bucket object is not.
    assertThat(own("arn:aws:s3:us-east-1:123456789012:accesspoint/ap/object/key"))
        .contains("s3:accesspointobject");
    assertThat(own("arn:aws:s3:::bucket/key")).doesNotContain("s3:accesspointobject");
    // The access point itself, for s3:ListBucket (same page).
    assertThat(own("arn:aws:s3::123456789012:accesspoint/MultiRegionAccessPoint_alias"))
        .contains("s3:accesspoint");
  }

  @Test
  void matchingResourceTypes_ecsTaskWithCluster_isASessionManagerTask() {
    // The Amazon ECS page of the Service Authorization Reference writes a task ARN with its
    // cluster; the Systems Manager page still has the short form. Both are ssm:task.
    List<String> ssm =
        CATALOG
            .service("ssm")
            .orElseThrow()
            .matchingResourceTypes("arn:aws:ecs:*:*:task/*/*")
            .stream()
            .map(ResourceType::toString)
            .toList();
    assertThat(ssm).contains("ssm:task");
    assertThat(
            CATALOG
                .service("ssm")
                .orElseThrow()
                .matchingResourceTypes("arn:aws:ecs:us-east-1:111122223333:task/abc")
                .stream()
                .map(ResourceType::toString))
        .contains("ssm:task");
    // An ECS cluster is not a task.
    assertThat(
            CATALOG
                .service("ssm")
                .orElseThrow()
                .matchingResourceTypes("arn:aws:ecs:us-east-1:111122223333:cluster/c")
                .stream()
                .map(ResourceType::toString))
        .doesNotContain("ssm:task");
  }

  @Test
  void matchingResourceTypes_outpostsObjectThroughAccessPoint_isAnObject() {
    // The S3 User Guide's S3 on Outposts replication prerequisites (destination access point
    // policy); the reference's object format names a bucket only.
    assertThat(
            own("arn:aws:s3-outposts:us-east-1:111122223333:outpost/op-1/accesspoint/ap/object/*"))
        .contains("s3-outposts:object");
    assertThat(own("arn:aws:s3-outposts:us-east-1:111122223333:outpost/op-1/accesspoint/ap"))
        .doesNotContain("s3-outposts:object");
  }

  @Test
  void matchingResourceTypes_notAnArn_isEmpty() {
    assertThat(CATALOG.matchingResourceTypes("*")).isEmpty();
    assertThat(CATALOG.matchingResourceTypes("my-bucket")).isEmpty();
    assertThat(CATALOG.matchingResourceTypes(ResourcePattern.of("*"))).isEmpty();
  }

  @Test
  void matchingResourceTypes_catalog_putsTheArnsServiceFirstThenOthers() {
    List<ResourceType> types = CATALOG.matchingResourceTypes("arn:aws:s3:::my-bucket");

    assertThat(types).first().hasToString("s3:bucket");
    assertThat(types).extracting(ResourceType::toString).contains("ssm:bucket");
    assertThat(types).allMatch(t -> t.matches("arn:aws:s3:::my-bucket"));
  }

  @Test
  void matchingResourceTypes_trailingStarInAccount_runsOnPastColons() {
    // docs/semantics.md §4.5 and §12.2: arn:aws:iam::* covers arn:aws:iam::111122223333:user/alice.
    assertThat(own("arn:aws:iam::*")).contains("iam:role", "iam:user", "iam:policy");
    // A star inside a segment does not cross a colon.
    assertThat(own("arn:aws:iam::1*3:user/alice")).containsExactly("iam:user");
  }

  @Test
  void matchingResourceTypes_policyVariable_standsForAnyText() {
    ResourcePattern home = ResourcePattern.of("arn:aws:s3:::bucket/home/${aws:username}/*");
    ResourcePattern bucket = ResourcePattern.of("arn:aws:s3:::${aws:PrincipalTag/bucket}");

    assertThat(CATALOG.service("s3").orElseThrow().matchingResourceTypes(home))
        .extracting(ResourceType::toString)
        .containsExactly("s3:object");
    assertThat(CATALOG.service("s3").orElseThrow().matchingResourceTypes(bucket))
        .extracting(ResourceType::toString)
        .containsExactly("s3:bucket", "s3:object");
  }

  @Test
  void matchingResourceTypes_stringWithDollarBraces_isLiteral() {
    // Without a policy's Version, ${...} is text; it still names an object key.
    assertThat(own("arn:aws:s3:::bucket/${x}")).containsExactly("s3:object");
  }

  @Test
  void matchingResourceTypes_wildcardService_searchesEveryService() {
    List<ResourceType> types = CATALOG.matchingResourceTypes("arn:aws:s?:::my-bucket");

    assertThat(types).extracting(ResourceType::toString).contains("s3:bucket");
  }

  @Test
  void matches_resourceType_agreesWithTheServiceSearch() {
    ResourceType object = CATALOG.resourceType("s3", "object").orElseThrow();

    assertThat(object.matches("arn:aws:s3:::b/k")).isTrue();
    assertThat(object.matches("arn:aws:s3:::b")).isFalse();
    assertThat(object.matches(ResourcePattern.of("arn:aws:s3:::b/*"))).isTrue();
    assertThat(object.matches("*")).isFalse();
  }

  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");

  /** A concrete ARN of a format: placeholders filled in, the format's own wildcards too. */
  private static String sample(String format) {
    Matcher m = PLACEHOLDER.matcher(format);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value =
          switch (m.group(1)) {
            case "Partition" -> "aws";
            case "Region" -> "us-east-1";
            case "Account" -> "123456789012";
            default -> "x1";
          };
      m.appendReplacement(out, value);
    }
    m.appendTail(out);
    return out.toString().replace("*", "zz");
  }

  /** Every documented format: a sample ARN of it is found as its own type, both ways. */
  @Test
  void matchingResourceTypes_sampleOfEveryFormat_findsItsOwnType() {
    List<String> failures = new ArrayList<>();
    int formats = 0;
    for (Service service : CATALOG.services()) {
      for (ResourceType type : service.resourceTypes()) {
        for (String format : type.arnFormats()) {
          formats++;
          String arn = sample(format);
          if (!type.matches(arn)) {
            failures.add(type + " does not match " + arn);
          }
          if (!service.matchingResourceTypes(arn).contains(type)) {
            failures.add(service + " search misses " + type + " for " + arn);
          }
          boolean literalService = !format.split(":", -1)[2].contains("$");
          if (literalService && !CATALOG.matchingResourceTypes(arn).contains(type)) {
            failures.add("catalog search misses " + type + " for " + arn);
          }
        }
      }
    }

    assertThat(formats).isGreaterThan(2_300);
    assertThat(failures).isEmpty();
  }
}
