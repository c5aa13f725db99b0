package dev.arbiter.cli;

import static dev.arbiter.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckNoPublicAccessCommandTest {
  @TempDir Path dir;

  private String bucketPolicy(String principal) throws IOException {
    Path path = dir.resolve("bucket.json");
    Files.writeString(
        path,
        "{\"Version\": \"2012-10-17\", \"Statement\": [\n"
            + "  {\"Sid\": \"Read\", \"Effect\": \"Allow\", \"Principal\": "
            + principal
            + ", \"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::reports/*\"}]}");
    return path.toString();
  }

  @Test
  void noPublicAccess_starPrincipal_failsNamingTheStatementAndThePublic() throws IOException {
    CliRun run =
        run(
            "check",
            "no-public-access",
            "--resource-type",
            "AWS::S3::Bucket",
            bucketPolicy("\"*\""));

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out())
        .startsWith("FAIL\n  statement 0 (Read) at line 2: Public access")
        .contains("anyone, anonymously")
        .contains("\"arn:aws:s3:::reports/example\"");
  }

  @Test
  void noPublicAccess_namedAccount_passesAndJsonHasTheResultShape() throws IOException {
    String policy = bucketPolicy("{\"AWS\": \"111122223333\"}");

    CliRun text = run("check", "no-public-access", "-r", "AWS::S3::Bucket", policy);
    CliRun json = run("check", "no-public-access", "-r", "AWS::S3::Bucket", "-f", "json", policy);

    assertThat(text.code()).isZero();
    assertThat(text.out().strip()).isEqualTo("PASS");
    assertThat(json.out().strip()).isEqualTo("{\"result\":\"PASS\",\"reasons\":[]}");
  }

  @Test
  void noPublicAccess_unknownTypeOrMissingType_isAUsageError() throws IOException {
    String policy = bucketPolicy("\"*\"");

    CliRun unknown = run("check", "no-public-access", "-r", "AWS::EC2::Instance", policy);
    CliRun missing = run("check", "no-public-access", policy);
    CliRun help = run("check", "no-public-access", "--help");

    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.err()).contains("unknown resource type 'AWS::EC2::Instance'");
    assertThat(missing.code()).isEqualTo(2);
    assertThat(help.out()).contains("AWS::IAM::AssumeRolePolicyDocument", "AWS::KMS::Key");
  }
}
