package dev.arbiter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Inputs a user gets wrong, for {@code validate} and {@code lint}: each unusable one gets one line
 * on standard error naming it, the run goes on with the rest, the exit code is 3, and no stack
 * trace is printed. {@code --debug}, before or after the command, adds the trace.
 */
class HostileInputTest {
  private static final String VALID =
      """
      {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject",
        "Resource": "arn:aws:s3:::reports/*"}]}
      """;

  @TempDir Path dir;

  private record Run(int code, String out, String err) {
    /** The lines of standard error that name {@code name}. */
    List<String> errLinesAbout(String name) {
      return err.lines().filter(l -> l.contains(name)).toList();
    }
  }

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = ArbiterCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(code, out.toString(), err.toString());
  }

  @BeforeEach
  void writeInputs() throws IOException {
    Files.writeString(dir.resolve("good.json"), VALID, StandardCharsets.UTF_8);
    Files.write(dir.resolve("empty.json"), new byte[0]);
    Files.writeString(dir.resolve("blank.json"), " \n\t\n", StandardCharsets.UTF_8);
    Files.write(dir.resolve("binary.json"), new byte[] {0x7B, 0x00, 0x01, (byte) 0xFF, 0x7D});
    Files.write(
        dir.resolve("latin1.json"),
        "{\"Sid\": \"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1));
    Files.createSymbolicLink(dir.resolve("dangling.json"), dir.resolve("nowhere.json"));
    Files.createDirectories(dir.resolve("nopolicies"));
    Files.writeString(dir.resolve("nopolicies/readme.txt"), "no policies here");
  }

  private static void assertNoStackTrace(Run run) {
    assertThat(run.err()).doesNotContain("\tat ").doesNotContain("Exception");
    assertThat(run.out()).doesNotContain("\tat ").doesNotContain("Exception");
  }

  @ParameterizedTest
  @ValueSource(strings = {"validate", "lint"})
  void unusableInputsInADirectory_oneLineEach_andTheRestIsChecked(String command) {
    Run run =
        command.equals("lint")
            ? run("lint", "--no-config", dir.toString())
            : run("validate", dir.toString());

    assertThat(run.code()).isEqualTo(3);
    // Empty JSON files found in a directory are not policies: skipped and counted, not errors.
    assertThat(run.errLinesAbout("empty.json")).isEmpty();
    assertThat(run.errLinesAbout("blank.json")).isEmpty();
    assertThat(run.out()).contains("2 JSON files skipped as not policies");
    assertThat(run.errLinesAbout("binary.json")).singleElement().asString().contains("binary");
    assertThat(run.errLinesAbout("latin1.json")).singleElement().asString().contains("UTF-8");
    assertThat(run.errLinesAbout("dangling.json"))
        .singleElement()
        .asString()
        .contains("broken symbolic link");
    assertThat(run.errLinesAbout("good.json")).isEmpty();
    assertThat(run.err().lines()).allSatisfy(l -> assertThat(l).startsWith("arbiter " + command));
    assertNoStackTrace(run);
    if (command.equals("validate")) {
      assertThat(run.out()).contains("4 files checked: 1 valid, 0 invalid, 3 unreadable");
    } else {
      assertThat(run.out()).contains("4 files linted");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"validate", "lint"})
  void emptyFileNamedExplicitly_isAnErrorFinding_exitsOne(String command) {
    String empty = dir.resolve("empty.json").toString();
    Run run = command.equals("lint") ? run("lint", "--no-config", empty) : run("validate", empty);

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out()).contains(empty + ":1:1: ERROR JSON_SYNTAX_ERROR document is empty");
    assertNoStackTrace(run);
  }

  @ParameterizedTest
  @ValueSource(strings = {"validate", "lint"})
  void missingPathAndDirectoryWithoutPolicies_oneLineEach_andTheRestIsChecked(String command) {
    String good = dir.resolve("good.json").toString();
    String missing = dir.resolve("missing.json").toString();
    String empty = dir.resolve("nopolicies").toString();
    Run run =
        command.equals("lint")
            ? run("lint", "--no-config", missing, empty, good)
            : run("validate", missing, empty, good);

    assertThat(run.code()).isEqualTo(3);
    assertThat(run.errLinesAbout("missing.json"))
        .singleElement()
        .asString()
        .contains("no such file");
    assertThat(run.errLinesAbout("nopolicies"))
        .singleElement()
        .asString()
        .contains("no *.json files");
    assertNoStackTrace(run);
    assertThat(run.out()).contains("3 files");
  }

  @ParameterizedTest
  @ValueSource(strings = {"validate", "lint"})
  void unreadableFileAndDirectory_oneLineEach_andTheRestIsChecked(String command)
      throws IOException {
    Path secret = dir.resolve("secret.json");
    Files.writeString(secret, VALID);
    Path locked = dir.resolve("locked");
    Files.createDirectories(locked);
    Files.writeString(locked.resolve("inside.json"), VALID);
    Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("---------"));
    Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
    try {
      Assumptions.assumeFalse(
          Files.isReadable(secret), "permissions do not bind this user (root?)");
      Run run =
          command.equals("lint")
              ? run("lint", "--no-config", dir.toString())
              : run("validate", dir.toString());

      assertThat(run.code()).isEqualTo(3);
      assertThat(run.errLinesAbout("secret.json"))
          .singleElement()
          .asString()
          .contains("permission denied");
      assertThat(run.errLinesAbout("locked")).singleElement().asString().contains("cannot read");
      assertThat(run.errLinesAbout("good.json")).isEmpty();
      assertNoStackTrace(run);
    } finally {
      Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
      Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
    }
  }

  @Test
  void symbolicLinkLoop_isOneLine_notAHang() throws IOException {
    Path root = dir.resolve("loop");
    Files.createDirectories(root.resolve("a"));
    Files.writeString(root.resolve("policy.json"), VALID);
    Files.createSymbolicLink(root.resolve("a/up"), root);
    Run run = run("validate", root.toString());

    assertThat(run.code()).isEqualTo(3);
    assertThat(run.errLinesAbout("up")).singleElement().asString().contains("loop");
    assertThat(run.out()).contains("2 files checked: 1 valid, 0 invalid, 1 unreadable");
    assertNoStackTrace(run);
  }

  @Test
  void unwritableOutput_isOneLineNamingTheFile_withoutStackTrace() {
    String output = dir.resolve("no/such/dir/report.sarif").toString();
    Run run = run("lint", "--no-config", "--output", output, dir.resolve("good.json").toString());

    assertThat(run.code()).isEqualTo(3);
    assertThat(run.err()).contains(output).doesNotContain("internal error");
    assertNoStackTrace(run);
  }

  @ParameterizedTest
  @ValueSource(strings = {"before", "after"})
  void debug_isAcceptedBeforeOrAfterTheCommand_andAddsTheStackTrace(String where) {
    String output = dir.resolve("no/such/dir/report.sarif").toString();
    String good = dir.resolve("good.json").toString();
    Run run =
        where.equals("before")
            ? run("--debug", "lint", "--no-config", "--output", output, good)
            : run("lint", "--no-config", "--output", output, "--debug", good);

    assertThat(run.code()).isEqualTo(3);
    assertThat(run.err()).contains(output).contains("\tat ");
  }

  @Test
  void unknownOption_isAUsageError_withoutStackTrace() {
    Run run = run("validate", "--no-such-option", dir.resolve("good.json").toString());

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("--no-such-option");
    assertNoStackTrace(run);
  }
}
