package dev.arbiter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckCommandTest {
  @TempDir Path dir;

  private record Run(int code, String out, String err) {}

  private Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = ArbiterCli.run(args, new PrintWriter(out), new PrintWriter(err));
    return new Run(code, out.toString(), err.toString());
  }

  private String file(String name, String action, String resource) throws IOException {
    Path path = dir.resolve(name);
    Files.writeString(
        path,
        "{\"Version\": \"2012-10-17\", \"Statement\": [\n"
            + "  {\"Sid\": \"Grant\", \"Effect\": \"Allow\", \"Action\": \""
            + action
            + "\", \"Resource\": \""
            + resource
            + "\"}]}");
    return path.toString();
  }

  @Test
  void noNewAccess_narrowerCandidate_passesWithExitZero() throws IOException {
    String old = file("old.json", "s3:*", "*");
    String now = file("new.json", "s3:GetObject", "arn:aws:s3:::b/*");

    Run run = run("check", "no-new-access", "--type", "identity", "--reference", old, now);

    assertThat(run.code()).isZero();
    assertThat(run.out().strip()).isEqualTo("PASS");
  }

  @Test
  void noNewAccess_widerCandidate_failsWithStatementAndRequest() throws IOException {
    String old = file("old.json", "s3:GetObject", "*");
    String now = file("new.json", "s3:*", "*");

    Run run = run("check", "no-new-access", "-t", "identity", "-r", old, now);

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out()).startsWith("FAIL\n  statement 0 (Grant) at line 2: New access");
  }

  @Test
  void noNewAccess_jsonFormat_givesResultReasonsAndCounterexample() throws IOException {
    String old = file("old.json", "s3:GetObject", "*");
    String now = file("new.json", "s3:*", "*");

    Run run = run("check", "no-new-access", "-t", "identity", "-r", old, "--format", "json", now);

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out())
        .startsWith("{\"result\":\"FAIL\",\"reasons\":[{\"statementIndex\":0,\"sid\":\"Grant\",")
        .contains("\"line\":2", "\"counterexample\":{\"principal\":", "\"action\":\"s3:");
  }

  @Test
  void accessNotGranted_wildcardResource_failsForSomeRole() throws IOException {
    String policy = file("p.json", "iam:PassRole", "arn:aws:iam::111111111111:role/lambda-*");

    Run fail =
        run("check", "access-not-granted", "-t", "identity", "--actions", "iam:PassRole", policy);
    Run pass =
        run(
            "check",
            "access-not-granted",
            "-t",
            "identity",
            "--actions",
            "iam:PassRole",
            "--resources",
            "arn:aws:iam::111111111111:role/admin",
            policy);

    assertThat(fail.code()).isEqualTo(1);
    assertThat(fail.out()).contains("iam:PassRole", "role/lambda-");
    assertThat(pass.code()).isZero();
  }

  @Test
  void check_unmodelledConstruct_isInconclusiveUnlessRelaxed() throws IOException {
    String old = file("old.json", "s3:*", "*");
    String now = file("new.json", "s3:*", "arn:aws:s3:::home/${aws:username}/*");

    Run strict = run("check", "no-new-access", "-t", "identity", "-r", old, now);
    Run relaxed =
        run("check", "no-new-access", "-t", "identity", "-r", old, "--inconclusive", "pass", now);

    assertThat(strict.code()).isEqualTo(1);
    assertThat(strict.out()).startsWith("INCONCLUSIVE: a policy variable");
    assertThat(relaxed.code()).isZero();
  }

  @Test
  void check_invalidInputOrUsage_exitsThreeOrTwo() throws IOException {
    String old = file("old.json", "s3:*", "*");
    Path broken = dir.resolve("broken.json");
    Files.writeString(broken, "{\"Statement\": ");

    Run invalid = run("check", "no-new-access", "-t", "identity", "-r", old, broken.toString());
    Run missing = run("check", "no-new-access", "-t", "identity", old);

    assertThat(invalid.code()).isEqualTo(3);
    assertThat(invalid.err()).startsWith("arbiter check: ");
    assertThat(missing.code()).isEqualTo(2);
  }
}
