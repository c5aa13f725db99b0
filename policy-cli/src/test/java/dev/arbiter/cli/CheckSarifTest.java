package dev.arbiter.cli;

import static dev.arbiter.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code arbiter check ... --format sarif}: lint's SARIF log, one result per FAIL reason. */
class CheckSarifTest {
  @TempDir Path dir;

  private String policy(String name, String... statements) throws IOException {
    return CliRun.write(
            dir,
            name,
            "{\"Version\": \"2012-10-17\", \"Statement\": [\n"
                + String.join(",\n", statements)
                + "]}")
        .toString();
  }

  @Test
  void noNewAccess_sarif_oneErrorResultAtEachAddingStatement() throws IOException {
    String old =
        policy(
            "old.json",
            "{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\"}");
    String now =
        policy(
            "new.json",
            "{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\"}",
            "{\"Sid\": \"Wider\", \"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\": \"*\"}");

    CliRun run =
        run("check", "no-new-access", "-t", "identity", "-r", old, "--format", "sarif", now);

    assertThat(run.code()).as(run.err()).isEqualTo(1);
    JsonNode root = new ObjectMapper().readTree(run.out());
    assertThat(root.get("version").asText()).isEqualTo("2.1.0");
    JsonNode results = root.at("/runs/0/results");
    assertThat(results).hasSize(1);
    JsonNode result = results.get(0);
    assertThat(result.get("ruleId").asText()).isEqualTo("NO_NEW_ACCESS");
    assertThat(result.get("level").asText()).isEqualTo("error");
    assertThat(result.at("/message/text").asText()).startsWith("New access");
    assertThat(result.at("/locations/0/physicalLocation/region/startLine").asInt()).isEqualTo(3);
    assertThat(result.at("/locations/0/physicalLocation/artifactLocation/uri").asText())
        .endsWith("new.json");
    assertThat(result.at("/locations/0/logicalLocations/0/fullyQualifiedName").asText())
        .isEqualTo("/Statement/1");
  }

  @Test
  void accessNotGranted_pass_sarifWithoutResults() throws IOException {
    String file =
        policy(
            "p.json", "{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\"}");

    CliRun run =
        run(
            "check",
            "access-not-granted",
            "-t",
            "identity",
            "--actions",
            "iam:PassRole",
            "--format",
            "sarif",
            file);

    assertThat(run.code()).isZero();
    assertThat(new ObjectMapper().readTree(run.out()).at("/runs/0/results")).isEmpty();
  }
}
