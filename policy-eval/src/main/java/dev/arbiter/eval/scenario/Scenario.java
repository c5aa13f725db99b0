package dev.arbiter.eval.scenario;

import dev.arbiter.eval.Evaluator;
import dev.arbiter.eval.PolicySet;
import dev.arbiter.eval.PublicPolicyTest;
import dev.arbiter.policy.Policy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A scenario: the policies AWS would consult and one request (or many) to decide, in the JSON shape
 * of the project's docs/scenario.md. Reading it parses every embedded policy where it stands in the
 * file, validates each for its part and compiles them, so any problem is reported at once as a
 * {@link ScenarioException} with its line, column and JSON pointer in the scenario file.
 *
 * <pre>{@code
 * Scenario scenario = Scenario.read(Path.of("scenario.json"));
 * for (NamedRequest entry : scenario.requests()) {
 *   Decision decision = scenario.evaluator().evaluate(entry.request());
 * }
 * }</pre>
 */
public final class Scenario {
  private final PolicySet policies;
  private final Evaluator evaluator;
  private final List<NamedRequest> requests;
  private final boolean requestList;
  private final Map<Policy, String> policyFiles;

  Scenario(
      PolicySet policies,
      Evaluator evaluator,
      List<NamedRequest> requests,
      boolean list,
      Map<Policy, String> policyFiles) {
    this.policies = policies;
    this.evaluator = evaluator;
    this.requests = List.copyOf(requests);
    this.requestList = list;
    this.policyFiles = policyFiles;
  }

  /**
   * Reads a scenario from JSON text.
   *
   * @throws ScenarioException if it is not a valid scenario
   */
  public static Scenario parse(String json) {
    return parse(json, PublicPolicyTest.ASSUME_PUBLIC);
  }

  /**
   * Reads a scenario from JSON text; {@code publicTest} decides whether the bucket policy is public
   * when the scenario's {@code s3BlockPublicAccess} restricts public buckets (docs/semantics.md
   * §9.13). {@link #parse(String)} takes every bucket policy to be public.
   *
   * @throws ScenarioException if it is not a valid scenario
   */
  public static Scenario parse(String json, PublicPolicyTest publicTest) {
    return ScenarioReader.scenario(json, null, publicTest);
  }

  /**
   * Reads a scenario file (UTF-8). Policy entries that point at a file ({@code {"name": ...,
   * "file": "../iam/deploy.json"}}) are resolved against the scenario file's directory.
   *
   * @throws ScenarioException if it is not a valid scenario
   * @throws IOException if it cannot be read
   */
  public static Scenario read(Path file) throws IOException {
    return read(file, PublicPolicyTest.ASSUME_PUBLIC);
  }

  /**
   * Reads a scenario file (UTF-8) as {@link #read(Path)} does, with {@code publicTest} deciding
   * whether the bucket policy is public for S3 Block Public Access (see {@link #parse(String,
   * PublicPolicyTest)}).
   *
   * @throws ScenarioException if it is not a valid scenario
   * @throws IOException if it cannot be read
   */
  public static Scenario read(Path file, PublicPolicyTest publicTest) throws IOException {
    return ScenarioReader.scenario(
        Files.readString(file, StandardCharsets.UTF_8),
        file.toAbsolutePath().getParent(),
        publicTest);
  }

  /**
   * Whether {@code json} is a policy test (docs/scenario.md, Policy tests): a JSON object whose
   * {@code "requests"} has an entry with {@code "expect"}. Only the shape is looked at; reading it
   * may still fail. Text that is not JSON counts as a test when it names both members, so that a
   * broken test is reported rather than passed over.
   */
  public static boolean isPolicyTest(String json) {
    return ScenarioReader.isPolicyTest(json);
  }

  /**
   * Whether {@code json} is shaped like a scenario rather than a policy document: a JSON object
   * with {@code "request"} or {@code "requests"} and no {@code "Statement"}. Only the shape is
   * looked at; reading it may still fail. Text that is not JSON is not a scenario (a policy reader
   * says what is wrong with it).
   */
  public static boolean isScenario(String json) {
    return ScenarioReader.isScenario(json);
  }

  /** The policies of the scenario. */
  public PolicySet policies() {
    return policies;
  }

  /** The policies, validated and compiled. */
  public Evaluator evaluator() {
    return evaluator;
  }

  /** The requests, in order: one for a {@code "request"}, each of {@code "requests"}. */
  public List<NamedRequest> requests() {
    return requests;
  }

  /**
   * The file a policy of {@link #policies()} was read from, as its {@code "file"} entry writes it
   * (relative to the scenario file's directory); empty for a policy written in the scenario, whose
   * positions are positions in the scenario file. Policies are matched by identity.
   */
  public Optional<String> fileOf(Policy policy) {
    return Optional.ofNullable(policyFiles.get(policy));
  }

  /** Whether the scenario lists {@code "requests"} (rather than one {@code "request"}). */
  public boolean hasRequestList() {
    return requestList;
  }
}
