package dev.arbiter.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.policy.Template;
import dev.arbiter.policy.value.Glob;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The matchers under the catalog, on their own. */
class MatchingUnitTest {

  @ParameterizedTest
  @CsvSource({
    "s3:get*, s3:getobject, true",
    "S3:GET*, s3:getobject, true",
    "s3:get*, s3:putobject, false",
    "*, anything, true",
    "*object, s3:getobject, true",
    "s3:?etobject, s3:getobject, true",
    "s3:?etobject, s3:etobject, false",
    "s3:*o*e*, s3:getobject, true",
    "s3:get*x, s3:getobject, false",
    "'', '', true",
    "'', a, false",
    "**, '', true",
  })
  void glob_pattern_matchesLikeIam(String pattern, String text, boolean matches) {
    // As Catalog.expand matches: the pattern lower-cased, the names already lower case.
    assertThat(Glob.of(pattern.toLowerCase(Locale.ROOT)).matches(text)).isEqualTo(matches);
  }

  @Test
  void glob_manyStars_staysFast() {
    String text = "a".repeat(10_000);

    // Leftmost piece by piece: linear, not exponential.
    assertThat(Glob.of("*a*a*a*a*a*a*a*a*a*b").matches(text)).isFalse();
  }

  @ParameterizedTest
  @CsvSource({
    "aws:ResourceTag/${TagKey}, aws:resourcetag/team, true",
    "aws:ResourceTag/${TagKey}, aws:ResourceTag/a/b:c, true",
    "aws:ResourceTag/${TagKey}, aws:ResourceTag/, false",
    "aws:ResourceTag/${TagKey}, aws:ResourceTagX/a, false",
    "s3:ExistingObjectTag/<key>, s3:existingobjecttag/k, true",
    "codebuild:a/${n}.value, codebuild:a/x.y.value, true",
    "codebuild:a/${n}.value, codebuild:a/.value, false",
    "s3:prefix, S3:PREFIX, true",
    "s3:prefix, s3:prefixes, false",
  })
  void keyPattern_template_matchesInstances(String template, String key, boolean matches) {
    assertThat(KeyPattern.matches(template, key)).isEqualTo(matches);
  }

  private static ArnMatcher format(String format, List<String> siblings) {
    Map<String, String> continuations = new HashMap<>();
    List<ArnMatcher.Token> tokens = ArnMatcher.tokenize(format);
    String key = ArnMatcher.prefixKey(tokens, tokens.size());
    for (String sibling : siblings) {
      List<ArnMatcher.Token> other = ArnMatcher.tokenize(sibling);
      if (other.size() > tokens.size()
          && ArnMatcher.prefixKey(other, tokens.size()).equals(key)
          && other.get(tokens.size()).kind() == ArnMatcher.Token.LITERAL) {
        continuations.merge(
            key, String.valueOf(other.get(tokens.size()).literal()), String::concat);
      }
    }
    return ArnMatcher.forFormat(tokens, continuations);
  }

  private static boolean matches(ArnMatcher format, String arn) {
    return format.intersects(ArnMatcher.forPattern(Template.withoutVariables(arn)));
  }

  @Test
  void arnMatcher_trailingPlaceholder_spansSlashesAndColons() {
    ArnMatcher object = format("arn:${Partition}:s3:::${BucketName}/${ObjectName}", List.of());

    assertThat(matches(object, "arn:aws:s3:::b/a/b/c:d")).isTrue();
    assertThat(matches(object, "arn:aws:s3:::b")).isFalse();
    assertThat(matches(object, "arn:aws:s3:::b/")).isFalse();
    // The bucket name is followed by '/', so it holds none.
    assertThat(matches(object, "arn:aws:s3:::/key")).isFalse();
  }

  @Test
  void arnMatcher_continuingSibling_excludesItsCharacter() {
    String function = "arn:${Partition}:lambda:${Region}:${Account}:function:${FunctionName}";
    String version = function + ":${Version}";

    ArnMatcher alone = format(function, List.of());
    ArnMatcher withSibling = format(function, List.of(version));

    assertThat(matches(alone, "arn:aws:lambda:r:1:function:f:1")).isTrue();
    assertThat(matches(withSibling, "arn:aws:lambda:r:1:function:f:1")).isFalse();
    assertThat(matches(withSibling, "arn:aws:lambda:r:1:function:f")).isTrue();
  }

  @Test
  void arnMatcher_placeholderBeforeColon_spansSlashes() {
    ArnMatcher stream =
        format(
            "arn:${Partition}:logs:${Region}:${Account}:log-group:${LogGroupName}:log-stream:${S}",
            List.of());

    assertThat(matches(stream, "arn:aws:logs:r:1:log-group:/aws/x:log-stream:s")).isTrue();
    assertThat(matches(stream, "arn:aws:logs:r:1:log-group:a:b:log-stream:s")).isFalse();
  }

  @Test
  void arnMatcher_regionPlaceholder_needsAValueAndNoColon() {
    ArnMatcher queue = format("arn:${Partition}:sqs:${Region}:${Account}:${QueueName}", List.of());

    assertThat(matches(queue, "arn:aws:sqs:us-east-1:123456789012:q")).isTrue();
    assertThat(matches(queue, "arn:aws:sqs::123456789012:q")).isFalse();
    assertThat(matches(queue, "arn:aws:sqs:*:*:q")).isTrue();
    assertThat(matches(queue, "arn:aws:sqs:us-*-1:123456789012:q")).isTrue();
    assertThat(matches(queue, "arn:aws:sqs:?:123456789012:q")).isTrue();
  }

  @Test
  void arnMatcher_formatStar_matchesAnyRun() {
    ArnMatcher endpoint = format("arn:${Partition}:dms:${Region}:${Account}:endpoint:*", List.of());

    assertThat(matches(endpoint, "arn:aws:dms:r:1:endpoint:ABC")).isTrue();
    assertThat(matches(endpoint, "arn:aws:dms:r:1:task:ABC")).isFalse();
  }

  @Test
  void arnMatcher_longPatterns_finishQuickly() {
    ArnMatcher object = format("arn:${Partition}:s3:::${BucketName}/${ObjectName}", List.of());
    String pattern = "arn:aws:s3:::b/" + "*a".repeat(500) + "x";

    // O(format x pattern) states: a generous bound that only proves "not exponential".
    long start = System.nanoTime();
    assertThat(matches(object, pattern)).isTrue();
    assertThat(System.nanoTime() - start).isLessThan(5_000_000_000L);
  }
}
