package dev.arbiter.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QueryTest {

  @Test
  void parse_can_withContext() {
    Query query =
        Query.parse(
            "can user/alice s3:GetObject arn:aws:s3:::reports/q1.csv with aws:SourceIp = 203.0.113.5,"
                + " aws:TagKeys = [team, env], aws:PrincipalTag/cost-center = \"R&D, west\"");
    assertThat(query)
        .isEqualTo(
            new Query.Can(
                "user/alice",
                "s3:GetObject",
                "arn:aws:s3:::reports/q1.csv",
                Map.of(
                    "aws:SourceIp", List.of("203.0.113.5"),
                    "aws:TagKeys", List.of("team", "env"),
                    "aws:PrincipalTag/cost-center", List.of("R&D, west"))));
  }

  @Test
  void parse_whoCan_keywordsIgnoreCase() {
    assertThat(Query.parse("WHO Can iam:PassRole *"))
        .isEqualTo(new Query.WhoCan("iam:PassRole", "*", Map.of()));
  }

  @Test
  void parse_whatCan_withOnAndIn() {
    assertThat(Query.parse("what can role/deploy/ci-run do on arn:aws:s3:::artifacts/* in s3"))
        .isEqualTo(
            new Query.WhatCan(
                "role/deploy/ci-run",
                Optional.of("arn:aws:s3:::artifacts/*"),
                Optional.of("s3"),
                Map.of()));
    assertThat(Query.parse("what can arn:aws:iam::111122223333:user/bob do"))
        .isEqualTo(
            new Query.WhatCan(
                "arn:aws:iam::111122223333:user/bob",
                Optional.empty(),
                Optional.empty(),
                Map.of()));
  }

  @Test
  void parse_emptyList_isAnEmptySet() {
    Query.Can can = (Query.Can) Query.parse("can user/a s3:GetObject * with aws:TagKeys = []");
    assertThat(can.context()).containsEntry("aws:TagKeys", List.of());
  }

  @Test
  void parse_quotedValueWithEscapes() {
    Query.Can can = (Query.Can) Query.parse("can user/a s3:GetObject * with k:x = 'it\\'s'");
    assertThat(can.context()).containsEntry("k:x", List.of("it's"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          can user/alice                                  | 15 | expected an action (such as s3:GetObject), got end of query
          can user/alice s3:GetObject                     | 28 | expected a resource (an ARN or *), got end of query
          who iam:PassRole *                              | 5  | expected 'can', got 'iam:PassRole'
          what can role/x                                 | 16 | expected 'do', got end of query
          can user/a s3:GetObject * with                  | 31 | expected a condition key (such as aws:SourceIp = 203.0.113.5), got end of query
          can user/a s3:GetObject * with aws:SourceIp     | 44 | expected '=', got end of query
          can user/a s3:GetObject * with k:a = [x, y      | 43 | expected a value, ',' or ']', got end of query
          can user/a s3:GetObject * extra                 | 27 | expected 'with' or the end of the query, got 'extra'
          delete everything                               | 1  | expected 'can', 'who can' or 'what can', got 'delete'
          can user/a s3:GetObject * with k:a = "open      | 38 | expected a value or a [list, of, values], got a quote that is never closed
          """)
  void parse_badQuery_saysWhereAndWhatWasExpected(String text, int column, String message) {
    assertThatThrownBy(() -> Query.parse(text))
        .isInstanceOfSatisfying(
            QuerySyntaxException.class,
            e -> {
              assertThat(e.problem()).isEqualTo(message);
              assertThat(e.column()).isEqualTo(column);
            });
  }

  @Test
  void parse_duplicateKey_isAnError() {
    assertThatThrownBy(() -> Query.parse("can u/a s3:x * with aws:a = 1, AWS:A = 2"))
        .isInstanceOf(QuerySyntaxException.class)
        .hasMessageContaining("given twice");
  }

  @Test
  void parse_blank_isAnError() {
    assertThatThrownBy(() -> Query.parse("  ")).hasMessageContaining("empty query");
  }
}
