package dev.arbiter.iac.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.iac.EmbeddedPolicy;
import dev.arbiter.iac.Placeholders;
import dev.arbiter.iac.internal.LambdaPermissions.Field;
import dev.arbiter.iac.internal.LambdaPermissions.Permission;
import dev.arbiter.iac.internal.LambdaPermissions.Property;
import dev.arbiter.policy.JsonPointer;
import dev.arbiter.policy.SourcePosition;
import dev.arbiter.policy.json.Json;
import dev.arbiter.policy.json.JsonWriter;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The statement Lambda writes for a permission, and one policy per function: the one synthesizer
 * both readers use (their own tests check that they feed it the right properties).
 */
class LambdaPermissionsTest {
  private static final Placeholders P = new Placeholders("111122223333", "us-west-2", "aws");

  /** A permission {@code name} at line {@code line} with {@code fields} as property=value. */
  private static Permission permission(String name, int line, String... fields) {
    JsonPointer at = JsonPointer.ROOT.child("Resources").child(name).child("Properties");
    Map<Property, Field> map = new EnumMap<>(Property.class);
    int column = 1;
    for (String field : fields) {
      String[] parts = field.split("=", 2);
      Property property = Property.valueOf(parts[0]);
      boolean unknown = parts[1].startsWith("?");
      map.put(
          property,
          new Field(
              new Json.Str(unknown ? "{{unknown}}" : parts[1], new SourcePosition(line, column++)),
              at.child(parts[0]),
              unknown));
    }
    return new Permission(
        name, "AWS::Lambda::Permission", false, at, new SourcePosition(line, 1), map);
  }

