package dev.arbiter.policy.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GlobPathTest {
  private static final String[] PATHS = {
    "a.json",
    "org/scps/deny.json",
    "org/scps/a/deny.json",
    "admin/x.trust.json",
    "x/admin/y.json",
    "a-b/c]d.json",
    "ab",
    "a/b",
    "",
  };

  /** Globs whose meaning the JDK's matcher defines; ours must agree on every path. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "**",
        "*",
        "*.json",
        "org/scps/**",
        "org/*/*.json",
        "**/*.json",
        "*.trust.json",
        "a?b",
        "a/?",
        "{admin,org}/**",
        "[a-c]*",
        "[!a]*",
        "**/admin/*",
        "a\\*b",
        "a-b/c]d.json",
        "{,org/}**.json",
      })
  void matches_likeTheJdk(String glob) {
    var jdk = FileSystems.getDefault().getPathMatcher("glob:" + glob);
    Glob ours = Glob.path(glob);
    for (String path : PATHS) {
      assertThat(ours.matches(path))
          .as("%s ~ %s", glob, path)
          .isEqualTo(jdk.matches(Path.of(path)));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"[abc", "{a,b", "{a,{b}}", "a}", "x\\", "[z-a]"})
  void compile_invalidGlob_isRefusedWithReason(String glob) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Glob.path(glob))
        .satisfies(e -> assertThat(e.getMessage()).isNotBlank());
  }

  @Test
  void compile_tooManyAlternativesOrTooLong_isRefusedNamingTheLimit() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Glob.path("{a,b}".repeat(9)))
        .withMessageContaining("256");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Glob.path("a".repeat(1001)))
        .withMessageContaining("1000");
  }

  /**
   * The JDK's regular expression backtracks through every way of splitting the path among the
   * stars; the automaton does not. A hang guard, not a performance claim.
   */
  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void matches_manyStarsAgainstLongPath_completes() {
    Glob glob = Glob.path("*a".repeat(30) + "*c");
    assertThat(glob.matches("a".repeat(4000))).isFalse();
    assertThat(glob.matches("a".repeat(4000) + "c")).isTrue();
  }
}
