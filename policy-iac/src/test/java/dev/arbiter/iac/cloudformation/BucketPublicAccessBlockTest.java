package dev.arbiter.iac.cloudformation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.iac.EmbeddedPolicy;
import dev.arbiter.iac.Placeholders;
import dev.arbiter.iac.S3PublicAccessBlock;
import dev.arbiter.iac.Templates;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A bucket policy gets the S3 Block Public Access settings of its bucket's {@code
 * PublicAccessBlockConfiguration} in the same template; a value not known offline reads as off.
 */
class BucketPublicAccessBlockTest {
  private static final String POLICY =
      "{Version: '2012-10-17', Statement: [{Effect: Allow, Principal: '*', Action: 's3:GetObject',"
          + " Resource: 'arn:aws:s3:::b/*'}]}";

  private static String template(String bucketProperties, String policyBucket) {
    return "Parameters:\n"
        + "  Mode: {Type: String}\n"
        + "  Restrict: {Type: String}\n"
        + "Conditions:\n"
        + "  Strict: !Equals [!Ref Mode, strict]\n"
        + "Resources:\n"
        + "  Site:\n"
        + "    Type: AWS::S3::Bucket\n"
        + "    Properties:\n"
        + bucketProperties
        + "  SitePolicy:\n"
        + "    Type: AWS::S3::BucketPolicy\n"
        + "    Properties:\n"
        + "      Bucket: "
        + policyBucket
        + "\n      PolicyDocument: "
        + POLICY
        + "\n";
  }

  private static S3PublicAccessBlock settings(String yaml, Map<String, String> parameters) {
    List<EmbeddedPolicy> found =
        Templates.read(
                "t.yaml",
                yaml.getBytes(StandardCharsets.UTF_8),
                Optional.empty(),
                new Templates.Options(Placeholders.DEFAULT, Set.of(), parameters))
            .policies();
    assertThat(found).hasSize(1);
    return found.get(0).s3PublicAccessBlock();
  }

  private static S3PublicAccessBlock settings(String yaml) {
    return settings(yaml, Map.of());
  }

  @Test
  void ref_restrictPublicBucketsOn_isAttachedWithWhereItIsSet() {
    S3PublicAccessBlock settings =
        settings(
            template(
                "      PublicAccessBlockConfiguration: {BlockPublicAcls: true,"
                    + " RestrictPublicBuckets: true}\n",
                "!Ref Site"));

    assertThat(settings.restrictPublicBuckets()).isTrue();
    assertThat(settings.blockPublicPolicy()).isFalse();
    assertThat(settings.setBy())
        .containsExactly("Site /Resources/Site/Properties/PublicAccessBlockConfiguration");
    assertThat(settings.effect())
        .contains("restricts it: with RestrictPublicBuckets on")
        .doesNotContain("BlockPublicPolicy");
  }

  @Test
  void literalName_matchesTheBucketsKnownName_andAStringTrueIsOn() {
    S3PublicAccessBlock settings =
        settings(
            template(
                """
                      BucketName: site-example
                      PublicAccessBlockConfiguration: {BlockPublicPolicy: 'true'}
                """,
                "site-example"));

    assertThat(settings.blockPublicPolicy()).isTrue();
    assertThat(settings.restrictPublicBuckets()).isFalse();
    assertThat(settings.effect()).contains("refuses it: with BlockPublicPolicy on");
  }

  @Test
  void withoutSettings_orAllOff_orAnotherBucket_none() {
    assertThat(settings(template("      BucketName: site-example\n", "!Ref Site")))
        .isEqualTo(S3PublicAccessBlock.NONE);
    assertThat(
            settings(
                template(
                    "      PublicAccessBlockConfiguration: {BlockPublicPolicy: false,"
                        + " RestrictPublicBuckets: false}\n",
                    "!Ref Site")))
        .isEqualTo(S3PublicAccessBlock.NONE);
    // A name that is not the template bucket's (the logical ID is not its name).
    assertThat(
            settings(
                template(
                    "      PublicAccessBlockConfiguration: {RestrictPublicBuckets: true}\n",
                    "Site")))
        .isEqualTo(S3PublicAccessBlock.NONE);
    assertThat(
            settings(
                template(
                    """
                          BucketName: site-example
                          PublicAccessBlockConfiguration: {RestrictPublicBuckets: true}
                    """,
                    "other-bucket")))
        .isEqualTo(S3PublicAccessBlock.NONE);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "!If [Strict, true, false]", // a condition the values given do not decide
        "!Ref Restrict", // a parameter without a default
        "!ImportValue SharedRestrict",
        "'{{resolve:ssm:/bpa/restrict}}'"
      })
  void unknownSetting_readsAsOff(String value) {
    S3PublicAccessBlock settings =
        settings(
            template(
                "      PublicAccessBlockConfiguration:\n"
                    + "        RestrictPublicBuckets: "
                    + value
                    + "\n        BlockPublicPolicy: "
                    + value
                    + "\n",
                "!Ref Site"));

    assertThat(settings).isEqualTo(S3PublicAccessBlock.NONE);
  }

  @Test
  void unknownBucket_hasNoSettings() {
    assertThat(
            settings(
                template(
                    """
                          BucketName: !ImportValue SharedName
                          PublicAccessBlockConfiguration: {RestrictPublicBuckets: true}
                    """,
                    "!ImportValue SharedName")))
        .isEqualTo(S3PublicAccessBlock.NONE);
    assertThat(
            settings(
                template(
                    "      PublicAccessBlockConfiguration: {RestrictPublicBuckets: true}\n",
                    "!If [Strict, !Ref Site, other-bucket]")))
        .isEqualTo(S3PublicAccessBlock.NONE);
  }

  @Test
  void conditionDecidedByGivenParameters_decidesTheSetting() {
    String yaml =
        template(
            "      PublicAccessBlockConfiguration: {RestrictPublicBuckets: !If [Strict, true,"
                + " false]}\n",
            "!Ref Site");

    assertThat(settings(yaml, Map.of("Mode", "strict")).restrictPublicBuckets()).isTrue();
    assertThat(settings(yaml, Map.of("Mode", "lax"))).isEqualTo(S3PublicAccessBlock.NONE);
    assertThat(settings(yaml, Map.of("Restrict", "true"))).isEqualTo(S3PublicAccessBlock.NONE);
  }

  @Test
  void otherResourcePolicies_getNoSettings() {
    String yaml =
        "Resources:\n"
            + "  Site:\n"
            + "    Type: AWS::S3::Bucket\n"
            + "    Properties:\n"
            + "      PublicAccessBlockConfiguration: {RestrictPublicBuckets: true}\n"
            + "  Point:\n"
            + "    Type: AWS::S3::AccessPoint\n"
            + "    Properties:\n"
            + "      Bucket: !Ref Site\n"
            + "      Policy: "
            + POLICY
            + "\n";

    assertThat(settings(yaml)).isEqualTo(S3PublicAccessBlock.NONE);
  }
}
