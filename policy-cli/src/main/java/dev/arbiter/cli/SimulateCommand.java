package dev.arbiter.cli;

import dev.arbiter.eval.Decision;
import dev.arbiter.eval.Evaluator;
import dev.arbiter.eval.Explanation;
import dev.arbiter.eval.PublicPolicyTest;
import dev.arbiter.eval.Request;
import dev.arbiter.eval.scenario.NamedRequest;
import dev.arbiter.eval.scenario.Scenario;
import dev.arbiter.eval.scenario.ScenarioCase;
import dev.arbiter.eval.scenario.ScenarioException;
import dev.arbiter.reason.Conditions;
import dev.arbiter.reason.Reasoner;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code arbiter simulate}: decide a scenario's request(s), or a file of conformance cases. */
@Command(
    name = "simulate",
    header = "Decide whether AWS would allow a request, and say why.",
    mixinStandardHelpOptions = true,
    description = {
      "Decide whether AWS would allow a request, given every policy that applies to it, and say"
          + " why.",
      "SCENARIO is a JSON file in the scenario format (request + identity, resource, boundary,"
          + " session, SCP and RCP policies); '-' reads standard input. A scenario with"
          + " \"requests\" prints one JSON line per request: {\"id\": ..., \"decision\": ...};"
          + " with --format text, one line per request (id: decision) and a count.",
      "With --batch, CASES is a .jsonl file of conformance cases ({\"id\", \"source\","
          + " \"scenario\", \"expect\"}, one per line); each prints {\"id\": ..., \"decision\":"
          + " ...} or {\"id\": ..., \"error\": ...} and the run goes on."
    },
    footer = {
      "",
      "Decisions: allowed, explicitDeny (a Deny applies), implicitDeny (an allow is missing).",
      "",
      "Exit codes:",
      "  SCENARIO         0 allowed (all, with \"requests\"), 1 denied, 2 usage,",
      "                   3 not a valid scenario or unreadable",
      "  --batch CASES    0 every case evaluated, 3 some case invalid or unreadable",
      "  --batch --check  1 some decision differs from its \"expect\" (3 still wins)",
      "",
      "Examples:",
      "  arbiter simulate scenario.json",
      "  arbiter simulate --format json scenario.json | jq .decisive",
      "  arbiter simulate --conditions scenario.json   # allowed if aws:MultiFactorAuthPresent...",
      "  arbiter simulate --batch corpus/eval/cset.jsonl",
      "  arbiter simulate --batch --check corpus/eval/trust.jsonl"
    })
final class SimulateCommand implements Callable<Integer> {

  /** How to print a single decision. */
  enum Format {
    text,
    json
  }

  @Spec CommandSpec spec;

  @Option(
      names = {"-f", "--format"},
      paramLabel = "FORMAT",
      description =
          "text or json. Default: text for a single request, JSON lines for a scenario with"
              + " \"requests\". Not with --batch, whose output is fixed.")
  @Nullable Format format;

  @ArgGroup(exclusive = false)
  @Nullable BatchOptions batch;

  @Option(
      names = "--conditions",
      description =
          "Also say under which values of the condition keys the request leaves out it would be"
              + " allowed (each alternative confirmed on the evaluator). A single request only.")
  boolean conditions;

  /** --batch and --check. */
  static final class BatchOptions {
    @Option(
        names = "--batch",
        required = true,
        description = "Read conformance cases, one JSON object per line, instead of a scenario.")
    boolean batch;

    @Option(
        names = "--check",
        description =
            "Compare each case's decision with its \"expect\"; print the mismatches and a summary"
                + " instead of every decision.")
    boolean check;
  }

  @Parameters(paramLabel = "SCENARIO|CASES", description = "The input file, or - for stdin.")
  String input = "-";

