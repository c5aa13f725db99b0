package dev.arbiter.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.arbiter.lint.Check;
import dev.arbiter.lint.Finding;
import dev.arbiter.lint.FindingType;
import dev.arbiter.lint.LintResult;
import dev.arbiter.lint.Linter;
import dev.arbiter.lint.config.LintConfig;
import dev.arbiter.policy.PolicyType;
import dev.arbiter.policy.internal.OneLine;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The three report formats of {@code arbiter lint}: text, JSON and SARIF 2.1.0. */
final class Reports {
  private Reports() {}

  /** Writes into a caller's writer, which it must not close. */
  private static final JsonFactory JSON =
      JsonFactory.builder()
          .disable(com.fasterxml.jackson.core.StreamWriteFeature.AUTO_CLOSE_TARGET)
          .build();

  private static final String RESET = "\033[0m";

  static final String SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

  /**
   * What the report says beyond the findings.
   *
   * @param skipped files found in directories that are not policies, left out
   * @param baselined findings held back because the baseline lists them
   */
  record Totals(
      int skipped, int baselined, int unknown, Map<LintResult, TemplateInputs.Embedded> embedded) {
    static final Totals NONE = new Totals(0, 0);

    Totals(int skipped, int baselined) {
      this(skipped, baselined, 0, Map.of());
    }

    /** Where a result's policy sits in a template, if it came from one. */
    Optional<TemplateInputs.Embedded> embedded(LintResult result) {
      return Optional.ofNullable(embedded.get(result));
    }
  }

  // ---------------------------------------------------------------- text

  /**
   * {@code path:line:col: TYPE CODE message} per finding, then (unless {@code quiet}) the summary
   * line.
   */
  static void text(
      PrintWriter out,
      List<LintResult> results,
      boolean color,
      boolean verbose,
      boolean quiet,
      Totals totals) {
    for (LintResult result : results) {
      if (verbose) {
        out.println(
            result.file()
                + ": "
                + result
                    .policyType()
                    .map(
                        t ->
                            "checked as "
                                + t.cliName()
                                + (result.typeDetected() ? " (detected)" : "")
                                + result
                                    .resourceType()
                                    .map(
                                        r ->
                                            ", attached to "
                                                + r.awsName()
                                                + (result.resourceTypeInferred()
                                                    ? " (inferred from its ARNs)"
                                                    : ""))
                                    .orElse(""))
                    .orElse("not a policy"));
      }
      Optional<TemplateInputs.Embedded> embedded = totals.embedded(result);
      for (Finding finding : result.findings()) {
        String where = embedded.map(e -> e.describe(finding)).orElse("");
        if (!color) {
          out.println(finding + where);
          continue;
        }
        out.println(
            finding.file()
                + ":"
                + line(finding)
                + ":"
                + column(finding)
                + ": "
                + colour(finding.type())
                + finding.type().awsName()
                + RESET
                + " \033[1m"
                + finding.code()
                + RESET
                + " "
                + OneLine.of(finding.message(), 2_000)
                + where);
      }
    }
    if (!quiet) {
      out.println(summary(results, totals));
    }
  }

  private static String colour(FindingType type) {
    return switch (type) {
      case ERROR -> "\033[1;31m";
      case SECURITY_WARNING -> "\033[1;35m";
      case WARNING -> "\033[33m";
      case SUGGESTION -> "\033[36m";
    };
  }

