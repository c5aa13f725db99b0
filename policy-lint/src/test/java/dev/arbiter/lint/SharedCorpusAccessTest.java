package dev.arbiter.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * PUBLIC_ACCESS and EXTERNAL_ACCESS over the shared corpus's resource and trust policies (skipped
 * when ../shared is absent): each public finding carries a confirmed request, each external one
 * names whom it grants to, and the AWS documentation's own public examples are found.
 */
class SharedCorpusAccessTest {

  private static Path corpus() {
    String shared = System.getProperty("shared.dir", "../../shared");
    Path dir = Path.of(shared, "corpus");
    assumeTrue(Files.isDirectory(dir), "no shared corpus at " + dir);
    return dir;
  }

  @Test
  void lint_resourceAndTrustPolicies_reportPublicAndExternalGrants() throws IOException {
    Path corpus = corpus();
    Linter linter = Linter.builder().build();
    List<Finding> publicGrants = new ArrayList<>();
    List<Finding> externalGrants = new ArrayList<>();
    for (String kind : List.of("resource", "trust")) {
      List<Path> files;
      try (Stream<Path> walk = Files.walk(corpus.resolve(kind))) {
        files = walk.filter(p -> p.toString().endsWith(".json")).sorted().toList();
      }
      for (Path file : files) {
        for (Finding finding :
            linter.lint(corpus.relativize(file).toString(), Files.readAllBytes(file)).findings()) {
          if (finding.code().equals("PUBLIC_ACCESS")) {
            publicGrants.add(finding);
          } else if (finding.code().equals("EXTERNAL_ACCESS")) {
            externalGrants.add(finding);
          }
        }
      }
    }
    System.out.println(
        "shared corpus: "
            + publicGrants.size()
            + " PUBLIC_ACCESS, "
            + externalGrants.size()
            + " EXTERNAL_ACCESS");
    assertThat(publicGrants).isNotEmpty();
    assertThat(externalGrants).isNotEmpty();
    assertThat(publicGrants)
        .allSatisfy(
            f ->
                assertThat(f.message())
                    .startsWith("Public access in the statement")
                    .contains(" may call "));
    assertThat(externalGrants)
        .allSatisfy(
            f -> assertThat(f.message()).containsPattern("to the (accounts?|organizations?) \\S"));
    // The S3 guide's static website policy grants s3:GetObject to "*": public by design.
    assertThat(publicGrants)
        .anySatisfy(
            f -> assertThat(f.file()).contains("awsdocs-s3__doc_source__HostingWebsiteOnS3Setup"));
  }
}
