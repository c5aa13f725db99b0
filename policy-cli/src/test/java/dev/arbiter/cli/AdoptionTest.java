package dev.arbiter.cli;

import static dev.arbiter.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dropping {@code arbiter lint} into an existing repository: JSON that is not a policy is skipped,
 * paths can be excluded, ignores take several codes or {@code *}, and a baseline fails the build
 * only on new findings.
 */
class AdoptionTest {

  private static final String WILDCARD =
      "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\","
          + "\"Resource\":\"*\"}}";
  private static final String CLEAN =
      "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\","
          + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::bucket/*\"}}";

  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    return CliRun.write(dir, name, text);
  }

  /**
   * An ordinary repository: a policy beside a package.json, a tsconfig with comments, a scenario.
   */
  private void ordinaryRepository() throws IOException {
    write("iam/reader.json", CLEAN);
    write("package.json", "{\"name\": \"app\", \"version\": \"1.0.0\"}");
    write("tsconfig.json", "{\n  // comments are allowed here\n  \"compilerOptions\": {},\n}");
    write("web/data.json", "[1, 2, 3]");
    write(
        "tests/scenario.json",
        "{\"identityPolicies\": [{\"name\": \"p\", \"policy\": " + WILDCARD + "}]}");
  }

  @Test
  void lint_skipsJsonThatIsNotAPolicy_withACount() throws IOException {
    ordinaryRepository();
    CliRun run = run("lint", "--no-config", dir.toString());
    assertThat(run.code()).isZero();
    assertThat(run.out())
        .contains("1 file linted")
        .contains("4 JSON files skipped as not policies")
        .doesNotContain("package.json")
        .doesNotContain("JSON_SYNTAX_ERROR");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void lint_fileNamedExplicitly_isLintedEvenIfNotAPolicy() throws IOException {
    ordinaryRepository();
    CliRun run = run("lint", "--no-config", dir.resolve("package.json").toString());
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out()).contains("package.json:").contains("ERROR");
  }

  @Test
  void lint_brokenPolicyInADirectory_isStillReported() throws IOException {
    write("iam/broken.json", "{\"Version\": \"2012-10-17\", \"Statement\": [],}");
    write("iam/lowercase.json", "{\"statement\": []}");
    CliRun run = run("lint", "--no-config", dir.toString());
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out()).contains("broken.json:").contains("lowercase.json:");
  }

  @Test
  void exclude_onTheCommandLine_skipsFilesAndDirectories() throws IOException {
    write("iam/reader.json", CLEAN);
    write("node_modules/pkg/admin.json", WILDCARD);
    write("build/gen/admin.json", WILDCARD);
    write("iam/legacy-admin.json", WILDCARD);
    CliRun run =
        run(
            "lint",
            "--no-config",
            "--exclude",
            "node_modules",
            "--exclude",
            "legacy-*.json",
            "--exclude",
            dir.resolve("build").toString().replace('\\', '/') + "/**",
            dir.toString());
    assertThat(run.out()).contains("1 file linted").doesNotContain("admin.json");
    assertThat(run.code()).isZero();
  }

  @Test
  void exclude_inTheConfiguration_isRelativeToItsDirectory() throws IOException {
    write("iam/reader.json", CLEAN);
    write("vendor/aws/admin.json", WILDCARD);
    Path config = write(".arbiter.yaml", "exclude:\n  - vendor/**\n");
    CliRun run = run("lint", "-c", config.toString(), dir.toString());
    assertThat(run.out()).contains("1 file linted");
    assertThat(run.code()).isZero();
  }

  @Test
  void ignore_withAListOfCodesOrStar_suppressesThem() throws IOException {
    write("admin/root.json", WILDCARD);
    Path star =
        write(
            "star.yaml",
            "ignore:\n  - code: \"*\"\n    path: admin/**\n    reason: break-glass role\n");
    CliRun all = run("lint", "-c", star.toString(), dir.resolve("admin").toString());
    assertThat(all.code()).isZero();
    assertThat(all.out()).contains("0 with findings").contains("suppressed by the configuration");

    Path list =
        write(
            "list.yaml",
            """
            ignore:
              - codes: [ALLOW_ALL_ACTIONS, PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE]
                path: admin/**
                reason: break-glass role
            """);
    CliRun some = run("lint", "-c", list.toString(), dir.resolve("admin").toString());
    assertThat(some.out())
        .doesNotContain("ALLOW_ALL_ACTIONS")
        .doesNotContain("PASS_ROLE_WITH_STAR")
        // the codes not listed stay reported: the most severe heads the element's findings and
        // the others are folded into it ("[also: ...]", issue 13)
        .contains("SECURITY_WARNING PRIVILEGE_ESCALATION")
        .contains("DATA_EXFILTRATION")
        .contains("2 suppressed by the configuration");
  }

  @Test
  void ignore_withoutReason_isStillRefused() throws IOException {
    write("admin/root.json", WILDCARD);
    Path config = write("bad.yaml", "ignore:\n  - code: \"*\"\n    path: admin/**\n");
    CliRun run = run("lint", "-c", config.toString(), dir.resolve("admin").toString());
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("has no \"reason\"");
  }

  @Test
  void baseline_failsOnlyOnNewFindings_andSurvivesLineShifts() throws IOException {
    Path admin = write("repo/admin.json", WILDCARD);
    Path baseline = dir.resolve("baseline.json");
    CliRun written =
        run(
            "lint",
            "--no-config",
            "--write-baseline",
            baseline.toString(),
            dir.resolve("repo").toString());
    assertThat(written.code()).isZero();
    assertThat(written.err()).contains("to the baseline");

    // The same findings on other lines: still in the baseline.
    Files.writeString(admin, "\n\n\n" + WILDCARD.replace("{\"Effect\"", "\n  {\"Effect\""));
    CliRun same =
        run(
            "lint",
            "--no-config",
            "--baseline",
            baseline.toString(),
            dir.resolve("repo").toString());
    assertThat(same.code()).isZero();
    assertThat(same.out()).contains("0 with findings").contains("in the baseline");

    // A new file with the same problem is new.
    write("repo/another-admin.json", WILDCARD);
    CliRun added =
        run(
            "lint",
            "--no-config",
            "--baseline",
            baseline.toString(),
            dir.resolve("repo").toString());
    assertThat(added.code()).isEqualTo(1);
    assertThat(added.out()).contains("another-admin.json:").doesNotContain("repo/admin.json:");
  }

  @Test
  void baseline_thatIsNotOne_isRefused() throws IOException {
    Path admin = write("admin.json", WILDCARD);
    Path baseline = write("baseline.json", "[1, 2]");
    CliRun run = run("lint", "--no-config", "--baseline", baseline.toString(), admin.toString());
    assertThat(run.code()).isEqualTo(3);
    assertThat(run.err()).contains("baseline");
  }

  @Test
  void baseline_andWriteBaseline_together_isAUsageError() throws IOException {
    Path admin = write("admin.json", WILDCARD);
    CliRun run =
        run("lint", "--baseline", "a.json", "--write-baseline", "b.json", admin.toString());
    assertThat(run.code()).isEqualTo(2);
  }
}
