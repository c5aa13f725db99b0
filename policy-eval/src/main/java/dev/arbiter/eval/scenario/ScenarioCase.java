package dev.arbiter.eval.scenario;

import dev.arbiter.eval.Decision;
import dev.arbiter.eval.PublicPolicyTest;
import dev.arbiter.eval.Request;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One conformance case: a line of a {@code .jsonl} file, {@code {"id": ..., "source": ...,
 * "scenario": {...}, "expect": "allowed"}} (docs/scenario.md). {@code source} names the
 * documentation the expected decision comes from; {@code expect} is optional.
 */
public final class ScenarioCase {
  private final String id;
  private final String source;
  private final Scenario scenario;
  private final @Nullable Decision expected;
  private final List<String> ignoredMembers;

  ScenarioCase(
      String id,
      String source,
      Scenario scenario,
      @Nullable Decision expected,
      List<String> ignoredMembers) {
    this.id = id;
    this.source = source;
    this.scenario = scenario;
    this.expected = expected;
    this.ignoredMembers = List.copyOf(ignoredMembers);
  }

  /**
   * Reads one case.
   *
   * <p>Members of the line that are not part of the case format (such as {@code tags}) are ignored
   * and listed by {@link #ignoredMembers()}; a name close to a member of the format (such as {@code
   * expected}) is an error, as is any unknown member inside the scenario.
   *
   * @throws ScenarioException if the line is not a valid case; a scenario with {@code "requests"}
   *     is refused, since a case decides one request
   */
  public static ScenarioCase parse(String jsonLine) {
    return parse(jsonLine, PublicPolicyTest.ASSUME_PUBLIC);
  }

  /**
   * Reads one case as {@link #parse(String)} does, with {@code publicTest} deciding whether the
   * bucket policy is public when the scenario's {@code s3BlockPublicAccess} restricts public
   * buckets (docs/semantics.md §9.13); {@link #parse(String)} takes every bucket policy to be
   * public.
   *
   * @throws ScenarioException if the line is not a valid case
   */
  public static ScenarioCase parse(String jsonLine, PublicPolicyTest publicTest) {
    return CaseReader.scenarioCase(jsonLine, publicTest);
  }

  /**
   * The {@code id} of a case line, read without validating the rest, so that a case that fails to
   * read can still be named. Empty if the line is not JSON or has no string {@code id}.
   */
  public static Optional<String> peekId(String jsonLine) {
    return ScenarioReader.peekId(jsonLine);
  }

  /** The case id. */
  public String id() {
    return id;
  }

  /** The documentation page and rule the case comes from; "" if not given. */
  public String source() {
    return source;
  }

  /** The scenario, with its single request. */
  public Scenario scenario() {
    return scenario;
  }

  /** The request to decide. */
  public Request request() {
    return scenario.requests().get(0).request();
  }

  /** The members of the line that are not part of the case format and were ignored, in order. */
  public List<String> ignoredMembers() {
    return ignoredMembers;
  }

  /** The expected decision, if the case states one. */
  public Optional<Decision> expected() {
    return Optional.ofNullable(expected);
  }
}
