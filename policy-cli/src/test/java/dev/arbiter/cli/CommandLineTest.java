package dev.arbiter.cli;

import static dev.arbiter.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The command line's contract: usage errors, help layout, one exit-code policy, no ignored flag.
 */
class CommandLineTest {

  private static final String WRONG_EFFECT_CASE =
      "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"allow\",\"Action\":\"s3:GetObject\","
          + "\"Resource\":\"arn:aws:s3:::bucket/*\"}}";

  private static final String SCP_WITH_PRINCIPAL =
      "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Deny\",\"Principal\":\"*\","
          + "\"Action\":\"s3:DeleteBucket\",\"Resource\":\"*\"}}";

  private static final String ACCOUNT = "../corpus/accounts/example/account-111122223333.json";

  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    return CliRun.write(dir, name, text);
  }

  @Test
  void noArguments_printsTheCommandsOnStderr_exitsTwo() {
    CliRun run = run();
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).contains("Commands:").contains("lint").contains("explain");
  }

  @ParameterizedTest
  @ValueSource(strings = {"--format=xml", "--frmat=json", "--fail-on=loud"})
  void usageError_isTheErrorLineAndAHint_notTheWholeHelp(String option) {
    CliRun run = run("lint", "--no-config", option, "x.json");
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).startsWith("arbiter lint: ").contains("try 'arbiter lint --help'");
    assertThat(run.err()).doesNotContain("Usage:").doesNotContain("--list-checks");
    assertThat(run.err().lines().count()).isLessThanOrEqualTo(4);
  }

  /**
   * A run named by its first argument builds that subcommand alone; it is the same command as in
   * the whole tree: same name, same help text, same options (the inherited --debug included).
   */
  @Test
  void commandLine_ofOneSubcommand_isThatCommandOfTheWholeTree() {
    CommandLine whole = ArbiterCli.commandLine();
    HelpLayout.install(whole);
    assertThat(whole.getSubcommands().keySet())
        .containsExactly(
            "validate", "simulate", "lint", "query", "test", "explain", "check", "diff", "help");
    for (String name : whole.getSubcommands().keySet()) {
      CommandLine one = ArbiterCli.commandLine(name);
      HelpLayout.install(one);
      if (name.equals("help")) {
        assertThat(one.getSubcommands().keySet()).isEqualTo(whole.getSubcommands().keySet());
        continue;
      }
      assertThat(one.getSubcommands().keySet()).as(name).containsExactly(name);
      CommandLine alone = Objects.requireNonNull(one.getSubcommands().get(name));
      CommandLine within = Objects.requireNonNull(whole.getSubcommands().get(name));
      assertThat(alone.getCommandName()).isEqualTo(name);
      assertThat(alone.getUsageMessage()).as(name).isEqualTo(within.getUsageMessage());
      assertThat(alone.getCommandSpec().optionsMap().keySet())
          .as(name)
          .contains("--debug")
          .isEqualTo(within.getCommandSpec().optionsMap().keySet());
      assertThat(alone.getSubcommands().keySet()).isEqualTo(within.getSubcommands().keySet());
    }
    assertThat(ArbiterCli.commandLine("simulat").getSubcommands())
        .hasSameSizeAs(whole.getSubcommands());
    assertThat(ArbiterCli.commandLine("--debug").getSubcommands())
        .hasSameSizeAs(whole.getSubcommands());
  }

  /** Every word of every help text appears whole in the printed help: nothing split mid-token. */
  @Test
  void help_wrapsOnlyAtSpaces_andKeepsExamplesWhole() {
    CommandLine root = ArbiterCli.commandLine();
    List<CommandLine> commands = new ArrayList<>(List.of(root));
    commands.addAll(root.getSubcommands().values());
    for (CommandLine command : commands) {
      String name = command.getCommandName();
      CliRun run = name.equals("arbiter") ? run("--help") : run(name, "--help");
      assertThat(run.code()).as(name).isZero();
      Set<String> printed = new HashSet<>(List.of(run.out().split("\\s+")));
      CommandSpec spec = command.getCommandSpec();
      List<String> texts = new ArrayList<>();
      texts.addAll(List.of(spec.usageMessage().description()));
      texts.addAll(List.of(spec.usageMessage().footer()));
      for (ArgSpec arg : spec.args()) {
        texts.addAll(List.of(arg.description()));
      }
      for (String text : texts) {
        for (String word : text.trim().split("\\s+", -1)) {
          if (!word.isEmpty() && !word.contains("${")) {
            assertThat(printed).as(name + ": " + word).contains(word);
          }
        }
      }
      for (String line : run.out().split("\n", -1)) {
        if (!line.startsWith("  arbiter ") && !line.startsWith("      '")) {
          assertThat(line.length()).as(name + ": " + line).isLessThanOrEqualTo(80);
        }
      }
    }
  }

  @Test
  void help_ofTheRootCommand_hasTheExitCodeTable() {
    CliRun run = run("--help");
    assertThat(run.out())
        .contains("  0  clean")
        .contains("  1  findings at or above --fail-on")
        .contains("  2  usage")
        .contains("  3  an input could not be read");
  }

  /** A policy AWS would reject exits like any other ERROR finding, whatever rejects it. */
  @ParameterizedTest
  @ValueSource(strings = {"validate", "lint"})
  void policiesAwsWouldReject_exitOneAlike(String command) throws IOException {
    Path effect = write("effect.json", WRONG_EFFECT_CASE);
    Path scp = write("scp.json", SCP_WITH_PRINCIPAL);
    for (Path file : List.of(effect, scp)) {
      CliRun run =
          command.equals("lint")
              ? run("lint", "--no-config", "--type", "scp", file.toString())
              : run("validate", "--type", "scp", file.toString());
      assertThat(run.code()).as(command + " " + file.getFileName()).isEqualTo(1);
      assertThat(run.out()).contains(file + ":").contains(": ERROR ");
    }
  }

  @Test
  void validate_andLint_printFindingsInOneLayout() throws IOException {
    Path file = write("effect.json", WRONG_EFFECT_CASE);
    String validateLine = run("validate", file.toString()).out().lines().findFirst().orElseThrow();
    assertThat(validateLine).startsWith(file + ":1:").contains(": ERROR INVALID_EFFECT ");
    assertThat(run("lint", "--no-config", file.toString()).out()).contains(validateLine);
  }

  @ParameterizedTest
  @ValueSource(strings = {"json", "sarif"})
  void validate_formats_areParseableAndCarryTheProblem(String format) throws IOException {
    Path file = write("effect.json", WRONG_EFFECT_CASE);
    CliRun run = run("validate", "--format", format, file.toString());
    assertThat(run.code()).isEqualTo(1);
    JsonNode root = new ObjectMapper().readTree(run.out());
    assertThat(root.toString()).contains("INVALID_EFFECT");
    if (format.equals("sarif")) {
      assertThat(root.path("version").asText()).isEqualTo("2.1.0");
    } else {
      assertThat(root.path("summary").path("ERROR").asInt()).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"validate", "lint"})
  void invalidExcludeGlob_isAUsageError(String command) throws IOException {
    Path file = write("effect.json", WRONG_EFFECT_CASE);
    CliRun run = run(command, "--exclude", "[unclosed", file.toString());
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err())
        .contains("invalid --exclude '[unclosed'")
        .doesNotContain("internal error");
  }

  @Test
  void quiet_printsOnlyTheFindings() throws IOException {
    Path file = write("effect.json", WRONG_EFFECT_CASE);
    CliRun lint = run("lint", "--no-config", "--quiet", file.toString());
    assertThat(lint.out().lines()).isNotEmpty().allSatisfy(l -> assertThat(l).contains(": ERROR "));
    CliRun validate = run("validate", "-q", file.toString());
    assertThat(validate.out().lines()).singleElement().asString().contains("INVALID_EFFECT");
  }

  @Test
  void listChecks_asJson_isAnArrayOfEveryCheck() throws IOException {
    CliRun run = run("lint", "--list-checks", "--format", "json");
    assertThat(run.code()).isZero();
    JsonNode checks = new ObjectMapper().readTree(run.out());
    assertThat(checks.size()).isEqualTo(dev.arbiter.lint.Linter.checks().size());
    assertThat(checks.get(0).path("helpUri").asText()).contains("docs/checks.md#");
  }

  @Test
  void explain_printsTheHelpOfACode_andSuggestsForATypo() {
    CliRun run = run("explain", "allow_all_actions");
    assertThat(run.code()).isZero();
    assertThat(run.out())
        .startsWith("ALLOW_ALL_ACTIONS (SECURITY_WARNING)")
        .contains("docs/checks.md#allow_all_actions");
    CliRun typo = run("explain", "MISSING_VERSON");
    assertThat(typo.code()).isEqualTo(2);
    assertThat(typo.err()).contains("did you mean MISSING_VERSION?");
  }

  @Test
  void lint_missingConfigFile_isOneLineWithoutJavaNames() throws IOException {
    Path file = write("effect.json", WRONG_EFFECT_CASE);
    CliRun run = run("lint", "-c", dir.resolve("missing.yaml").toString(), file.toString());
    assertThat(run.code()).isEqualTo(3);
    assertThat(run.err()).contains("missing.yaml: no such file").doesNotContain("java.");
  }

  @Test
  void simulate_formatText_onARequestList_printsTextLines() {
    CliRun run = run("simulate", "--format", "text", "../corpus/scenarios/s3-many-requests.json");
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out())
        .contains("own-file: allowed")
        .contains("someone-elses: implicitDeny")
        .contains("2 requests: 1 allowed, 1 denied")
        .doesNotContain("{");
  }

  @Test
  void simulate_text_saysWhichPolicyTypeDecided() {
    CliRun run = run("simulate", "../corpus/scenarios/s3-read-with-deny.json");
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out())
        .contains("Decided by policy type: SCP\n")
        .contains(
            "Decided by:\n  SCP NoDeletesOutsideOffice at account, statement 0"
                + " \"DenyDeleteOffNetwork\" (Deny, line 20:8)");
  }

  @Test
  void simulate_text_isTheLibrarysRendering() throws java.io.IOException {
    Path file = Path.of("../corpus/scenarios/s3-read-with-deny.json");
    CliRun run = run("simulate", file.toString());
    dev.arbiter.eval.scenario.Scenario scenario = dev.arbiter.eval.scenario.Scenario.read(file);
    String library =
        scenario.evaluator().explain(scenario.requests().get(0).request()).toText(true);
    assertThat(run.out()).isEqualTo(library);
  }

  @Test
  void simulate_formatWithBatch_isRefused() {
    CliRun run = run("simulate", "--batch", "--format", "text", "../corpus/eval/xacct.jsonl");
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("--format does not apply to --batch");
  }

  @Test
  void query_unknownAction_isRefusedWithASuggestion() {
    CliRun run = run("query", "--account", ACCOUNT, "who can s3:GetObjct *");
    assertThat(run.code()).isEqualTo(3);
    assertThat(run.err()).contains("unknown action s3:GetObjct; did you mean s3:GetObject?");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void query_explainWithWhoCan_namesTheDecidingStatements() {
    CliRun plain = run("query", "--account", ACCOUNT, "who can s3:GetObject *");
    CliRun run = run("query", "--explain", "--account", ACCOUNT, "who can s3:GetObject *");
    assertThat(run.code()).isZero();
    assertThat(plain.out()).contains("      via identity policy ");
    assertThat(run.out())
        .startsWith(plain.out().lines().findFirst().orElseThrow())
        .contains("      decided by identity policy ")
        .doesNotContain("      via ");
  }

  @Test
  void query_directoryAsAccount_saysWhatItTakes() {
    CliRun run = run("query", "--account", dir.toString(), "who can s3:GetObject *");
    assertThat(run.code()).isEqualTo(3);
    assertThat(run.err()).contains("is a directory; --account takes one");
  }

  @Test
  void oversizedPolicy_isReportedInHumanUnits() throws IOException {
    StringBuilder text = new StringBuilder("{\"Statement\": [");
    while (text.length() < 2_500_000) {
      text.append("{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\"},");
    }
    Path file = write("huge.json", text + "]}");
    CliRun run = run("validate", file.toString());
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out()).contains("document is over 1 MiB").doesNotContain("1048577");
  }
}
