package dev.arbiter.iac.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.iac.EmbeddedPolicy;
import dev.arbiter.iac.S3PublicAccessBlock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * A bucket policy of a plan gets the S3 Block Public Access settings of the {@code
 * aws_s3_bucket_public_access_block} on its bucket and of every {@code
 * aws_s3_account_public_access_block}; a value unknown at plan time reads as off.
 */
class PlanPublicAccessBlockTest {
  private static final String POLICY =
      Plans.quote(
          "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\","
              + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::b/*\"}]}");

  /** A plan of root-module resources: after, after_unknown and configured expressions of each. */
  private static final class Plan {
    private final List<String> changes = new ArrayList<>();
    private final List<String> configured = new ArrayList<>();

    Plan add(String address, String after, String unknown, @Nullable String expressions) {
      String type = address.substring(0, address.indexOf('.'));
      String rest = address.substring(address.indexOf('.') + 1);
      String name = rest.contains("[") ? rest.substring(0, rest.indexOf('[')) : rest;
      changes.add(
          "{\"address\": "
              + Plans.quote(address)
              + ", \"mode\": \"managed\", \"type\": \""
              + type
              + "\", \"name\": \""
              + name
              + "\", \"change\": {\"actions\": [\"create\"], \"before\": null, \"after\": "
              + after
              + ", \"after_unknown\": "
              + unknown
              + "}}");
      if (expressions != null) {
        configured.add(
            "{\"address\": \""
                + type
                + "."
                + name
                + "\", \"mode\": \"managed\", \"type\": \""
                + type
                + "\", \"name\": \""
                + name
                + "\", \"expressions\": "
                + expressions
                + "}");
      }
      return this;
    }

    Map<String, S3PublicAccessBlock> settings() {
      String plan =
          "{\"format_version\": \"1.2\", \"resource_changes\": ["
              + String.join(",\n", changes)
              + "]"
              + (configured.isEmpty()
                  ? ""
                  : ", \"configuration\": {\"root_module\": {\"resources\": ["
                      + String.join(",\n", configured)
                      + "]}}")
              + "}";
      return Plans.read(plan).stream()
          .collect(
              Collectors.toMap(
                  EmbeddedPolicy::resource,
                  EmbeddedPolicy::s3PublicAccessBlock,
                  (a, b) -> a,
                  LinkedHashMap::new));
    }
  }

  private static String refs(String... references) {
    return "{\"references\": ["
        + java.util.Arrays.stream(references).map(Plans::quote).collect(Collectors.joining(", "))
        + "]}";
  }

  private static String policyOn(@Nullable String bucket) {
    return "{"
        + (bucket == null ? "" : "\"bucket\": " + Plans.quote(bucket) + ", ")
        + "\"policy\": "
        + POLICY
        + "}";
  }

  @Test
  void bucketBlock_byKnownName_attachesItsKnownSettings_andAnUnknownOneIsOff() {
    Map<String, S3PublicAccessBlock> found =
        new Plan()
            .add("aws_s3_bucket_policy.logs", policyOn("logs-example"), "{}", null)
            .add(
                "aws_s3_bucket_public_access_block.logs",
                "{\"bucket\": \"logs-example\", \"block_public_policy\": true}",
                "{\"restrict_public_buckets\": true}",
                null)
            .add("aws_s3_bucket_policy.open", policyOn("open-example"), "{}", null)
            .settings();

    assertThat(found.get("aws_s3_bucket_policy.logs"))
        .isEqualTo(
            new S3PublicAccessBlock(
                true, false, List.of("aws_s3_bucket_public_access_block.logs")));
    assertThat(found.get("aws_s3_bucket_policy.open")).isEqualTo(S3PublicAccessBlock.NONE);
  }

  @Test
  void bucketBlock_byReferencesToTheSameBucket_whenBothNamesAreUnknown() {
    String site = refs("aws_s3_bucket.site.id", "aws_s3_bucket.site");
    Map<String, S3PublicAccessBlock> found =
        new Plan()
            .add(
                "aws_s3_bucket_policy.site",
                policyOn(null),
                "{\"bucket\": true}",
                "{\"bucket\": " + site + "}")
            .add(
                "aws_s3_bucket_public_access_block.site",
                "{\"restrict_public_buckets\": true}",
                "{\"bucket\": true}",
                "{\"bucket\": " + site + "}")
            .add(
                "aws_s3_bucket_policy.other",
                policyOn(null),
                "{\"bucket\": true}",
                "{\"bucket\": " + refs("aws_s3_bucket.other.id", "aws_s3_bucket.other") + "}")
            .add(
                "aws_s3_bucket_policy.viaVariable",
                policyOn(null),
                "{\"bucket\": true}",
                "{\"bucket\": " + refs("var.bucket") + "}")
            .settings();

    assertThat(
            Objects.requireNonNull(found.get("aws_s3_bucket_policy.site")).restrictPublicBuckets())
        .isTrue();
    assertThat(found.get("aws_s3_bucket_policy.other")).isEqualTo(S3PublicAccessBlock.NONE);
    assertThat(found.get("aws_s3_bucket_policy.viaVariable")).isEqualTo(S3PublicAccessBlock.NONE);
  }

  @Test
  void instancesOfCountOrForEach_areNotTiedByReferences() {
    String site = refs("aws_s3_bucket.site");
    Map<String, S3PublicAccessBlock> found =
        new Plan()
            .add(
                "aws_s3_bucket_policy.site[0]",
                policyOn(null),
                "{\"bucket\": true}",
                "{\"bucket\": " + site + "}")
            .add(
                "aws_s3_bucket_public_access_block.site[1]",
                "{\"restrict_public_buckets\": true}",
                "{\"bucket\": true}",
                "{\"bucket\": " + site + "}")
            .settings();

    assertThat(found.get("aws_s3_bucket_policy.site[0]")).isEqualTo(S3PublicAccessBlock.NONE);
  }

  @Test
  void accountBlock_appliesToEveryBucketPolicy_andAnUnknownSettingIsOff() {
    Function<String, Map<String, S3PublicAccessBlock>> plan =
        restrictUnknown ->
            new Plan()
                .add(
                    "aws_s3_account_public_access_block.this",
                    "{\"restrict_public_buckets\": true, \"block_public_policy\": false}",
                    restrictUnknown,
                    null)
                .add("aws_s3_bucket_policy.a", policyOn("a-example"), "{}", null)
                .add("aws_s3_bucket_policy.b", policyOn(null), "{\"bucket\": true}", null)
                .add("aws_sqs_queue_policy.q", "{\"policy\": " + POLICY + "}", "{}", null)
                .settings();

    Map<String, S3PublicAccessBlock> known = plan.apply("{}");
    S3PublicAccessBlock account =
        new S3PublicAccessBlock(
            false, true, List.of("aws_s3_account_public_access_block.this (account)"));
    assertThat(known.get("aws_s3_bucket_policy.a")).isEqualTo(account);
    assertThat(known.get("aws_s3_bucket_policy.b")).isEqualTo(account);
    assertThat(known.get("aws_sqs_queue_policy.q")).isEqualTo(S3PublicAccessBlock.NONE);

    Map<String, S3PublicAccessBlock> unknown = plan.apply("{\"restrict_public_buckets\": true}");
    assertThat(unknown.get("aws_s3_bucket_policy.a")).isEqualTo(S3PublicAccessBlock.NONE);
  }

  @Test
  void accountAndBucketLevels_combine() {
    Map<String, S3PublicAccessBlock> found =
        new Plan()
            .add(
                "aws_s3_account_public_access_block.this",
                "{\"block_public_policy\": true}",
                "{}",
                null)
            .add("aws_s3_bucket_policy.a", policyOn("a-example"), "{}", null)
            .add(
                "aws_s3_bucket_public_access_block.a",
                "{\"bucket\": \"a-example\", \"restrict_public_buckets\": true}",
                "{}",
                null)
            .settings();

    S3PublicAccessBlock a = Objects.requireNonNull(found.get("aws_s3_bucket_policy.a"));
    assertThat(a.blockPublicPolicy()).isTrue();
    assertThat(a.restrictPublicBuckets()).isTrue();
    assertThat(a.setBy())
        .containsExactly(
            "aws_s3_account_public_access_block.this (account)",
            "aws_s3_bucket_public_access_block.a");
  }

  @Test
  void directoryBucketPolicy_getsNoSettings() {
    Map<String, S3PublicAccessBlock> found =
        new Plan()
            .add(
                "aws_s3_account_public_access_block.this",
                "{\"restrict_public_buckets\": true}",
                "{}",
                null)
            .add("aws_s3_bucket_policy.x", policyOn("fast--usw2-az1--x-s3"), "{}", null)
            .settings();

    assertThat(found.get("aws_s3_bucket_policy.x")).isEqualTo(S3PublicAccessBlock.NONE);
  }
}
