package dev.arbiter.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyParseTest {

  @Test
  void parse_fullStatement_buildsTypedTree() {
    Policy policy =
        Policy.parse(
            """
            {
              "Version": "2012-10-17",
              "Id": "example",
              "Statement": [{
                "Sid": "ReadOwnHome",
                "Effect": "Allow",
                "Action": ["s3:GetObject", "s3:List*"],
                "Resource": "arn:aws:s3:::bucket/home/${aws:username}/*",
                "Condition": {
                  "StringEquals": {"aws:PrincipalTag/team": ["red", "blue"]},
                  "ForAnyValue:StringLikeIfExists": {"aws:TagKeys": "env*"},
                  "NumericLessThan": {"s3:max-keys": 10}
                }
              }]
            }
            """);

    assertThat(policy.version()).contains(PolicyVersion.V2012_10_17);
    assertThat(policy.id()).contains("example");
    Statement statement = policy.statements().get(0);
    assertThat(statement.sid()).contains("ReadOwnHome");
    assertThat(statement.effect()).isEqualTo(Effect.ALLOW);
    assertThat(statement.actions().negated()).isFalse();
    assertThat(statement.actions().patterns())
        .extracting(ActionPattern::service, ActionPattern::name)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("s3", "GetObject"),
            org.assertj.core.groups.Tuple.tuple("s3", "List*"));
    ResourcePattern resource = statement.resources().orElseThrow().patterns().get(0);
    assertThat(resource.template().parts())
        .containsExactly(
            new Template.Literal("arn:aws:s3:::bucket/home/"),
            new Template.Variable(new ConditionKey("aws:username"), java.util.Optional.empty()),
            new Template.Literal("/"),
            new Template.Wildcard('*'));
    assertThat(statement.conditions()).hasSize(3);
    Condition tags = statement.conditions().get(1);
    assertThat(tags.operator().qualifier()).isEqualTo(SetQualifier.FOR_ANY_VALUE);
    assertThat(tags.operator().base()).isEqualTo(BaseOperator.STRING_LIKE);
    assertThat(tags.operator().ifExists()).isTrue();
    Condition number = statement.conditions().get(2);
    assertThat(number.values().get(0).text()).isEqualTo("10");
    assertThat(number.values().get(0).jsonType()).isEqualTo(ConditionValue.JsonType.NUMBER);
  }

  @Test
  void parse_singleStatementObject_equalsArrayOfOne() {
    Policy single =
        Policy.parse(
            "{\"Statement\": {\"Effect\": \"Deny\", \"Action\": \"*\", \"Resource\": \"*\"}}");
    Policy array =
        Policy.parse(
            "{\"Statement\": [{\"Effect\": \"Deny\", \"Action\": [\"*\"], \"Resource\": [\"*\"]}]}");
    assertThat(single).isNotEqualTo(array);
    assertThat(single.withoutLocations()).isEqualTo(array.withoutLocations());
    assertThat(single.statements().get(0).location().pointer()).hasToString("/Statement");
    assertThat(array.statements().get(0).location().pointer()).hasToString("/Statement/0");
  }

  @Test
  void equals_sameContentLaidOutDifferently_differsUnlessLocationsAreDropped() {
    Policy compact =
        Policy.parse("{\"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\"}]}");
    Policy spread =
        Policy.parse(
            "{\n  \"Statement\": [\n    {\"Effect\": \"Allow\",\n     \"Action\": \"s3:GetObject\"}]}");
    Statement first = compact.statements().get(0);
    Statement second = spread.statements().get(0);
    assertThat(first.location()).isNotEqualTo(second.location());
    assertThat(java.util.Set.of(first.location(), second.location())).hasSize(2);
    assertThat(first).isNotEqualTo(second);
    assertThat(first.withoutLocations()).isEqualTo(second.withoutLocations());
    assertThat(first.withoutLocations()).hasSameHashCodeAs(second.withoutLocations());
    assertThat(compact.withoutLocations()).isEqualTo(spread.withoutLocations());
    assertThat(
            compact.withoutLocations().statements().get(0).actions().patterns().get(0).location())
        .isEqualTo(SourceLocation.UNKNOWN);
    assertThat(Policy.parse(compact.toJson().getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        .isNotEqualTo(compact);
  }

  @Test
  void parse_booleanAndNumberConditionValues_keepTheirJsonText() {
    Policy policy =
        Policy.parse(
            """
            {"Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*",
              "Condition": {"Bool": {"aws:SecureTransport": true}, "NumericEquals": {"k:n": 1.50}}}}
            """);
    List<Condition> conditions = policy.statements().get(0).conditions();
    assertThat(conditions.get(0).values().get(0).text()).isEqualTo("true");
    assertThat(conditions.get(0).values().get(0).jsonType())
        .isEqualTo(ConditionValue.JsonType.BOOLEAN);
    assertThat(conditions.get(1).values().get(0).text()).isEqualTo("1.50");
  }

  @Test
  void parse_withoutVersion_variablesAreLiteralText() {
    Policy policy =
        Policy.parse(
            "{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\": \"arn:aws:s3:::b/${aws:username}/*\"}}");
    Template template =
        policy.statements().get(0).resources().orElseThrow().patterns().get(0).template();
    assertThat(template.hasVariables()).isFalse();
    assertThat(template.parts())
        .containsExactly(
            new Template.Literal("arn:aws:s3:::b/${aws:username}/"), new Template.Wildcard('*'));
    assertThat(policy.variablesEnabled()).isFalse();
  }

  @Test
  void parse_legacyVersion_variablesAreLiteralText() {
    Policy policy =
        Policy.parse(
            "{\"Version\": \"2008-10-17\", \"Statement\": {\"Effect\": \"Allow\", \"Action\": \"s3:*\","
                + " \"Resource\": \"*\", \"Condition\": {\"StringEquals\": {\"aws:username\": \"${aws:username}\"}}}}");
    assertThat(policy.statements().get(0).conditions().get(0).values().get(0).template())
        .isEqualTo(Template.literal("${aws:username}"));
  }

  @Test
  void parse_numericOperator_takesNoVariablesOrWildcards() {
    Policy policy =
        Policy.parse(
            "{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\", \"Action\": \"s3:*\","
                + " \"Resource\": \"*\", \"Condition\": {\"NumericEquals\": {\"s3:max-keys\": \"${x}*\"}}}}");
    assertThat(policy.statements().get(0).conditions().get(0).values().get(0).template())
        .isEqualTo(Template.literal("${x}*"));
  }

  @Test
  void parse_principalForms_areClassified() {
    Policy policy =
        Policy.parse(
            """
            {"Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*",
              "Principal": {
                "AWS": ["*", "111122223333", "arn:aws:iam::111122223333:root",
                        "arn:aws:iam::111122223333:user/a/b", "arn:aws:iam::111122223333:role/r",
                        "arn:aws:sts::111122223333:assumed-role/r/s",
                        "arn:aws:sts::111122223333:federated-user/f", "AIDAJQABLZS4A3QDU576Q",
                        "arn:aws:iam::111122223333:group/g"],
                "Service": "s3.amazonaws.com",
                "Federated": "accounts.google.com",
                "CanonicalUser": "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"}}}
            """);
    Principals principals = policy.statements().get(0).principals().orElseThrow();
    assertThat(principals.all())
        .extracting(Principal::kind)
        .containsExactly(
            Principal.Kind.EVERYONE,
            Principal.Kind.ACCOUNT,
            Principal.Kind.ROOT,
            Principal.Kind.USER,
            Principal.Kind.ROLE,
            Principal.Kind.ASSUMED_ROLE,
            Principal.Kind.FEDERATED_USER,
            Principal.Kind.UNIQUE_ID,
            Principal.Kind.UNRECOGNIZED,
            Principal.Kind.SERVICE,
            Principal.Kind.FEDERATED_PROVIDER,
            Principal.Kind.CANONICAL_USER);
    assertThat(principals.all().get(3).accountId()).contains("111122223333");
  }

  @Test
  void parse_principalStar_isWildcardElement() {
    Policy policy =
        Policy.parse(
            "{\"Statement\": {\"Effect\": \"Deny\", \"NotPrincipal\": \"*\", \"NotAction\": \"s3:*\", \"NotResource\": \"*\"}}");
    Statement statement = policy.statements().get(0);
    assertThat(statement.principals().orElseThrow().wildcard()).isTrue();
    assertThat(statement.principals().orElseThrow().negated()).isTrue();
    assertThat(statement.actions().negated()).isTrue();
    assertThat(statement.resources().orElseThrow().negated()).isTrue();
  }

  @Test
  void parse_emptyArraysAndObjects_areKept() {
    Policy policy =
        Policy.parse(
            "{\"Statement\": {\"Effect\": \"Allow\", \"Action\": [], \"Resource\": [], \"Principal\": {}, \"Condition\": {}}}");
    Statement statement = policy.statements().get(0);
    assertThat(statement.actions().patterns()).isEmpty();
    assertThat(statement.resources().orElseThrow().patterns()).isEmpty();
    assertThat(statement.principals().orElseThrow().values()).isEmpty();
    assertThat(statement.condition()).isPresent();
    assertThat(statement.conditions()).isEmpty();
  }

  @Test
  void parse_positions_pointAtEachElement() {
    Policy policy =
        Policy.parse(
            """
            {
              "Statement": [
                {"Effect": "Allow",
                 "Action": ["s3:GetObject",
                            "s3:PutObject"],
                 "Resource": "*",
                 "Condition": {"StringEquals": {"aws:username": "bob"}}}
              ]
            }
            """);
    Statement statement = policy.statements().get(0);
    assertThat(statement.location().position()).isEqualTo(new SourcePosition(3, 5));
    ActionPattern put = statement.actions().patterns().get(1);
    assertThat(put.location().pointer()).hasToString("/Statement/0/Action/1");
    assertThat(put.location().position()).isEqualTo(new SourcePosition(5, 17));
    Condition condition = statement.conditions().get(0);
    assertThat(condition.location().pointer())
        .hasToString("/Statement/0/Condition/StringEquals/aws:username");
    assertThat(condition.location().position()).isEqualTo(new SourcePosition(7, 37));
    assertThat(condition.operatorLocation().position()).isEqualTo(new SourcePosition(7, 20));
  }

  @Test
  void parse_unknownOperator_parsesAsUnknownForTheValidator() {
    Policy policy =
        Policy.parse(
            "{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\": \"*\","
                + " \"Condition\": {\"ForAnyValue:Stringlike\": {\"aws:TagKeys\": \"a\"}}}}");
    ConditionOperator operator = policy.statements().get(0).conditions().get(0).operator();
    assertThat(operator.isKnown()).isFalse();
    assertThat(operator.qualifier()).isEqualTo(SetQualifier.FOR_ANY_VALUE);
  }

  @Test
  void parse_bytesPathAndStream_agree() throws Exception {
    String json =
        "{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\": \"*\"}}";
    java.nio.file.Path file = java.nio.file.Files.createTempFile("policy", ".json");
    try {
      java.nio.file.Files.writeString(file, json);
      Policy fromString = Policy.parse(json);
      assertThat(Policy.parse(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
          .isEqualTo(fromString);
      assertThat(Policy.parse(file)).isEqualTo(fromString);
      assertThat(Policy.parse(java.nio.file.Files.newInputStream(file))).isEqualTo(fromString);
    } finally {
      java.nio.file.Files.delete(file);
    }
  }
}