  /**
   * One line: files, types checked as, counts per finding type, suppressed, baselined, unparseable,
   * skipped.
   */
  static String summary(List<LintResult> results, Totals totals) {
    Map<FindingType, Integer> counts = new EnumMap<>(FindingType.class);
    Map<String, Integer> types = new TreeMap<>();
    int suppressed = 0;
    int unparsed = 0;
    int withFindings = 0;
    for (LintResult result : results) {
      for (Finding finding : result.findings()) {
        counts.merge(finding.type(), 1, Integer::sum);
      }
      suppressed += result.suppressed();
      if (!result.parsed()) {
        unparsed++;
      }
      if (!result.findings().isEmpty()) {
        withFindings++;
      }
      result.policyType().ifPresent(t -> types.merge(t.cliName(), 1, Integer::sum));
    }
    StringBuilder line = new StringBuilder();
    if (totals.embedded().isEmpty()) {
      line.append(results.size())
          .append(results.size() == 1 ? " file" : " files")
          .append(" linted");
    } else {
      // Templates give one result per policy found in them.
      long files = results.stream().map(LintResult::file).distinct().count();
      line.append(files).append(files == 1 ? " file" : " files").append(" linted, ");
      line.append(plural(results.size(), "policy").replace("policys", "policies"));
    }
    if (!types.isEmpty()) {
      line.append(" (");
      types.forEach((t, n) -> line.append(n).append(' ').append(t).append(", "));
      line.setLength(line.length() - 2);
      line.append(')');
    }
    line.append(", ")
        .append(withFindings)
        .append(totals.embedded().isEmpty() ? " with findings: " : " of them with findings: ");
    line.append(plural(counts.getOrDefault(FindingType.ERROR, 0), "error")).append(", ");
    line.append(plural(counts.getOrDefault(FindingType.SECURITY_WARNING, 0), "security warning"))
        .append(", ");
    line.append(plural(counts.getOrDefault(FindingType.WARNING, 0), "warning")).append(", ");
    line.append(plural(counts.getOrDefault(FindingType.SUGGESTION, 0), "suggestion"));
    if (suppressed > 0) {
      line.append("; ").append(suppressed).append(" suppressed by the configuration");
    }
    if (totals.baselined() > 0) {
      line.append("; ").append(totals.baselined()).append(" in the baseline");
    }
    if (unparsed > 0) {
      line.append("; ").append(unparsed).append(unparsed == 1 ? " file" : " files");
      line.append(" not read as a policy");
    }
    if (totals.unknown() > 0) {
      line.append("; ")
          .append(plural(totals.unknown(), "finding"))
          .append(" on values not known offline left out");
    }
    if (totals.skipped() > 0) {
      line.append("; ")
          .append(plural(totals.skipped(), "JSON file"))
          .append(" skipped as not policies (name a file to check it anyway)");
    }
    return line.toString();
  }

  private static String plural(int n, String word) {
    return n + " " + word + (n == 1 ? "" : "s");
  }

  private static int line(Finding finding) {
    return finding.position().isKnown() ? finding.position().line() : 1;
  }

  private static int column(Finding finding) {
    return finding.position().isKnown() ? finding.position().column() : 1;
  }

  // ---------------------------------------------------------------- JSON

  /** A JSON object with every file, its policy type, its findings and a summary. */
  static void json(PrintWriter out, List<LintResult> results, LintConfig config, Totals totals)
      throws IOException {
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.useDefaultPrettyPrinter();
      json.writeStartObject();
      json.writeStringField("tool", "arbiter");
      json.writeStringField("version", ArbiterCli.Version.number());
      json.writeStringField("config", config.source());
      json.writeArrayFieldStart("files");
      for (LintResult result : results) {
        json.writeStartObject();
        json.writeStringField("path", result.file());
        Optional<TemplateInputs.Embedded> embedded = totals.embedded(result);
        if (embedded.isPresent()) {
          embedded(json, embedded.get());
        }
        if (result.policyType().isPresent()) {
          json.writeStringField("policyType", result.policyType().get().cliName());
          json.writeBooleanField("policyTypeDetected", result.typeDetected());
          if (result.resourceType().isPresent()) {
            json.writeStringField("resourceType", result.resourceType().get().awsName());
            json.writeBooleanField("resourceTypeInferred", result.resourceTypeInferred());
          }
        } else {
          json.writeNullField("policyType");
        }
        json.writeBooleanField("parsed", result.parsed());
        json.writeNumberField("suppressed", result.suppressed());
        json.writeArrayFieldStart("findings");
        for (Finding finding : result.findings()) {
          json.writeStartObject();
          json.writeStringField("code", finding.code());
          json.writeStringField("type", finding.type().awsName());
          json.writeStringField("message", finding.message());
          json.writeStringField("pointer", finding.pointer().toString());
          json.writeNumberField("line", line(finding));
          json.writeNumberField("column", column(finding));
          related(json, finding);
          json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
      }
      json.writeEndArray();
      Map<FindingType, Integer> counts = new EnumMap<>(FindingType.class);
      results.forEach(r -> r.findings().forEach(f -> counts.merge(f.type(), 1, Integer::sum)));
      json.writeObjectFieldStart("summary");
      json.writeNumberField("files", results.size());
      for (FindingType type : FindingType.values()) {
        json.writeNumberField(type.awsName(), counts.getOrDefault(type, 0));
      }
      json.writeNumberField("suppressed", results.stream().mapToInt(LintResult::suppressed).sum());
      json.writeNumberField("unparsed", results.stream().filter(r -> !r.parsed()).count());
      json.writeNumberField("skipped", totals.skipped());
      json.writeNumberField("baselined", totals.baselined());
      json.writeNumberField("unknown", totals.unknown());
      json.writeEndObject();
      json.writeEndObject();
    }
    out.println();
  }

