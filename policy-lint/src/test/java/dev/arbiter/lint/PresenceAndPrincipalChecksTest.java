package dev.arbiter.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.catalog.Catalog;
import dev.arbiter.policy.PolicyType;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Access Analyzer checks added for condition presence tests, service principals, OIDC audiences,
 * resource control policies and sensitive condition keys: each with an input that triggers it and a
 * near miss that must not.
 */
class PresenceAndPrincipalChecksTest {

  private static final Catalog CATALOG = Catalog.get();

  private static List<Finding> findings(PolicyType type, String code, String statements) {
    String policy = "{\"Version\": \"2012-10-17\", \"Statement\": [" + statements + "]}";
    Linter linter = Linter.builder().attach(Catalog.class, CATALOG).policyType(type).build();
    return linter.lint("p.json", policy).findings().stream()
        .filter(f -> f.code().equals(code))
        .toList();
  }

  private static String identity(String condition) {
    return "{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\","
        + " \"Resource\": \"arn:aws:s3:::example-bucket/*\", \"Condition\": {"
        + condition
        + "}}";
  }

  @Test
  void equivalentToNullFalse_stringLikeStar_isAPresenceTest() {
    assertThat(
            findings(
                PolicyType.IDENTITY,
                "EQUIVALENT_TO_NULL_FALSE",
                identity("\"StringLike\": {\"aws:PrincipalTag/team\": [\"a*\", \"*\"]}")))
        .singleElement()
        .satisfies(f -> assertThat(f.message()).contains("\"Null\": {\"aws:PrincipalTag/team\""));
    // IfExists makes it always true (another check), a prefix makes it a real test.
    assertThat(
            findings(
                PolicyType.IDENTITY,
                "EQUIVALENT_TO_NULL_FALSE",
                identity(
                    "\"StringLikeIfExists\": {\"aws:PrincipalTag/team\": \"*\"},"
                        + " \"StringLike\": {\"aws:PrincipalTag/unit\": \"a*\"}")))
        .isEmpty();
  }

  @Test
  void equivalentToNullTrue_stringNotLikeStar_isAnAbsenceTest() {
    assertThat(
            findings(
                PolicyType.IDENTITY,
                "EQUIVALENT_TO_NULL_TRUE",
                identity("\"StringNotLike\": {\"aws:PrincipalTag/team\": \"*\"}")))
        .hasSize(1);
    // With ForAllValues the outcome for an empty set of values decides; not reported.
    assertThat(
            findings(
                PolicyType.IDENTITY,
                "EQUIVALENT_TO_NULL_TRUE",
                identity(
                    "\"ForAllValues:StringNotLike\": {\"aws:TagKeys\": \"*\"},"
                        + " \"StringNotLike\": {\"aws:PrincipalTag/team\": \"a?\"}")))
        .isEmpty();
  }
}
