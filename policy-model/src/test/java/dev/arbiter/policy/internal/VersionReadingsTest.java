package dev.arbiter.policy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.policy.Policy;
import dev.arbiter.policy.Statement;
import dev.arbiter.policy.Template;
import java.util.List;
import org.junit.jupiter.api.Test;

class VersionReadingsTest {

  private static Policy parse(String version, String statements) {
    return Policy.parse("{" + version + "\"Statement\": [" + statements + "]}");
  }

  @Test
  void substituted_noVersionWithVariables_readsThemAsVersion2012() {
    Policy policy =
        parse(
            "",
            "{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\","
                + " \"Resource\": \"arn:aws:s3:::home/${aws:username}/*\"},"
                + " {\"Effect\": \"Deny\", \"Action\": \"s3:*\", \"Resource\": \"*\","
                + " \"Condition\": {\"StringEquals\": {\"s3:prefix\": \"${aws:userid}\"},"
                + " \"NumericEquals\": {\"s3:max-keys\": \"${aws:userid}\"}}},"
                + " {\"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\": \"*\"}");

    Policy read = VersionReadings.substituted(policy).orElseThrow();

    List<Statement> statements = read.statements();
    assertThat(statements.get(0).resources().orElseThrow().patterns().get(0).template())
        .isEqualTo(Template.parse("arn:aws:s3:::home/${aws:username}/*"));
    assertThat(statements.get(1).conditions().get(0).values().get(0).template().hasVariables())
        .isTrue();
    // Numeric values take no variables in either reading.
    assertThat(statements.get(1).conditions().get(1))
        .isEqualTo(policy.statements().get(1).conditions().get(1));
    assertThat(statements.get(2)).isEqualTo(policy.statements().get(2));
    assertThat(statements.get(0).location()).isEqualTo(policy.statements().get(0).location());
  }

  @Test
  void substituted_specialVariable_isASecondReadingToo() {
    Policy policy =
        parse(
            "",
            "{\"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\": \"arn:aws:s3:::a${*}\"}");

    Template read =
        VersionReadings.substituted(policy)
            .orElseThrow()
            .statements()
            .get(0)
            .resources()
            .orElseThrow()
            .patterns()
            .get(0)
            .template();
    assertThat(read.hasWildcards()).isFalse();
  }

  @Test
  void substituted_withVersionOrWithoutVariablesOrMalformed_isEmpty() {
    String statement =
        "{\"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\": \"arn:aws:s3:::${aws:username}\"}";
    assertThat(VersionReadings.substituted(parse("\"Version\": \"2012-10-17\", ", statement)))
        .isEmpty();
    assertThat(VersionReadings.substituted(parse("\"Version\": \"2008-10-17\", ", statement)))
        .isEmpty();
    assertThat(
            VersionReadings.substituted(
                parse("", "{\"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\": \"*\"}")))
        .isEmpty();
    // IAM would refuse "${aws:user name}" as 2012-10-17: only the plain-text reading remains.
    assertThat(
            VersionReadings.substituted(
                parse(
                    "",
                    "{\"Effect\": \"Allow\", \"Action\": \"s3:*\","
                        + " \"Resource\": \"arn:aws:s3:::${aws:user name}\"}")))
        .isEmpty();
  }
}