  /** Where the policy sits in its template, as a {@code template} object. */
  private static void embedded(JsonGenerator json, TemplateInputs.Embedded embedded)
      throws IOException {
    json.writeObjectFieldStart("template");
    json.writeStringField("resource", embedded.resource());
    if (!embedded.resourceType().isEmpty()) {
      json.writeStringField("resourceType", embedded.resourceType());
    }
    json.writeStringField("property", embedded.property().toString());
    if (embedded.cdkPath().isPresent()) {
      json.writeStringField("cdkPath", embedded.cdkPath().get());
    }
    json.writeArrayFieldStart("branches");
    for (String branch : embedded.branches()) {
      json.writeString(branch);
    }
    json.writeEndArray();
    json.writeNumberField("unknownFindings", embedded.unknownDropped());
    json.writeEndObject();
  }

  // ---------------------------------------------------------------- SARIF

  /**
   * A SARIF 2.1.0 log with one run: every check as a rule (help text, default level, security
   * tags), every finding as a result with a physical location relative to the working directory.
   */
  static void sarif(PrintWriter out, List<LintResult> results, String version) throws IOException {
    sarif(out, results, version, Totals.NONE);
  }

  /** The SARIF log, with templates' resources as logical locations. */
  static void sarif(PrintWriter out, List<LintResult> results, String version, Totals totals)
      throws IOException {
    List<Check> checks = Linter.checks();
    Map<String, Integer> ruleIndex = new HashMap<>();
    for (int i = 0; i < checks.size(); i++) {
      ruleIndex.put(checks.get(i).code(), i);
    }
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.useDefaultPrettyPrinter();
      json.writeStartObject();
      json.writeStringField("$schema", SARIF_SCHEMA);
      json.writeStringField("version", "2.1.0");
      json.writeArrayFieldStart("runs");
      json.writeStartObject();
      json.writeObjectFieldStart("tool");
      json.writeObjectFieldStart("driver");
      json.writeStringField("name", "arbiter");
      json.writeStringField("informationUri", ArbiterCli.Version.homepage());
      json.writeStringField("semanticVersion", semver(version));
      json.writeArrayFieldStart("rules");
      for (Check check : checks) {
        rule(json, check);
      }
      json.writeEndArray();
      json.writeEndObject();
      json.writeEndObject();
      json.writeArrayFieldStart("results");
      Path cwd = Path.of("");
      for (LintResult result : results) {
        Map<Baseline.Key, Integer> seen = new HashMap<>();
        for (Finding finding : result.findings()) {
          Baseline.Key key = Baseline.key(finding, cwd);
          int occurrence = seen.merge(key, 1, Integer::sum);
          Integer index = ruleIndex.get(finding.code());
          json.writeStartObject();
          json.writeStringField("ruleId", finding.code());
          if (index != null) {
            json.writeNumberField("ruleIndex", index);
          }
          json.writeStringField("level", level(finding.type()));
          json.writeObjectFieldStart("message");
          json.writeStringField("text", finding.message());
          json.writeEndObject();
          json.writeArrayFieldStart("locations");
          json.writeStartObject();
          json.writeObjectFieldStart("physicalLocation");
          json.writeObjectFieldStart("artifactLocation");
          Uri uri = uri(finding.file());
          json.writeStringField("uri", uri.text());
          if (uri.relative()) {
            json.writeStringField("uriBaseId", "%SRCROOT%");
          }
          json.writeEndObject();
          json.writeObjectFieldStart("region");
          json.writeNumberField("startLine", line(finding));
          json.writeNumberField("startColumn", column(finding));
          json.writeEndObject();
          json.writeEndObject();
          json.writeArrayFieldStart("logicalLocations");
          json.writeStartObject();
          json.writeStringField(
              "fullyQualifiedName",
              finding.pointer().tokens().isEmpty() ? "/" : finding.pointer().toString());
          json.writeStringField("kind", "member");
          json.writeEndObject();
          Optional<TemplateInputs.Embedded> embedded = totals.embedded(result);
          if (embedded.isPresent()) {
            json.writeStartObject();
            json.writeStringField("name", embedded.get().resource(finding));
            json.writeStringField("fullyQualifiedName", embedded.get().resource(finding));
            json.writeStringField("kind", "resource");
            json.writeEndObject();
            if (embedded.get().cdkPath(finding).isPresent()) {
              json.writeStartObject();
              json.writeStringField("fullyQualifiedName", embedded.get().cdkPath(finding).get());
              json.writeStringField("kind", "module");
              json.writeEndObject();
            }
          }
          json.writeEndArray();
          json.writeEndObject();
          json.writeEndArray();
          // Code scanning matches results across commits by these, not by line: the same key as
          // the baseline's (file, pointer, code), and which occurrence of it in the file.
          json.writeObjectFieldStart("partialFingerprints");
          json.writeStringField("arbiterFinding/v1", fingerprint(key, occurrence));
          json.writeEndObject();
          json.writeObjectFieldStart("properties");
          json.writeStringField("findingType", finding.type().awsName());
          result.policyType().map(PolicyType::cliName).ifPresent(t -> write(json, "policyType", t));
          if (embedded.isPresent()) {
            if (!embedded.get().resourceType().isEmpty()) {
              write(json, "resourceType", embedded.get().resourceType());
            }
            if (!embedded.get().branches().isEmpty()) {
              write(json, "branch", String.join(" and ", embedded.get().branches()));
            }
          }
          related(json, finding);
          json.writeEndObject();
          json.writeEndObject();
        }
      }
      json.writeEndArray();
      json.writeEndObject();
      json.writeEndArray();
      json.writeEndObject();
    }
    out.println();
  }

  /** The findings folded into {@code finding}, as a {@code related} array, if any. */
  private static void related(JsonGenerator json, Finding finding) throws IOException {
    if (finding.related().isEmpty()) {
      return;
    }
    json.writeArrayFieldStart("related");
    for (Finding other : finding.related()) {
      json.writeStartObject();
      json.writeStringField("code", other.code());
      json.writeStringField("type", other.type().awsName());
      json.writeStringField("message", other.message());
      json.writeEndObject();
    }
    json.writeEndArray();
  }

  private static void write(JsonGenerator json, String name, String value) {
    try {
      json.writeStringField(name, value);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void rule(JsonGenerator json, Check check) throws IOException {
    json.writeStartObject();
    json.writeStringField("id", check.code());
    json.writeStringField("name", camel(check.code()));
    json.writeStringField("helpUri", helpUri(check));
    json.writeObjectFieldStart("shortDescription");
    json.writeStringField("text", check.summary());
    json.writeEndObject();
    json.writeObjectFieldStart("fullDescription");
    json.writeStringField("text", check.help());
    json.writeEndObject();
    json.writeObjectFieldStart("help");
    json.writeStringField("text", helpText(check));
    json.writeStringField(
        "markdown",
        "**"
            + check.summary()
            + "**\n\n"
            + check.help()
            + "\n\n"
            + origin(check)
            + ". More: [docs/checks.md]("
            + helpUri(check)
            + "), or `arbiter explain "
            + check.code()
            + "`.");
    json.writeEndObject();
    json.writeObjectFieldStart("defaultConfiguration");
    json.writeStringField("level", level(check.defaultType()));
    json.writeEndObject();
    json.writeObjectFieldStart("properties");
    json.writeArrayFieldStart("tags");
    json.writeString("iam");
    if (check.defaultType() == FindingType.SECURITY_WARNING) {
      json.writeString("security");
    }
    json.writeString(
        check.origin() == Check.Origin.ACCESS_ANALYZER ? "access-analyzer" : "arbiter");
    json.writeEndArray();
    json.writeStringField("findingType", check.defaultType().awsName());
    if (check.defaultType() == FindingType.SECURITY_WARNING) {
      json.writeStringField("security-severity", "7.5");
    }
    json.writeEndObject();
    json.writeEndObject();
  }

  /** Where the check is documented: its section of docs/checks.md. */
  static String helpUri(Check check) {
    return ArbiterCli.Version.checksPage() + "#" + check.code().toLowerCase(Locale.ROOT);
  }

  /** The plain-text help of a check: what it finds, what to do, where it comes from. */
  static String helpText(Check check) {
    return check.summary() + "\n\n" + check.help() + "\n\n" + origin(check) + ".";
  }

  /** Who defines the check, with its default finding type. */
  static String origin(Check check) {
    return (check.origin() == Check.Origin.ACCESS_ANALYZER
            ? "An IAM Access Analyzer policy check (same issue code)"
            : "An Arbiter check (not an Access Analyzer code)")
        + "; default finding type "
        + check.defaultType().awsName();
  }

  /** A stable fingerprint: SHA-256 of the key and occurrence, hex, first 32 digits. */
  private static String fingerprint(Baseline.Key key, int occurrence) {
    String text = key.file() + '\0' + key.pointer() + '\0' + key.code() + '\0' + occurrence;
    try {
      byte[] digest =
          java.security.MessageDigest.getInstance("SHA-256")
              .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      StringBuilder hex = new StringBuilder();
      for (int i = 0; i < 16; i++) {
        hex.append(String.format(Locale.ROOT, "%02x", digest[i] & 0xFF));
      }
      return hex.toString();
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  // ---------------------------------------------------------------- checks

  /** The checks as a JSON array: code, finding type, origin, summary, help and link. */
  static void checksJson(PrintWriter out) throws IOException {
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.useDefaultPrettyPrinter();
      json.writeStartArray();
      for (Check check : Linter.checks()) {
        json.writeStartObject();
        json.writeStringField("code", check.code());
        json.writeStringField("type", check.defaultType().awsName());
        json.writeStringField(
            "origin",
            check.origin() == Check.Origin.ACCESS_ANALYZER ? "access-analyzer" : "arbiter");
        json.writeStringField("summary", check.summary());
        json.writeStringField("help", check.help());
        json.writeStringField("helpUri", helpUri(check));
        json.writeEndObject();
      }
      json.writeEndArray();
    }
    out.println();
  }

  /** SARIF levels: ERROR and SECURITY_WARNING block (error), WARNING warns, SUGGESTION notes. */
  static String level(FindingType type) {
    return switch (type) {
      case ERROR, SECURITY_WARNING -> "error";
      case WARNING -> "warning";
      case SUGGESTION -> "note";
    };
  }

  private static String camel(String code) {
    StringBuilder out = new StringBuilder();
    for (String word : code.toLowerCase(Locale.ROOT).split("_", -1)) {
      if (!word.isEmpty()) {
        out.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
      }
    }
    return out.toString();
  }

  private static String semver(String version) {
    return version.matches("\\d+\\.\\d+\\.\\d+.*") ? version : "0.0.0";
  }

  private record Uri(String text, boolean relative) {}

  /** The file as a URI: relative to the working directory when it is inside it. */
  private static Uri uri(String file) {
    if (file.equals("<stdin>")) {
      return new Uri("stdin", true);
    }
    Path path = Path.of(file);
    Path cwd = Path.of("").toAbsolutePath().normalize();
    Path absolute = path.toAbsolutePath().normalize();
    if (absolute.startsWith(cwd)) {
      return new Uri(encode(cwd.relativize(absolute).toString().replace('\\', '/')), true);
    }
    if (!path.isAbsolute()) {
      return new Uri(encode(path.normalize().toString().replace('\\', '/')), true);
    }
    return new Uri(absolute.toUri().toString(), false);
  }

  private static String encode(String path) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || "-._~/!$&'()*+,;=:@".indexOf(c) >= 0) {
        out.append(c);
      } else {
        for (byte b : String.valueOf(c).getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
          out.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xFF));
        }
      }
    }
    return out.toString();
  }
}
