package dev.arbiter.policy.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.arbiter.policy.Template;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ArnPatternTest {

  @ParameterizedTest(name = "{0} ~ {1}: {2}")
  @CsvSource({
    "arn:aws:s3:::bucket/*, arn:aws:s3:::bucket/a:b, true",
    "arn:aws:s3:::bucket/*, arn:aws:s3:::other/a, false",
    "arn:aws:iam::*:role/x, arn:aws:iam::111122223333:role/x, true",
    "arn:aws:someservice:*:111122223333:finance/*,"
        + " arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/d, false",
    "*, arn:aws:s3:::b, true",
    "*, not-an-arn, false",
    "?rn:aws:s3:::b, arn:aws:s3:::b, true",
    "arn:aws, arn:aws:s3:::b, false"
  })
  void matches_segmentBySegment(String pattern, String value, boolean expected) {
    assertThat(ArnPattern.of(Template.withoutVariables(pattern)).matches(value))
        .isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}: some ARN {1}, lacks segments {2}")
  @CsvSource({
    "arn:aws:s3:::b, true, false",
    "*, true, false",
    "**, true, false",
    "*:*:*:*:*:*, true, false",
    "a?n:aws:s3:::b, true, false",
    "?, false, true",
    "arn:aws:s3, false, true",
    "'', false, true",
    "ARN:aws:s3:::b, false, false",
    "foo:aws:s3:::b, false, false",
    "arn?:aws:s3:::b, false, false"
  })
  void matchesSomeArn_needsSixSegmentsStartingWithArn(String pattern, boolean some, boolean lacks) {
    ArnPattern compiled = ArnPattern.of(Template.withoutVariables(pattern));
    assertThat(compiled.matchesSomeArn()).isEqualTo(some);
    assertThat(compiled.lacksSegments()).isEqualTo(lacks);
  }

  @org.junit.jupiter.api.Test
  void of_templateWithVariable_isRefused() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ArnPattern.of(Template.parse("arn:aws:s3:::${aws:username}")));
  }
}
