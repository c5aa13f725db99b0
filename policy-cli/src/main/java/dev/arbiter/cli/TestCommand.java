package dev.arbiter.cli;

import dev.arbiter.eval.Decision;
import dev.arbiter.eval.Evaluator;
import dev.arbiter.eval.Explanation;
import dev.arbiter.eval.PublicPolicyTest;
import dev.arbiter.eval.StatementRef;
import dev.arbiter.eval.scenario.NamedRequest;
import dev.arbiter.eval.scenario.Scenario;
import dev.arbiter.eval.scenario.ScenarioException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code arbiter test}: runs policy tests, scenarios whose requests carry the decision they expect
 * (docs/scenario.md, Policy tests).
 */
@Command(
    name = "test",
    header = "Run policy tests: requests with the decision they expect, on your policy files.",
    mixinStandardHelpOptions = true,
    description = {
      "Run policy tests: scenario files whose \"requests\" carry an \"expect\"ed decision"
          + " (allowed, explicitDeny, implicitDeny). Policy entries may point at the policy files"
          + " of your repository: {\"name\": \"deploy\", \"file\": \"../iam/deploy.json\"},"
          + " resolved against the test file's directory.",
      "A PATH that is a directory is searched recursively for *.json files; files that are not"
          + " policy tests are skipped and counted. Each failing expectation prints one line with"
          + " the request, the expected and the actual decision and the deciding statements."
    },
    footer = {
      "",
      "Exit codes: 0 every expectation met, 1 some expectation failed, 3 a test file is invalid"
          + " or unreadable, or no test was found (3 wins), 2 usage error.",
      "",
      "Examples:",
      "  arbiter test corpus/tests",
      "  arbiter test --format junit corpus/tests > arbiter-tests.xml"
    })
final class TestCommand implements Callable<Integer> {

  /** How to report. */
  enum Format {
    text,
    junit,
    json
  }

  @Spec CommandSpec spec;

  @Option(
      names = {"-f", "--format"},
      paramLabel = "FORMAT",
      description =
          "text (default): failures and a summary; junit: JUnit XML, a testsuite per file and a"
              + " testcase per request; json: one JSON line per request.")
  Format format = Format.text;

  @Parameters(paramLabel = "PATH", arity = "1..*", description = "Test files or directories.")
  List<Path> paths = new ArrayList<>();

  /** One request of a test and what became of it. */
  private record Outcome(
      NamedRequest entry, Decision expected, Decision actual, @Nullable Explanation why) {
    boolean passed() {
      return expected == actual;
    }
  }

  /** One test file: its outcomes, or the reason it could not be read. */
  private record TestFile(String name, List<Outcome> outcomes, @Nullable String error) {
    long failures() {
      return outcomes.stream().filter(o -> !o.passed()).count();
    }
  }

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    List<Path> files = new ArrayList<>();
    boolean missing = false;
    for (Path path : paths) {
      if (Files.isDirectory(path)) {
        try (Stream<Path> walk = Files.walk(path)) {
          walk.filter(p -> Files.isRegularFile(p) && p.toString().endsWith(".json"))
              .sorted()
              .forEach(files::add);
        }
      } else if (Files.exists(path)) {
        files.add(path);
      } else {
        err.println("arbiter test: " + path + ": no such file or directory");
        missing = true;
      }
    }
    List<TestFile> tests = new ArrayList<>();
    int skipped = 0;
    for (Path file : files) {
      String text;
      try {
        text = Files.readString(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        tests.add(new TestFile(file.toString(), List.of(), "cannot read: " + Messages.describe(e)));
        continue;
      }
      if (Scenario.isPolicyTest(text)) {
        tests.add(run(file));
      } else {
        skipped++;
      }
    }
    report(tests, skipped);
    long invalid = tests.stream().filter(t -> t.error() != null).count();
    if (missing || invalid > 0) {
      return ExitCodes.INVALID_INPUT;
    }
    if (tests.isEmpty()) {
      err.println(
          "arbiter test: no policy tests found (a test is a scenario whose \"requests\" carry"
              + " \"expect\"); "
              + skipped
              + " other file"
              + (skipped == 1 ? "" : "s")
              + " skipped");
      return ExitCodes.INVALID_INPUT;
    }
    return tests.stream().anyMatch(t -> t.failures() > 0)
        ? ExitCodes.DENIED_OR_FINDINGS
        : ExitCodes.OK;
  }

  /** One for the run, so that a bucket policy many test files share is checked once. */
  private static final PublicPolicyTest PUBLIC_POLICY_TEST = LazyPublicPolicyTest.create();

  private static TestFile run(Path file) throws IOException {
    Scenario scenario;
    try {
      // docs/semantics.md §9.13: "public" is decided as `arbiter check no-public-access` decides
      // it.
      scenario = Scenario.read(file, PUBLIC_POLICY_TEST);
    } catch (ScenarioException e) {
      return new TestFile(file.toString(), List.of(), SimulateCommand.describe(file.toString(), e));
    }
    Evaluator evaluator = scenario.evaluator();
    List<Outcome> outcomes = new ArrayList<>();
    for (NamedRequest entry : scenario.requests()) {
      Optional<Decision> expected = entry.expected();
      if (expected.isEmpty()) {
        continue;
      }
      Decision actual = evaluator.evaluate(entry.request());
      Explanation why = actual == expected.get() ? null : evaluator.explain(entry.request());
      outcomes.add(new Outcome(entry, expected.get(), actual, why));
    }
    return new TestFile(file.toString(), outcomes, null);
  }

