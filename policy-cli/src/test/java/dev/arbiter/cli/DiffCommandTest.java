package dev.arbiter.cli;

import static dev.arbiter.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiffCommandTest {
  private static final Path DIFF =
      Path.of(System.getProperty("corpus.dir", "../corpus")).resolve("reason/diff");

  @TempDir Path dir;

  @Test
  void diff_corpusExample_bothDirectionsWithRequests() {
    String old = DIFF.resolve("old.json").toString();
    String now = DIFF.resolve("new.json").toString();

    CliRun run = run("diff", "--type", "identity", old, now);

    assertThat(run.code()).as(run.err()).isEqualTo(1);
    String[] lines = run.out().strip().split("\n");
    assertThat(lines[0]).isEqualTo("DIFFERENT");
    assertThat(lines[1]).isEqualTo("Allowed by " + now + " and not by " + old + ":");
    assertThat(lines[2])
        .startsWith("  statement 2 (CleanUp) at line 6: New access")
        .containsIgnoringCase("\"s3:DeleteObject\"")
        .contains("arn:aws:s3:::artifacts/tmp/");
    assertThat(lines[3]).isEqualTo("Allowed by " + old + " and not by " + now + ":");
    assertThat(lines[4])
        .startsWith("  statement 0 (ReadWriteArtifacts) at line 4: New access")
        .containsIgnoringCase("\"s3:PutObject\"");
    assertThat(lines).hasSize(5);
  }

  @Test
  void diff_reorderedStatements_equivalentExitZero() throws IOException {
    String a =
        CliRun.write(
                dir,
                "a.json",
                "{\"Version\": \"2012-10-17\", \"Statement\": ["
                    + "{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\"},"
                    + "{\"Effect\": \"Allow\", \"Action\": \"s3:PutObject\", \"Resource\": \"*\"}]}")
            .toString();
    String b =
        CliRun.write(
                dir,
                "b.json",
                "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\","
                    + " \"Action\": [\"s3:PutObject\", \"s3:GetObject\"], \"Resource\": \"*\"}]}")
            .toString();

    CliRun run = run("diff", "-t", "identity", a, b);

    assertThat(run.code()).isZero();
    assertThat(run.out().strip())
        .isEqualTo(
            "EQUIVALENT\nAllowed by "
                + b
                + " and not by "
                + a
                + ":\n  nothing\nAllowed by "
                + a
                + " and not by "
                + b
                + ":\n  nothing");
  }

  @Test
  void diff_json_resultAndBothDirectionsWithCounterexamples() throws IOException {
    String old = DIFF.resolve("old.json").toString();
    String now = DIFF.resolve("new.json").toString();

    CliRun run = run("diff", "--type", "identity", "--format", "json", old, now);

    assertThat(run.code()).isEqualTo(1);
    JsonNode root = new ObjectMapper().readTree(run.out());
    assertThat(root.get("result").asText()).isEqualTo("DIFFERENT");
    assertThat(root.at("/added/result").asText()).isEqualTo("FAIL");
    assertThat(root.at("/added/reasons/0/sid").asText()).isEqualTo("CleanUp");
    assertThat(root.at("/added/reasons/0/counterexample/action").asText())
        .isEqualToIgnoringCase("s3:DeleteObject");
    assertThat(root.at("/removed/reasons/0/counterexample/action").asText())
        .isEqualToIgnoringCase("s3:PutObject");
  }

  @Test
  void diff_invalidAndMissingInput_exitThree_missingArgumentExitTwo() throws IOException {
    String bad =
        CliRun.write(dir, "bad.json", "{\"Statement\": [{\"Effect\": \"allow\"}]}").toString();
    String old = DIFF.resolve("old.json").toString();

    assertThat(run("diff", "-t", "identity", old, bad).code()).isEqualTo(3);
    assertThat(run("diff", "-t", "identity", old, dir.resolve("none.json").toString()).code())
        .isEqualTo(3);
    assertThat(run("diff", "-t", "identity", old).code()).isEqualTo(2);
  }

  @Test
  void diff_help_hasAPasteableExample() {
    CliRun run = run("diff", "--help");
    assertThat(run.code()).isZero();
    assertThat(run.out())
        .contains(
            "arbiter diff --type identity corpus/reason/diff/old.json corpus/reason/diff/new.json");
  }
}
