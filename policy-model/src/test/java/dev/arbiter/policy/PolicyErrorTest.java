package dev.arbiter.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicyErrorTest {

  private static PolicyParseException parseError(String json) {
    try {
      Policy.parse(json);
    } catch (PolicyParseException e) {
      return e;
    }
    throw new AssertionError("expected a parse error for " + json);
  }

  @Test
  void parse_wrongEffectCase_reportsPointerPositionAndAccepted() {
    PolicyParseException e =
        parseError(
            """
            {"Statement": [
              {"Effect": "allow", "Action": "s3:*", "Resource": "*"}
            ]}
            """);
    assertThat(e.pointer()).hasToString("/Statement/0/Effect");
    assertThat(e.position()).isEqualTo(new SourcePosition(2, 14));
    assertThat(e.getMessage())
        .isEqualTo(
            "2:14 at /Statement/0/Effect: Effect must be \"Allow\" or \"Deny\", got \"allow\"");
    assertThat(e.problem().code()).isEqualTo("INVALID_EFFECT");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          not JSON              | {"Statement": [}                                                       | JSON_SYNTAX_ERROR        | /Statement  | 1:16
          trailing content      | {"Statement": []} {}                                                   | JSON_SYNTAX_ERROR        | /           | 1:19
          top-level array       | []                                                                     | DATA_TYPE_MISMATCH       | /           | 1:1
          top-level string      | "policy"                                                               | DATA_TYPE_MISMATCH       | /           | 1:1
          duplicate key         | {"Statement": [], "Statement": []}                                     | JSON_SYNTAX_ERROR        | /Statement  | 1:19
          duplicate in stmt     | {"Statement": {"Effect": "Allow", "Effect": "Deny", "Action": "*"}}    | JSON_SYNTAX_ERROR        | /Statement/Effect | 1:35
          unknown top element   | {"Statement": [], "version": "2012-10-17"}                             | INVALID_POLICY_ELEMENT   | /version    | 1:19
          unknown stmt element  | {"Statement": {"Effect": "Allow", "Action": "*", "Resources": "*"}}    | INVALID_POLICY_ELEMENT   | /Statement/Resources | 1:50
          missing statement     | {"Version": "2012-10-17"}                                              | MISSING_STATEMENT        | /           | 1:1
          bad version           | {"Version": "2012-10-18", "Statement": []}                             | INVALID_VERSION          | /Version    | 1:13
          version number        | {"Version": 2012, "Statement": []}                                     | DATA_TYPE_MISMATCH       | /Version    | 1:13
          statement string      | {"Statement": "Allow"}                                                 | DATA_TYPE_MISMATCH       | /Statement  | 1:15
          statement entry num   | {"Statement": [1]}                                                     | DATA_TYPE_MISMATCH       | /Statement/0 | 1:16
          missing effect        | {"Statement": {"Action": "*", "Resource": "*"}}                        | MISSING_EFFECT           | /Statement  | 1:15
          effect number         | {"Statement": {"Effect": 1, "Action": "*"}}                            | DATA_TYPE_MISMATCH       | /Statement/Effect | 1:26
          missing action        | {"Statement": {"Effect": "Allow", "Resource": "*"}}                    | MISSING_ACTION           | /Statement  | 1:15
          action and notaction  | {"Statement": {"Effect": "Allow", "Action": "*", "NotAction": "s3:*"}} | UNSUPPORTED_ELEMENT_COMBINATION | /Statement/NotAction | 1:50
          resource both         | {"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*", "NotResource": "*"}} | UNSUPPORTED_ELEMENT_COMBINATION | /Statement/NotResource | 1:67
          principal both        | {"Statement": {"Effect": "Deny", "Action": "*", "Principal": "*", "NotPrincipal": "*"}} | UNSUPPORTED_ELEMENT_COMBINATION | /Statement/NotPrincipal | 1:67
          action number         | {"Statement": {"Effect": "Allow", "Action": 5}}                        | DATA_TYPE_MISMATCH       | /Statement/Action | 1:45
          action entry null     | {"Statement": {"Effect": "Allow", "Action": ["s3:*", null]}}           | DATA_TYPE_MISMATCH       | /Statement/Action/1 | 1:54
          resource object       | {"Statement": {"Effect": "Allow", "Action": "*", "Resource": {}}}      | DATA_TYPE_MISMATCH       | /Statement/Resource | 1:62
          principal arn string  | {"Statement": {"Effect": "Allow", "Action": "*", "Principal": "arn:aws:iam::111122223333:root"}} | INVALID_PRINCIPAL_FORMAT | /Statement/Principal | 1:63
          principal array       | {"Statement": {"Effect": "Allow", "Action": "*", "Principal": ["*"]}}  | INVALID_PRINCIPAL_FORMAT | /Statement/Principal | 1:63
          principal key         | {"Statement": {"Effect": "Allow", "Action": "*", "Principal": {"aws": "*"}}} | INVALID_PRINCIPAL_KEY | /Statement/Principal/aws | 1:64
          principal value num   | {"Statement": {"Effect": "Allow", "Action": "*", "Principal": {"AWS": 111122223333}}} | DATA_TYPE_MISMATCH | /Statement/Principal/AWS | 1:71
          sid number            | {"Statement": {"Sid": 1, "Effect": "Allow", "Action": "*"}}            | DATA_TYPE_MISMATCH       | /Statement/Sid | 1:23
          condition array       | {"Statement": {"Effect": "Allow", "Action": "*", "Condition": []}}     | DATA_TYPE_MISMATCH       | /Statement/Condition | 1:63
          condition op string   | {"Statement": {"Effect": "Allow", "Action": "*", "Condition": {"Bool": "true"}}} | DATA_TYPE_MISMATCH | /Statement/Condition/Bool | 1:72
          condition value obj   | {"Statement": {"Effect": "Allow", "Action": "*", "Condition": {"Bool": {"aws:x": {}}}}} | DATA_TYPE_MISMATCH | /Statement/Condition/Bool/aws:x | 1:82
          condition value null  | {"Statement": {"Effect": "Allow", "Action": "*", "Condition": {"Bool": {"aws:x": [null]}}}} | DATA_TYPE_MISMATCH | /Statement/Condition/Bool/aws:x/0 | 1:83
          nested value array    | {"Statement": {"Effect": "Allow", "Action": "*", "Condition": {"Bool": {"aws:x": [["a"]]}}}} | DATA_TYPE_MISMATCH | /Statement/Condition/Bool/aws:x/0 | 1:83
          missing brace         | {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "*", "Resource": "arn:aws:s3:::b/${aws:username"}} | MISSING_BRACE_IN_VARIABLE | /Statement/Resource | 1:87
          empty variable        | {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "*", "Resource": "arn:aws:s3:::b/${}"}} | EMPTY_VARIABLE | /Statement/Resource | 1:87
          space in variable     | {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "*", "Resource": "arn:aws:s3:::b/${aws: username}"}} | UNSUPPORTED_SPACE_IN_VARIABLE | /Statement/Resource | 1:87
          unquoted default      | {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"StringEquals": {"a:b": "${aws:username, x}"}}}} | MISSING_QUOTE_IN_VARIABLE | /Statement/Condition/StringEquals/a:b | 1:130
          unclosed quote        | {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"StringEquals": {"a:b": "${aws:username, 'x}"}}}} | MISSING_QUOTE_IN_VARIABLE | /Statement/Condition/StringEquals/a:b | 1:130
          """)
  void parse_badInput_reportsCodePointerAndPosition(
      String name, String json, String code, String pointer, String position) {
    PolicyParseException e = parseError(json);
    PolicyProblem problem = e.problem();
    assertThat(problem.code()).as(e.getMessage()).isEqualTo(code);
    assertThat(problem.pointer().tokens().isEmpty() ? "/" : problem.pointer().toString())
        .as(e.getMessage())
        .isEqualTo(pointer);
    assertThat(problem.position()).as(e.getMessage()).hasToString(position);
    assertThat(problem.message()).isNotBlank();
  }

  @Test
  void parse_severalProblems_reportsAllOfThem() {
    PolicyParseException e =
        parseError(
            """
            {"Statement": [
              {"Effect": "allow", "Action": "s3:*", "Resource": "*"},
              {"Effect": "Allow", "Resource": "*"},
              {"Effect": "Deny", "Action": "s3:*", "Resourse": "*"}
            ]}
            """);
    assertThat(e.problems())
        .extracting(PolicyProblem::code)
        .containsExactly("INVALID_EFFECT", "MISSING_ACTION", "INVALID_POLICY_ELEMENT");
    assertThat(e.problems().get(2).message()).contains("did you mean \"Resource\"");
  }

  @Test
  void parse_empty_isAClearError() {
    assertThat(parseError("").getMessage()).contains("document is empty");
    assertThat(parseError("  \n ").getMessage()).contains("document is empty");
  }

  @Test
  void parse_byteOrderMark_isRejected() {
    byte[] json = "\uFEFF{\"Statement\": []}".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> Policy.parse(json))
        .isInstanceOf(PolicyParseException.class)
        .hasMessageContaining("byte-order mark");
    assertThatThrownBy(() -> Policy.parse("\uFEFF{\"Statement\": []}"))
        .hasMessageContaining("byte-order mark");
    byte[] utf16 = "{\"Statement\": []}".getBytes(StandardCharsets.UTF_16);
    assertThatThrownBy(() -> Policy.parse(utf16)).hasMessageContaining("UTF-16");
  }

  @Test
  void parse_invalidUtf8_reportsLineAndColumn() {
    byte[] json = "{\n \"Id\": \"a\u00e9\"}".getBytes(StandardCharsets.UTF_8);
    byte[] broken = Arrays.copyOf(json, json.length);
    broken[10] = (byte) 0xC3; // start of a two-byte sequence...
    broken[11] = (byte) 0x28; // ...followed by an ASCII byte
    PolicyParseException e = parseError(broken);
    assertThat(e.getMessage()).contains("invalid UTF-8 at byte 11");
    assertThat(e.position()).isEqualTo(new SourcePosition(2, 9));
  }

  private static PolicyParseException parseError(byte[] json) {
    try {
      Policy.parse(json);
    } catch (PolicyParseException e) {
      return e;
    }
    throw new AssertionError("expected a parse error");
  }

  @Test
  void parse_deepNesting_isRefusedWithoutStackOverflow() {
    String deep = "[".repeat(10_000) + "]".repeat(10_000);
    String json =
        "{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"*\", \"Condition\": {\"Bool\": {\"a:b\": "
            + deep
            + "}}}}";
    PolicyParseException e = parseError(json);
    assertThat(e.getMessage()).contains("nests deeper than 32 levels");
    assertThat(e.pointer().toString()).startsWith("/Statement/Condition/Bool/a:b");
  }

  @Test
  void parse_tenMegabytes_isRefusedQuickly() {
    byte[] huge = new byte[10 * 1024 * 1024];
    Arrays.fill(huge, (byte) ' ');
    huge[0] = '{';
    PolicyParseException e = parseError(huge);
    assertThat(e.getMessage()).contains("the limit is " + Policy.MAX_DOCUMENT_BYTES);
    assertThat(e.getMessage().length()).isLessThan(200);
  }

  @Test
  void parse_longBadValue_isClippedInTheMessage() {
    String longEffect = "x".repeat(100_000);
    PolicyParseException e =
        parseError("{\"Statement\": {\"Effect\": \"" + longEffect + "\", \"Action\": \"*\"}}");
    assertThat(e.getMessage().length()).isLessThan(200);
  }

  @Test
  void parse_binaryGarbage_isASyntaxError() {
    byte[] garbage = {0x00, 0x01, 0x02, (byte) 0xFF, 0x7F};
    assertThat(parseError(garbage).problem().code()).isEqualTo("JSON_SYNTAX_ERROR");
  }
}
