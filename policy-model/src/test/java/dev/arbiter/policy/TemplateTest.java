package dev.arbiter.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TemplateTest {

  private static Template.Variable variable(String key) {
    return new Template.Variable(new ConditionKey(key), Optional.empty());
  }

  @Test
  void parse_variableWithDefault_keepsDefaultText() {
    assertThat(Template.parse("${aws:PrincipalTag/team, 'Company Wide'}").parts())
        .containsExactly(
            new Template.Variable(
                new ConditionKey("aws:PrincipalTag/team"), Optional.of("Company Wide")));
  }

  @Test
  void parse_defaultWithoutSpaceAfterComma_isAccepted() {
    assertThat(Template.parse("${a:b,'x'}").parts())
        .containsExactly(new Template.Variable(new ConditionKey("a:b"), Optional.of("x")));
  }

  @Test
  void parse_specialVariables_areLiteralCharacters() {
    assertThat(Template.parse("a${*}b${?}c${$}d").parts())
        .containsExactly(new Template.Literal("a*b?c$d"));
  }

  @Test
  void parse_wildcardsAndVariables_inOrder() {
    assertThat(Template.parse("arn:aws:s3:::b/${aws:username}/?*").parts())
        .containsExactly(
            new Template.Literal("arn:aws:s3:::b/"),
            variable("aws:username"),
            new Template.Literal("/"),
            new Template.Wildcard('?'),
            new Template.Wildcard('*'));
  }

  @Test
  void parse_loneDollarAndBraces_areText() {
    assertThat(Template.parse("a$b}{c$").parts()).containsExactly(new Template.Literal("a$b}{c$"));
  }

  @Test
  void withoutVariables_keepsDollarBraceAsText() {
    assertThat(Template.withoutVariables("${aws:username}*").parts())
        .containsExactly(new Template.Literal("${aws:username}"), new Template.Wildcard('*'));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          ${aws:username               | MISSING_BRACE_IN_VARIABLE
          x${a:b, 'c'                  | MISSING_BRACE_IN_VARIABLE
          ${}                          | EMPTY_VARIABLE
          ${ aws:username}             | UNSUPPORTED_SPACE_IN_VARIABLE
          ${aws:username }             | UNSUPPORTED_SPACE_IN_VARIABLE
          ${aws:user name}             | UNSUPPORTED_SPACE_IN_VARIABLE
          ${aws:username, default}     | MISSING_QUOTE_IN_VARIABLE
          ${aws:username, 'default}    | MISSING_QUOTE_IN_VARIABLE
          ${aws:username,}             | MISSING_QUOTE_IN_VARIABLE
          ${aws:user*}                 | MALFORMED_VARIABLE
          ${a:b${c:d}}                 | MALFORMED_VARIABLE
          """)
  void parse_malformedVariable_isReportedWithItsCode(String text, String code) {
    assertThatThrownBy(() -> Template.parse(text))
        .isInstanceOfSatisfying(
            PolicyParseException.class, e -> assertThat(e.problem().code()).isEqualTo(code));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          arn:aws:s3:::b/${aws:username}/*
          a${*}b${?}c${$}d*
          ${a:b, 'x y'}?
          plain
          """)
  void toString_parsesBackToEqualTemplate(String text) {
    Template template = Template.parse(text);
    assertThat(Template.parse(template.toString())).isEqualTo(template);
  }
}
