package dev.arbiter.policy;

import dev.arbiter.policy.json.PolicyReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * An IAM policy document: {@code Version}, {@code Id} and statements, parsed from JSON into an
 * immutable tree in which every element keeps its {@link SourceLocation}.
 *
 * <pre>{@code
 * Policy policy = Policy.parse(Files.readString(path));
 * List<PolicyProblem> problems = policy.validate(PolicyType.IDENTITY);
 * String canonical = policy.toJson();
 * Policy.parse(canonical).withoutLocations().equals(policy.withoutLocations());   // true
 * }</pre>
 *
 * <p>Parsing checks the JSON and the shape of the document; {@link #validate(PolicyType)} checks
 * the rules that depend on the kind of policy.
 *
 * @param version the {@code Version}, if present
 * @param id the {@code Id}, if present
 * @param statements the statements; a single statement object is a list of one
 * @param location the document
 * @see <a
 *     href="https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html">Grammar
 *     of the IAM JSON policy language</a>
 */
public record Policy(
    Optional<PolicyVersion> version,
    Optional<String> id,
    List<Statement> statements,
    SourceLocation location) {

  /** The largest document the reader accepts, in bytes. IAM's own limits are far smaller. */
  public static final int MAX_DOCUMENT_BYTES = 1 << 20;

  /** Copies the list. */
  public Policy {
    statements = List.copyOf(statements);
  }

  /**
   * Parses a policy document.
   *
   * @throws PolicyParseException if the text is not JSON or not a policy, with every problem found
   */
  public static Policy parse(String json) {
    return PolicyReader.parse(json);
  }

  /**
   * Parses a policy document from UTF-8 bytes.
   *
   * @throws PolicyParseException if the bytes are not UTF-8 JSON or not a policy
   */
  public static Policy parse(byte[] utf8) {
    return PolicyReader.parse(utf8);
  }

  /**
   * Reads and parses a policy file.
   *
   * @throws PolicyParseException if the file is not a policy
   * @throws IOException if it cannot be read
   */
  public static Policy parse(Path file) throws IOException {
    if (Files.size(file) > MAX_DOCUMENT_BYTES) {
      return parse(readLimited(Files.newInputStream(file)));
    }
    return parse(Files.readAllBytes(file));
  }

  /**
   * Reads a policy from a stream (which it closes).
   *
   * @throws PolicyParseException if the content is not a policy
   * @throws UncheckedIOException if the stream fails
   */
  public static Policy parse(InputStream in) {
    return parse(readLimited(in));
  }

  private static byte[] readLimited(InputStream in) {
    try (in) {
      // One byte past the limit is enough for the reader to report the document as too large.
      return in.readNBytes(MAX_DOCUMENT_BYTES + 1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether {@code ${...}} policy variables are recognised: only under version 2012-10-17. */
  public boolean variablesEnabled() {
    return version.orElse(null) == PolicyVersion.V2012_10_17;
  }

  /**
   * Checks the structural rules of {@code type} (docs/semantics.md §1.8): where Principal and
   * Resource are required or forbidden, NotPrincipal and NotAction restrictions, RCP and
   * trust-policy rules, and the rules every type shares (known condition operators, well-formed
   * actions).
   *
   * @return the problems, empty if the policy is valid for that type
   */
  public List<PolicyProblem> validate(PolicyType type) {
    return PolicyValidator.validate(this, type);
  }

  /**
   * The same policy with every {@link SourceLocation} {@link SourceLocation#UNKNOWN}: the form in
   * which two policies compare by content alone. Equality of {@code Policy} itself includes where
   * each element was written, so {@code parse(p.toJson())} equals {@code p} only this way.
   */
  public Policy withoutLocations() {
    return Unlocated.policy(this);
  }

  /** Writes the policy as canonical JSON (two-space indented, elements in grammar order). */
  public String toJson() {
    return PolicyWriter.write(this);
  }

  /** The canonical JSON, as {@link #toJson()}, in UTF-8. */
  public byte[] toJsonBytes() {
    return toJson().getBytes(StandardCharsets.UTF_8);
  }
}
