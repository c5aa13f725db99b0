package dev.arbiter.lint.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.lint.FindingType;
import dev.arbiter.policy.SourcePosition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LintConfigTest {

  private static LintConfig parse(String yaml) {
    return LintConfig.parse(yaml, "cfg.yaml", Path.of("/repo"));
  }

  @Test
  void parse_emptyDocument_isDefault() {
    LintConfig config = parse("");
    assertThat(config.disabled()).isEmpty();
    assertThat(config.ignores()).isEmpty();
  }

  @Test
  void parse_checksAndIgnores_areRead() {
    LintConfig config =
        parse(
            """
            checks:
              MISSING_VERSION: off
              REDUNDANT_RESOURCE: Warning
            ignore:
              - code: ALLOW_ALL_ACTIONS
                path: "admin/**"
                reason: break-glass role
            """);
    assertThat(config.disabled()).containsExactly("MISSING_VERSION");
    assertThat(config.findingTypes()).containsEntry("REDUNDANT_RESOURCE", FindingType.WARNING);
    assertThat(config.ignores())
        .containsExactly(
            new LintConfig.Ignore(
                java.util.List.of("ALLOW_ALL_ACTIONS"),
                java.util.List.of("admin/**"),
                "break-glass role"));
  }

  @Test
  void parse_ignoreWithSeveralCodesOrStar_coversThem() {
    LintConfig config =
        parse(
            """
            ignore:
              - codes: [ALLOW_ALL_ACTIONS, MISSING_VERSION]
                path: "admin/**"
                reason: break-glass role
              - code: "*"
                path: legacy.json
                reason: frozen, replaced next quarter
            """);
    LintConfig.Ignore listed = config.ignores().get(0);
    assertThat(listed.covers("ALLOW_ALL_ACTIONS")).isTrue();
    assertThat(listed.covers("MISSING_VERSION")).isTrue();
    assertThat(listed.covers("DATA_EXFILTRATION")).isFalse();
    assertThat(config.ignores().get(1).covers("DATA_EXFILTRATION")).isTrue();
  }

  @Test
  void parse_ignoreWithAnUnknownCodeInTheList_failsWithItsPosition() {
    assertThatThrownBy(
            () ->
                parse(
                    """
                    ignore:
                      - codes: [ALLOW_ALL_ACTIONS, MISSING_VERSON]
                        path: a
                        reason: x
                    """))
        .isInstanceOfSatisfying(
            LintConfigException.class,
            e -> {
              assertThat(e.position().toString()).isEqualTo("2:32");
              assertThat(e.reason()).contains("did you mean \"MISSING_VERSION\"");
            });
  }

  @Test
  void exclude_matchesNamesAnywhere_andPathsFromTheBase() {
    LintConfig config = parse("exclude:\n  - node_modules\n  - \"build/**\"\n  - \"*.tf.json\"\n");
    assertThat(config.excluded("/repo/web/node_modules/x/policy.json")).isTrue();
    assertThat(config.excluded("/repo/build/gen/policy.json")).isTrue();
    assertThat(config.excluded("/repo/infra/main.tf.json")).isTrue();
    assertThat(config.excluded("/repo/iam/build/policy.json")).isFalse();
    assertThat(config.excluded("/repo/iam/policy.json")).isFalse();
  }

  @Test
  void load_missingFile_saysSoWithoutJavaNames(@TempDir Path dir) {
    assertThatThrownBy(() -> LintConfig.load(dir.resolve("missing.yaml")))
        .isInstanceOfSatisfying(
            LintConfigException.class,
            e ->
                assertThat(e.getMessage())
                    .contains("no such configuration file")
                    .doesNotContain("java."));
  }

  @ParameterizedTest(name = "{2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "'check:\n  MISSING_VERSION: off\n' | 1:1 | unknown key \"check\" (did you mean \"checks\"?)",
        "'checks:\n  MISSING_VERSON: off\n' | 2:3 | unknown check \"MISSING_VERSON\" (did you mean \"MISSING_VERSION\"?)",
        "'checks:\n  MISSING_VERSION: loud\n' | 2:20 | check MISSING_VERSION: expected off, on",
        "'ignore:\n  - code: MISSING_VERSION\n    path: \"*\"\n' | 2:5 | has no \"reason\"",
        "'ignore:\n  - code: MISSING_VERSION\n    reason: x\n' | 2:5 | has no \"path\"",
        "'ignore:\n  - code: MISSING_VERSION\n    path: a\n    reason: x\n    why: y\n' | 5:5 | unknown key \"why\"",
        "'checks: [1, 2]\n' | 1:9 | \"checks\" must be a map",
        "'checks:\n  MISSING_VERSION: off\n  MISSING_VERSION: on\n' | 3:3 | duplicate key"
      })
  void parse_invalid_failsWithPosition(String yaml, String position, String message) {
    assertThatThrownBy(() -> parse(yaml))
        .isInstanceOfSatisfying(
            LintConfigException.class,
            e -> {
              assertThat(e.position().toString()).isEqualTo(position);
              assertThat(e.reason()).contains(message);
              assertThat(e.getMessage()).startsWith("cfg.yaml:" + position + ": ");
            });
  }

  @Test
  void find_looksInParentDirectories(@TempDir Path dir) throws IOException {
    Path config = Files.writeString(dir.resolve(".arbiter.yaml"), "checks: {}\n");
    Path nested = Files.createDirectories(dir.resolve("a/b"));
    assertThat(LintConfig.find(nested)).contains(config.toAbsolutePath().normalize());
    LintConfig loaded = LintConfig.load(config);
    assertThat(loaded.baseDirectory()).isEqualTo(dir.toAbsolutePath());
  }

  @Test
  void sourcePosition_ofYaml_isOneBased() {
    assertThatThrownBy(() -> parse("- a\n"))
        .isInstanceOfSatisfying(
            LintConfigException.class,
            e -> assertThat(e.position()).isEqualTo(new SourcePosition(1, 1)));
  }

  @Test
  void policyTypes_firstMatchingGlobWins() {
    LintConfig config =
        parse(
            """
            policy-types:
              - path: "org/scps/**"
                type: scp
              - path: "*.trust.json"
                type: trust
            """);
    assertThat(config.policyTypeOf("/repo/org/scps/a/deny.json"))
        .contains(dev.arbiter.policy.PolicyType.SCP);
    assertThat(config.policyTypeOf("/repo/x/role.trust.json"))
        .contains(dev.arbiter.policy.PolicyType.TRUST);
    assertThat(config.policyTypeOf("/repo/x/role.json")).isEmpty();
    assertThatThrownBy(() -> parse("policy-types:\n  - path: a\n    type: nope\n"))
        .hasMessageContaining("3:11: unknown policy type \"nope\"");
  }
}
