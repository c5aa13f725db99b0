package dev.arbiter.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.policy.ActionPattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ExpandTest {
  private static final Catalog CATALOG = Catalog.get();

  @Test
  void expand_getPrefix_coversGetsOnly() {
    List<String> names = names(CATALOG.expand("s3:Get*"));

    assertThat(names).contains("s3:GetObject", "s3:GetBucketPolicy").doesNotContain("s3:PutObject");
    assertThat(names).allMatch(n -> n.startsWith("s3:Get"));
  }

  @Test
  void expand_passPrefix_isPassRole() {
    assertThat(names(CATALOG.expand("iam:Pass*"))).containsExactly("iam:PassRole");
  }

  @Test
  void expand_anyCase_matchesIgnoringCase() {
    assertThat(CATALOG.expand("S3:get*")).isEqualTo(CATALOG.expand("s3:Get*"));
    assertThat(names(CATALOG.expand("IAM:PASSROLE"))).containsExactly("iam:PassRole");
  }

  @Test
  void expand_questionMark_matchesOneCharacter() {
    assertThat(names(CATALOG.expand("iam:PassRol?"))).containsExactly("iam:PassRole");
    assertThat(CATALOG.expand("iam:PassRo?")).isEmpty();
    assertThat(names(CATALOG.expand("s3:?etObject"))).containsExactly("s3:GetObject");
  }

  @Test
  void expand_star_isEveryAction() {
    assertThat(CATALOG.expand("*")).isEqualTo(CATALOG.actions());
    assertThat(CATALOG.expand("*:*")).isEqualTo(CATALOG.actions());
  }

  @Test
  void expand_serviceStar_isTheServicesActions() {
    assertThat(CATALOG.expand("s3:*")).isEqualTo(CATALOG.service("s3").orElseThrow().actions());
  }

  @Test
  void expand_wildcardInService_matchesTheWholeName() {
    List<ActionInfo> actions = CATALOG.expand("*:PassRole");

    assertThat(names(actions)).contains("iam:PassRole");
    assertThat(actions).allMatch(a -> a.name().equals("PassRole"));
  }

  @Test
  void expand_unknownOrMalformed_isEmpty() {
    assertThat(CATALOG.expand("nosuch:*")).isEmpty();
    assertThat(CATALOG.expand("s3:NoSuchAction*")).isEmpty();
    assertThat(CATALOG.expand("s3:GetObjekt")).isEmpty();
    assertThat(CATALOG.expand("")).isEmpty();
  }

  @Test
  void expand_actionPattern_sameAsText() {
    assertThat(CATALOG.expand(ActionPattern.of("s3:Get*"))).isEqualTo(CATALOG.expand("s3:Get*"));
  }

  /** A pattern derived from a real action, and that action. */
  record Case(String pattern, ActionInfo origin) {
    @Override
    public String toString() {
      return pattern;
    }
  }

  /**
   * Seeded patterns made from real action names: runs replaced by {@code *}, characters by {@code
   * ?}, case flipped; sometimes the service is wildcarded too.
   */
  static Stream<Case> patterns() {
    Random random = new Random(20261122L);
    List<ActionInfo> all = CATALOG.actions();
    List<Case> cases = new ArrayList<>();
    for (int n = 0; n < 120; n++) {
      ActionInfo origin = all.get(random.nextInt(all.size()));
      String text = origin.fullName();
      StringBuilder pattern = new StringBuilder();
      int i = 0;
      while (i < text.length()) {
        int roll = random.nextInt(10);
        char c = text.charAt(i);
        boolean inService = i < origin.service().length();
        if (roll == 0 && (!inService || random.nextInt(4) == 0)) {
          pattern.append('*');
          i += random.nextInt(Math.min(6, text.length() - i) + 1);
        } else if (roll == 1) {
          pattern.append('?');
          i++;
        } else {
          pattern.append(
              random.nextBoolean()
                  ? Character.toUpperCase(c)
                  : Character.toLowerCase(c)); // ASCII names
          i++;
        }
      }
      cases.add(new Case(pattern.toString(), origin));
    }
    return cases.stream();
  }

  @ParameterizedTest
  @MethodSource("patterns")
  void expand_randomPattern_returnsExactlyTheMatchingActions(Case c) {
    Pattern oracle = oracle(c.pattern());
    List<ActionInfo> expected =
        CATALOG.actions().stream().filter(a -> oracle.matcher(a.fullName()).matches()).toList();

    List<ActionInfo> actual = CATALOG.expand(c.pattern());

    assertThat(actual).contains(c.origin());
    assertThat(actual).isEqualTo(expected);
  }

  @ParameterizedTest
  @MethodSource("patterns")
  void expand_exactNameInAnyCase_returnsJustThatAction(Case c) {
    String name = c.origin().fullName();
    String mixed = c.pattern().length() % 2 == 0 ? name.toUpperCase(Locale.ROOT) : name;

    assertThat(CATALOG.expand(mixed)).containsExactly(c.origin());
  }

  /** IAM's wildcard rule as a regex: independent of Glob. */
  private static Pattern oracle(String pattern) {
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      switch (c) {
        case '*' -> regex.append(".*");
        case '?' -> regex.append('.');
        default -> regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  }

  private static List<String> names(List<ActionInfo> actions) {
    return actions.stream().map(ActionInfo::fullName).toList();
  }
}