  private void report(List<TestFile> tests, int skipped) {
    PrintWriter out = spec.commandLine().getOut();
    long passed = tests.stream().mapToLong(t -> t.outcomes().size() - t.failures()).sum();
    long failed = tests.stream().mapToLong(TestFile::failures).sum();
    long invalid = tests.stream().filter(t -> t.error() != null).count();
    String summary =
        passed
            + " passed, "
            + failed
            + " failed"
            + (invalid > 0 ? ", " + invalid + " invalid" : "")
            + " ("
            + tests.size()
            + " test file"
            + (tests.size() == 1 ? "" : "s")
            + ", "
            + skipped
            + " other file"
            + (skipped == 1 ? "" : "s")
            + " skipped)";
    switch (format) {
      case text -> {
        for (TestFile test : tests) {
          if (test.error() != null) {
            out.println("ERROR " + test.error());
          }
          for (Outcome outcome : test.outcomes()) {
            if (!outcome.passed()) {
              out.println("FAIL " + failureLine(test, outcome));
            }
          }
        }
        out.println(summary);
      }
      case junit -> {
        out.print(junit(tests));
        spec.commandLine().getErr().println(summary);
      }
      case json -> {
        tests.forEach(test -> jsonLines(test).forEach(out::println));
        spec.commandLine().getErr().println(summary);
      }
    }
    out.flush();
  }

  /** {@code FILE: ID: PRINCIPAL ACTION RESOURCE: expected X, got Y; decided by ...}. */
  private static String failureLine(TestFile test, Outcome outcome) {
    return test.name()
        + ": "
        + outcome.entry().id()
        + ": "
        + outcome.entry().request()
        + ": expected "
        + outcome.expected().json()
        + ", got "
        + outcome.actual().json()
        + "; "
        + decidedBy(outcome);
  }

  /** The deciding statements, or for an implicit deny (which none decides) the summary. */
  private static String decidedBy(Outcome outcome) {
    Explanation why = outcome.why();
    if (why == null) {
      return "";
    }
    if (why.decisive().isEmpty()) {
      return why.summary();
    }
    return "decided by "
        + why.decisive().stream().map(StatementRef::toString).collect(Collectors.joining(", "));
  }

  private static List<String> jsonLines(TestFile test) {
    List<String> lines = new ArrayList<>();
    String error = test.error();
    if (error != null) {
      lines.add(
          JsonOutput.render(
              json -> {
                json.writeStartObject();
                json.writeStringField("file", test.name());
                json.writeStringField("error", error);
                json.writeEndObject();
              }));
    }
    for (Outcome outcome : test.outcomes()) {
      lines.add(
          JsonOutput.render(
              json -> {
                json.writeStartObject();
                json.writeStringField("file", test.name());
                json.writeStringField("id", outcome.entry().id());
                json.writeStringField("expect", outcome.expected().json());
                json.writeStringField("decision", outcome.actual().json());
                json.writeBooleanField("passed", outcome.passed());
                Explanation why = outcome.why();
                if (why != null) {
                  json.writeFieldName("explanation");
                  JsonOutput.writeExplanation(json, why);
                }
                json.writeEndObject();
              }));
    }
    return lines;
  }

  /**
   * JUnit XML as CI systems read it: a {@code testsuite} per file, a {@code testcase} per request,
   * a {@code failure} with the explanation for an unmet expectation, an {@code error} for a file
   * that cannot be read.
   */
  static String junit(List<TestFile> tests) {
    StringWriter text = new StringWriter();
    try {
      XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(text);
      xml.writeStartDocument("UTF-8", "1.0");
      xml.writeCharacters("\n");
      xml.writeStartElement("testsuites");
      xml.writeAttribute("name", "arbiter test");
      xml.writeAttribute(
          "tests",
          Long.toString(
              tests.stream().mapToLong(t -> t.error() == null ? t.outcomes().size() : 1).sum()));
      xml.writeAttribute(
          "failures", Long.toString(tests.stream().mapToLong(TestFile::failures).sum()));
      xml.writeAttribute(
          "errors", Long.toString(tests.stream().filter(t -> t.error() != null).count()));
      for (TestFile test : tests) {
        xml.writeCharacters("\n  ");
        xml.writeStartElement("testsuite");
        xml.writeAttribute("name", test.name());
        String error = test.error();
        xml.writeAttribute("tests", Integer.toString(error == null ? test.outcomes().size() : 1));
        xml.writeAttribute("failures", Long.toString(test.failures()));
        xml.writeAttribute("errors", error == null ? "0" : "1");
        if (error != null) {
          xml.writeCharacters("\n    ");
          xml.writeStartElement("testcase");
          xml.writeAttribute("classname", test.name());
          xml.writeAttribute("name", "read");
          xml.writeStartElement("error");
          xml.writeAttribute("message", error);
          xml.writeEndElement();
          xml.writeEndElement();
        }
        for (Outcome outcome : test.outcomes()) {
          xml.writeCharacters("\n    ");
          xml.writeStartElement("testcase");
          xml.writeAttribute("classname", test.name());
          xml.writeAttribute("name", outcome.entry().id());
          Explanation why = outcome.why();
          if (why != null) {
            xml.writeStartElement("failure");
            xml.writeAttribute(
                "message",
                "expected "
                    + outcome.expected().json()
                    + ", got "
                    + outcome.actual().json()
                    + "; "
                    + decidedBy(outcome));
            xml.writeAttribute("type", "decision");
            xml.writeCharacters(outcome.entry().request() + "\n" + why);
            xml.writeEndElement();
          }
          xml.writeEndElement();
        }
        xml.writeCharacters("\n  ");
        xml.writeEndElement();
      }
      xml.writeCharacters("\n");
      xml.writeEndElement();
      xml.writeEndDocument();
      xml.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("writing JUnit XML to a string failed", e);
    }
    return text + "\n";
  }
}