  @Override
  public Integer call() {
    String text;
    try {
      text = read(input);
    } catch (IOException e) {
      spec.commandLine().getErr().println(input + ": cannot read: " + Messages.describe(e));
      return ExitCodes.INVALID_INPUT;
    } catch (UncheckedIOException e) {
      spec.commandLine().getErr().println(input + ": cannot read: " + Messages.describe(e));
      return ExitCodes.INVALID_INPUT;
    }
    if (batch != null && format != null) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(),
          "--format does not apply to --batch (JSON lines, or the --check report)");
    }
    if (conditions && batch != null) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--conditions applies to a scenario with one request, not --batch");
    }
    return batch != null ? batch(text, batch.check) : scenario(text);
  }

  private static String read(String input) throws IOException {
    if (input.equals("-")) {
      try (BufferedReader reader =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
        StringBuilder out = new StringBuilder();
        char[] buffer = new char[8192];
        for (int n; (n = reader.read(buffer)) >= 0; ) {
          out.append(buffer, 0, n);
        }
        return out.toString();
      }
    }
    return Files.readString(Path.of(input), StandardCharsets.UTF_8);
  }

  private String name() {
    return input.equals("-") ? "<stdin>" : input;
  }

  private int scenario(String text) {
    PrintWriter out = spec.commandLine().getOut();
    Scenario scenario;
    try {
      scenario = Scenario.parse(text, LazyPublicPolicyTest.create());
    } catch (ScenarioException e) {
      spec.commandLine().getErr().println(describe(name(), e));
      return ExitCodes.INVALID_INPUT;
    }
    Evaluator evaluator = scenario.evaluator();
    if (conditions && scenario.hasRequestList()) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(),
          "--conditions applies to a scenario with one request, not a \"requests\" list");
    }
    if (scenario.hasRequestList()) {
      // Thousands of lines: through one buffer rather than flushed one by one.
      out = new PrintWriter(new BufferedWriter(out, 1 << 16));
      boolean lines = format == Format.text;
      int allowed = 0;
      for (NamedRequest entry : scenario.requests()) {
        Decision decision = evaluator.evaluate(entry.request());
        if (decision.isAllowed()) {
          allowed++;
        }
        out.println(
            lines
                ? entry.id() + ": " + decision.json()
                : JsonOutput.decisionLine(entry.id(), decision));
      }
      int total = scenario.requests().size();
      if (lines) {
        out.println(
            total
                + (total == 1 ? " request: " : " requests: ")
                + allowed
                + " allowed, "
                + (total - allowed)
                + " denied");
      }
      out.flush();
      return allowed == total ? ExitCodes.OK : ExitCodes.DENIED_OR_FINDINGS;
    }
    Request request = scenario.requests().get(0).request();
    Explanation explanation = evaluator.explain(request);
    Conditions missing =
        conditions ? Reasoner.create().conditions(scenario.policies(), request) : null;
    if (format == Format.json) {
      out.println(
          missing == null
              ? JsonOutput.explanation(explanation)
              : JsonOutput.explanation(explanation, missing));
    } else {
      out.print(explanation.toText(true));
      if (missing != null) {
        out.print(conditionsText(missing));
      }
    }
    out.flush();
    return explanation.decision().isAllowed() ? ExitCodes.OK : ExitCodes.DENIED_OR_FINDINGS;
  }

  /** The --conditions section of the text output: {@link Conditions#toText()}. */
  static String conditionsText(Conditions conditions) {
    return "\n" + conditions.toText();
  }

  private int batch(String text, boolean check) {
    PrintWriter out = spec.commandLine().getOut();
    List<String> lines = text.lines().toList();
    // docs/semantics.md §9.13: one test for the file, so a bucket policy shared by cases is
    // checked once.
    PublicPolicyTest publicTest = LazyPublicPolicyTest.create();
    int invalid = 0;
    int passed = 0;
    int failed = 0;
    int unchecked = 0;
    List<String> ids = new ArrayList<>();
    Set<String> ignored = new TreeSet<>();
    int ignoringLines = 0;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      Optional<String> peeked = ScenarioCase.peekId(line);
      ScenarioCase scenarioCase;
      try {
        scenarioCase = ScenarioCase.parse(line, publicTest);
      } catch (ScenarioException e) {
        invalid++;
        String message = "line " + (i + 1) + ": " + describe(e);
        out.println(
            check
                ? "ERROR " + peeked.map(id -> id + ": ").orElse("") + message
                : JsonOutput.errorLine(peeked.orElse(null), message));
        continue;
      }
      if (ids.contains(scenarioCase.id())) {
        invalid++;
        String message =
            "line " + (i + 1) + ": case id \"" + scenarioCase.id() + "\" is used twice";
        out.println(
            check
                ? "ERROR " + scenarioCase.id() + ": " + message
                : JsonOutput.errorLine(scenarioCase.id(), message));
        continue;
      }
      ids.add(scenarioCase.id());
      if (!scenarioCase.ignoredMembers().isEmpty()) {
        ignored.addAll(scenarioCase.ignoredMembers());
        ignoringLines++;
      }
      Evaluator evaluator = scenarioCase.scenario().evaluator();
      Decision decision = evaluator.evaluate(scenarioCase.request());
      if (!check) {
        out.println(JsonOutput.decisionLine(scenarioCase.id(), decision));
        continue;
      }
      Optional<Decision> expected = scenarioCase.expected();
      if (expected.isEmpty()) {
        unchecked++;
      } else if (expected.get() == decision) {
        passed++;
      } else {
        failed++;
        Explanation why = evaluator.explain(scenarioCase.request());
        out.println(
            "MISMATCH "
                + scenarioCase.id()
                + " (line "
                + (i + 1)
                + "): expected "
                + expected.get().json()
                + ", got "
                + decision.json()
                + ": "
                + why.summary());
      }
    }
    if (check) {
      out.println(
          passed
              + " passed, "
              + failed
              + " failed"
              + (invalid > 0 ? ", " + invalid + " invalid" : "")
              + (unchecked > 0 ? ", " + unchecked + " without \"expect\"" : ""));
    }
    out.flush();
    if (!ignored.isEmpty()) {
      // One warning per run: a converted suite may tag every line.
      spec.commandLine()
          .getErr()
          .println(
              "arbiter simulate: warning: ignored members that are not part of a case ("
                  + String.join(", ", ignored)
                  + ") on "
                  + ignoringLines
                  + " line"
                  + (ignoringLines == 1 ? "" : "s"));
    }
    if (invalid > 0) {
      return ExitCodes.INVALID_INPUT;
    }
    return check && failed > 0 ? ExitCodes.DENIED_OR_FINDINGS : ExitCodes.OK;
  }

  /** {@code FILE:line:col: message (at /pointer)}. */
  static String describe(String file, ScenarioException e) {
    return file + ":" + e.position() + ": " + e.reason() + " (at " + pointer(e) + ")";
  }

  /** For a case line: {@code column C at /pointer: message}. */
  private static String describe(ScenarioException e) {
    return "column " + e.position().column() + " at " + pointer(e) + ": " + e.reason();
  }

  private static String pointer(ScenarioException e) {
    return e.pointer().tokens().isEmpty() ? "/" : e.pointer().toString();
  }
}
