package dev.arbiter.lint.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.lint.Finding;
import dev.arbiter.lint.Linter;
import dev.arbiter.policy.PolicyType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code MISSING_VERSION}: its message says what the evaluator does (docs/semantics.md §12.8). */
class MissingVersionTest {

  private static List<Finding> findings(String resource) {
    String policy =
        "{\"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \""
            + resource
            + "\"}]}";
    return Linter.builder()
        .policyType(PolicyType.IDENTITY)
        .build()
        .lint("p.json", policy)
        .allFindings()
        .stream()
        .filter(f -> f.code().equals("MISSING_VERSION"))
        .toList();
  }

  @Test
  void check_variablesWithoutVersion_saysBothReadingsAreTaken() {
    assertThat(findings("arn:aws:s3:::home/${aws:username}/*"))
        .singleElement()
        .satisfies(
            f ->
                assertThat(f.message())
                    .contains("plain text or as policy variables")
                    .contains("§12.8"));
  }

  @Test
  void check_noVariables_justAsksForTheVersion() {
    assertThat(findings("arn:aws:s3:::home/*"))
        .singleElement()
        .satisfies(f -> assertThat(f.message()).doesNotContain("variables"));
  }
}