  private static String compact(Permission permission) {
    return JsonWriter.compact(LambdaPermissions.statement(permission, P).statement());
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "*|\"*\"",
        "s3.amazonaws.com|{\"Service\":\"s3.amazonaws.com\"}",
        "444455556666|{\"AWS\":\"arn:aws:iam::444455556666:root\"}",
        "arn:aws:iam::444455556666:role/r|{\"AWS\":\"arn:aws:iam::444455556666:role/r\"}"
      })
  void statement_principal_isWhatLambdaStores(String principal, String expected) {
    assertThat(
            compact(
                permission(
                    "P", 1, "PRINCIPAL=" + principal, "ACTION=lambda:InvokeFunction", "TARGET=f")))
        .contains("\"Principal\":" + expected + ",");
  }

  @Test
  void statement_everyCondition_asLambdaSpellsIt() {
    assertThat(
            compact(
                permission(
                    "P",
                    1,
                    "STATEMENT_ID=s1",
                    "PRINCIPAL=s3.amazonaws.com",
                    "ACTION=lambda:InvokeFunction",
                    "TARGET=thumbs",
                    "QUALIFIER=live",
                    "SOURCE_ACCOUNT=111122223333",
                    "SOURCE_ARN=arn:aws:s3:::uploads",
                    "PRINCIPAL_ORG_ID=o-abc",
                    "FUNCTION_URL_AUTH_TYPE=AWS_IAM",
                    "EVENT_SOURCE_TOKEN=tok")))
        .isEqualTo(
            "{\"Sid\":\"s1\",\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"s3.amazonaws.com\"},"
                + "\"Action\":\"lambda:InvokeFunction\","
                + "\"Resource\":\"arn:aws:lambda:us-west-2:111122223333:function:thumbs:live\","
                + "\"Condition\":{\"StringEquals\":{\"AWS:SourceAccount\":\"111122223333\","
                + "\"aws:PrincipalOrgID\":\"o-abc\",\"lambda:FunctionUrlAuthType\":\"AWS_IAM\","
                + "\"lambda:EventSourceToken\":\"tok\"},"
                + "\"ArnLike\":{\"AWS:SourceArn\":\"arn:aws:s3:::uploads\"}}}");
  }

  @Test
  void functionArn_nameAndPartialArn_getThePlaceholders_anArnIsKept() {
    Placeholders p = new Placeholders("111122223333", "us-west-2", "aws-us-gov");
    assertThat(LambdaPermissions.functionArn("444455556666:function:f", null, p))
        .isEqualTo("arn:aws-us-gov:lambda:us-west-2:444455556666:function:f");
    assertThat(LambdaPermissions.functionArn("f", "", p))
        .isEqualTo("arn:aws-us-gov:lambda:us-west-2:111122223333:function:f");
    assertThat(LambdaPermissions.functionArn("arn:aws:lambda:eu-west-1:1:function:f", "7", p))
        .isEqualTo("arn:aws:lambda:eu-west-1:1:function:f:7");
  }

  @Test
  void statement_unknownValues_areListed_andAnUnknownTargetHasNoTarget() {
    LambdaPermissions.Statement s =
        LambdaPermissions.statement(
            permission(
                "P",
                1,
                "STATEMENT_ID=?",
                "PRINCIPAL=?",
                "ACTION=lambda:InvokeFunction",
                "TARGET=?",
                "SOURCE_ARN=?"),
            P);
    assertThat(s.statement().get("Sid")).isEmpty();
    assertThat(s.target()).isEmpty();
    assertThat(s.unknowns())
        .containsExactlyInAnyOrder(
            JsonPointer.parse("/Principal/AWS"),
            JsonPointer.parse("/Resource"),
            JsonPointer.parse("/Condition/ArnLike/AWS:SourceArn"));
  }

  @Test
  void statement_missingRequiredProperty_isUnknownNotGuessed() {
    LambdaPermissions.Statement s =
        LambdaPermissions.statement(permission("P", 1, "PRINCIPAL=*", "TARGET=f"), P);
    assertThat(s.unknowns()).containsExactly(JsonPointer.parse("/Action"));
  }

  @Test
  void statement_elementsKeepTheirPropertysPositionAndOrigin() {
    LambdaPermissions.Statement s =
        LambdaPermissions.statement(
            permission("P", 4, "PRINCIPAL=*", "ACTION=lambda:InvokeFunction", "TARGET=f"), P);
    assertThat(s.statement().get("Resource").orElseThrow().position())
        .isEqualTo(new SourcePosition(4, 3));
    assertThat(s.origins().get(JsonPointer.parse("/Resource")))
        .hasToString("/Resources/P/Properties/TARGET");
  }

  @Test
  void policy_statementsOnOneFunction_areOnePolicy_eachStatementKeepsItsResource() {
    List<LambdaPermissions.Statement> statements =
        List.of(
                permission(
                    "A",
                    1,
                    "PRINCIPAL=s3.amazonaws.com",
                    "ACTION=lambda:InvokeFunction",
                    "TARGET=f"),
                permission("Other", 2, "PRINCIPAL=*", "ACTION=lambda:InvokeFunction", "TARGET=g"),
                permission(
                    "B",
                    3,
                    "PRINCIPAL=sns.amazonaws.com",
                    "ACTION=lambda:InvokeFunction",
                    "TARGET=arn:aws:lambda:us-west-2:111122223333:function:f"),
                permission(
                    "C",
                    4,
                    "PRINCIPAL=*",
                    "ACTION=lambda:InvokeFunction",
                    "TARGET=f",
                    "QUALIFIER=v1"),
                permission("U1", 5, "PRINCIPAL=*", "ACTION=lambda:InvokeFunction", "TARGET=?"),
                permission("U2", 6, "PRINCIPAL=*", "ACTION=lambda:InvokeFunction", "TARGET=?"))
            .stream()
            .map(p -> LambdaPermissions.statement(p, P))
            .toList();
    List<List<LambdaPermissions.Statement>> groups = LambdaPermissions.byTarget(statements);
    assertThat(groups)
        .extracting(g -> g.stream().map(s -> s.permission().resource()).toList())
        .containsExactly(
            List.of("A", "B"), List.of("Other"), List.of("C"), List.of("U1"), List.of("U2"));

    EmbeddedPolicy merged = LambdaPermissions.policy(groups.get(0), List.of("IsProd is true"));
    assertThat(merged.resource()).isEqualTo("A");
    assertThat(merged.property()).hasToString("/Resources/A/Properties");
    assertThat(merged.branches()).containsExactly("IsProd is true");
    assertThat(merged.resourceAt(JsonPointer.parse("/Statement/0/Principal"))).isEqualTo("A");
    assertThat(merged.resourceAt(JsonPointer.parse("/Statement/1/Principal"))).isEqualTo("B");
    assertThat(merged.resourceAt(JsonPointer.ROOT)).isEqualTo("A");
    assertThat(merged.filePointer(JsonPointer.parse("/Statement/1/Principal/Service")))
        .hasToString("/Resources/B/Properties/PRINCIPAL");
    assertThat(merged.filePointer(JsonPointer.parse("/Statement/1")))
        .hasToString("/Resources/B/Properties");
    Json statement1 =
        ((Json.Arr) ((Json.Obj) merged.document()).get("Statement").orElseThrow())
            .elements()
            .get(1);
    assertThat(statement1.position()).isEqualTo(new SourcePosition(3, 1));
  }

  @Test
  void policy_unknownsAreRelativeToTheirStatement() {
    List<LambdaPermissions.Statement> statements =
        List.of(
                permission("A", 1, "PRINCIPAL=*", "ACTION=lambda:InvokeFunction", "TARGET=f"),
                permission(
                    "B",
                    2,
                    "PRINCIPAL=*",
                    "ACTION=lambda:InvokeFunction",
                    "TARGET=f",
                    "SOURCE_ARN=?"))
            .stream()
            .map(p -> LambdaPermissions.statement(p, P))
            .toList();
    EmbeddedPolicy merged = LambdaPermissions.policy(statements, List.of());
    assertThat(merged.unknowns())
        .containsExactly(JsonPointer.parse("/Statement/1/Condition/ArnLike/AWS:SourceArn"));
    assertThat(merged.touchesUnknown(JsonPointer.parse("/Statement/0"))).isFalse();
  }
}
