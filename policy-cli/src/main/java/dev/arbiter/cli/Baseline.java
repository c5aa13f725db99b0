package dev.arbiter.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.arbiter.lint.Finding;
import dev.arbiter.lint.LintResult;
import dev.arbiter.policy.json.Json;
import dev.arbiter.policy.json.JsonReadException;
import dev.arbiter.policy.json.JsonReader;
import dev.arbiter.policy.json.Limits;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The findings a repository already had when it adopted {@code arbiter lint}, so that only new ones
 * fail a build. A finding is keyed by its file (relative to the baseline file's directory), its
 * JSON pointer and its code, never its line, so edits elsewhere in a file do not turn old findings
 * into new ones; a key found n times in the baseline absorbs n findings.
 */
final class Baseline {

  /** The format version written into the file. */
  private static final int VERSION = 1;

  private static final JsonFactory JSON = new JsonFactory();

  private final Map<Key, Integer> counts;
  private final Path directory;

  private Baseline(Map<Key, Integer> counts, Path directory) {
    this.counts = counts;
    this.directory = directory;
  }

  /** A finding's identity across commits: file, pointer and code. */
  record Key(String file, String pointer, String code) implements Comparable<Key> {
    @Override
    public int compareTo(Key other) {
      int c = file.compareTo(other.file);
      if (c == 0) {
        c = pointer.compareTo(other.pointer);
      }
      return c == 0 ? code.compareTo(other.code) : c;
    }
  }

  /** The key of {@code finding}, its file relative to {@code directory} when inside it. */
  static Key key(Finding finding, Path directory) {
    return new Key(
        relative(finding.file(), directory), finding.pointer().toString(), finding.code());
  }

  /** {@code file} relative to {@code directory}, with {@code /} separators. */
  static String relative(String file, Path directory) {
    if (file.equals("<stdin>")) {
      return file;
    }
    Path path = Path.of(file).toAbsolutePath().normalize();
    Path base = directory.toAbsolutePath().normalize();
    Path shown = path.startsWith(base) ? base.relativize(path) : Path.of(file).normalize();
    return shown.toString().replace(java.io.File.separatorChar, '/');
  }

  /** The directory that a baseline file's paths are relative to. */
  private static Path directoryOf(Path file) {
    Path parent = file.toAbsolutePath().normalize().getParent();
    return parent == null ? Path.of("") : parent;
  }

  /**
   * Reads a baseline file.
   *
   * @throws IOException if it cannot be read
   * @throws IllegalArgumentException saying what is wrong, if it is not a baseline
   */
  static Baseline read(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    Json root;
    try {
      root = JsonReader.read(bytes, new Limits(256 << 20, 16));
    } catch (JsonReadException e) {
      throw new IllegalArgumentException("not a baseline file: " + e.getMessage(), e);
    }
    Map<Key, Integer> counts = new HashMap<>();
    Json findings = root instanceof Json.Obj object ? object.get("findings").orElse(root) : root;
    if (!(findings instanceof Json.Arr list)) {
      throw new IllegalArgumentException(
          "not a baseline file: expected {\"findings\": [...]} as 'arbiter lint"
              + " --write-baseline' writes it");
    }
    for (Json element : list.elements()) {
      if (!(element instanceof Json.Obj entry)) {
        throw new IllegalArgumentException(
            element.position() + ": each finding must be an object with file, pointer and code");
      }
      Key key = new Key(text(entry, "file"), text(entry, "pointer"), text(entry, "code"));
      int count = entry.get("count").flatMap(Json::scalarText).map(Baseline::count).orElse(1);
      counts.merge(key, count, Integer::sum);
    }
    return new Baseline(counts, directoryOf(file));
  }

  private static String text(Json.Obj entry, String name) {
    return entry
        .get(name)
        .filter(v -> v instanceof Json.Str)
        .flatMap(Json::scalarText)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    entry.position() + ": a baseline finding needs a string \"" + name + "\""));
  }

  private static int count(String text) {
    try {
      int n = Integer.parseInt(text);
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // fall through to the message
    }
    throw new IllegalArgumentException("\"count\" must be a positive whole number, got " + text);
  }

  /** The results less the findings this baseline holds, and how many it held back. */
  Filtered filter(List<LintResult> results) {
    Map<Key, Integer> left = new HashMap<>(counts);
    List<LintResult> kept = new ArrayList<>(results.size());
    int absorbed = 0;
    for (LintResult result : results) {
      List<Finding> findings = new ArrayList<>(result.findings().size());
      for (Finding finding : result.findings()) {
        Key key = key(finding, directory);
        Integer n = left.get(key);
        if (n != null && n > 0) {
          left.put(key, n - 1);
          absorbed++;
        } else {
          findings.add(finding);
        }
      }
      kept.add(
          new LintResult(
              result.file(),
              result.policyType(),
              result.typeDetected(),
              result.parsed(),
              findings,
              result.suppressed()));
    }
    return new Filtered(kept, absorbed);
  }

  /** Results after the baseline, and how many findings it absorbed. */
  record Filtered(List<LintResult> results, int absorbed) {}

  /** Writes every finding of {@code results} to {@code file} as a baseline; returns how many. */
  static int write(Path file, List<LintResult> results) throws IOException {
    Path directory = directoryOf(file);
    Map<Key, Integer> counts = new TreeMap<>();
    int total = 0;
    for (LintResult result : results) {
      for (Finding finding : result.findings()) {
        counts.merge(key(finding, directory), 1, Integer::sum);
        total++;
      }
    }
    try (Writer writer =
            new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8);
        JsonGenerator json = JSON.createGenerator(writer)) {
      json.useDefaultPrettyPrinter();
      json.writeStartObject();
      json.writeStringField("tool", "arbiter");
      json.writeNumberField("baselineVersion", VERSION);
      json.writeStringField(
          "comment",
          "Findings accepted when this baseline was written; 'arbiter lint --baseline FILE'"
              + " reports only findings not listed here. Paths are relative to this file.");
      json.writeArrayFieldStart("findings");
      for (Map.Entry<Key, Integer> entry : counts.entrySet()) {
        json.writeStartObject();
        json.writeStringField("file", entry.getKey().file());
        json.writeStringField("pointer", entry.getKey().pointer());
        json.writeStringField("code", entry.getKey().code());
        if (entry.getValue() > 1) {
          json.writeNumberField("count", entry.getValue());
        }
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeEndObject();
      json.writeRaw('\n');
    }
    return total;
  }
}
