package dev.arbiter.lint;

import dev.arbiter.catalog.Catalog;
import dev.arbiter.lint.config.LintConfig;
import dev.arbiter.lint.rules.Rules;
import dev.arbiter.policy.JsonPointer;
import dev.arbiter.policy.Policy;
import dev.arbiter.policy.PolicyParseException;
import dev.arbiter.policy.PolicyProblem;
import dev.arbiter.policy.PolicyType;
import dev.arbiter.policy.SourceLocation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Lints IAM policy documents. Configure it once with {@link #builder()}; a linter is immutable and
 * thread-safe, so one instance can lint many documents in parallel.
 *
 * <pre>{@code
 * Linter linter = Linter.builder().config(LintConfig.load(configFile)).build();
 * LintResult result = linter.lint("policies/deploy.json", Files.readAllBytes(path));
 * result.findings().forEach(System.out::println);   // deploy.json:7:9: WARNING CODE message
 * }</pre>
 *
 * <p>A document that does not parse gives its parse problems as findings ({@code
 * JSON_SYNTAX_ERROR}, {@code INVALID_EFFECT}, ...); one that parses is validated for its policy
 * type and then checked by every enabled rule. The type is the builder's {@link
 * Builder#policyType}, else the configuration's {@code policy-types} entry for the file, else the
 * one a {@link PolicyResourceType} implies, else detected from the document ({@link #detectType}).
 *
 * <p>A resource-based policy is checked for what it is attached to ({@link Builder#resourceType},
 * or the {@code resource-type} of the file's {@code policy-types} entry), as Access Analyzer is
 * told {@code validatePolicyResourceType}. Without one, the type is inferred from the policy's ARNs
 * where only one fits, and {@link LintResult#resourceTypeInferred()} says so.
 *
 * <p>The AWS service catalog ({@link Catalog#get()}) is attached unless {@link
 * Builder#withoutCatalog()} is called: without it the checks that need actions, ARN formats and
 * condition keys do not run.
 */
public final class Linter {

  private final @Nullable PolicyType type;
  private final @Nullable PolicyResourceType resourceType;
  private final LintConfig config;
  private final Rules rules;

  private Linter(Builder builder) {
    this.type = builder.type;
    this.resourceType = builder.resourceType;
    this.config = builder.config;
    Map<Class<?>, Object> services = new HashMap<>(builder.services);
    if (builder.catalog) {
      services.putIfAbsent(Catalog.class, Catalog.get());
    }
    this.rules = Rules.enabled(config.disabled(), services);
  }

  /**
   * The policy type of {@code policy} as the linter detects it when it is not given: identity,
   * trust or resource ({@link PolicyType#detect}), refined to a resource control policy for
   * documents that can only be one. {@code arbiter validate} and {@code arbiter lint} both use it.
   */
  public static PolicyType detectType(Policy policy) {
    return Rules.detectType(policy);
  }

  /** A builder for a linter with default settings: detected types, {@link LintConfig#DEFAULT}. */
  public static Builder builder() {
    return new Builder();
  }

  /** Every check the linter knows, grouped by rule, each code once. */
  public static List<Check> checks() {
    return Rules.checks();
  }

  /** The check with code {@code code}. */
  public static Optional<Check> check(String code) {
    return Rules.check(code);
  }

  /** The configuration this linter applies. */
  public LintConfig config() {
    return config;
  }

  /** Lints a document given as text. */
  public LintResult lint(String file, String text) {
    return lint(file, text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Lints a document given as UTF-8 bytes, as read from a file.
   *
   * @param file the name to report findings against, usually the path as the user gave it
   */
  public LintResult lint(String file, byte[] utf8) {
    Policy policy;
    try {
      policy = Policy.parse(utf8);
    } catch (PolicyParseException e) {
      List<Finding> findings = new ArrayList<>();
      for (PolicyProblem problem : e.problems()) {
        findings.add(finding(file, problem));
      }
      return result(file, Optional.empty(), false, false, findings);
    }
    PolicyResourceType attachedTo = resourceType;
    if (attachedTo == null) {
      attachedTo = config.resourceTypeOf(file).orElse(null);
    }
    PolicyType checkedAs = givenType(file, attachedTo);
    boolean detected = false;
    if (checkedAs == null) {
      checkedAs = Rules.detectType(policy);
      detected = true;
    }
    boolean inferred = false;
    if (checkedAs != PolicyType.RESOURCE && checkedAs != PolicyType.TRUST) {
      attachedTo = null; // Access Analyzer takes a resource type only for resource policies
    } else if (attachedTo == null && checkedAs == PolicyType.RESOURCE) {
      attachedTo = Rules.inferResourceType(policy).orElse(null);
      inferred = attachedTo != null;
    }
    List<Finding> findings = new ArrayList<>();
    for (PolicyProblem problem : policy.validate(checkedAs)) {
      findings.add(finding(file, problem));
    }
    findings.addAll(
        rules.check(file, policy, checkedAs, Optional.ofNullable(attachedTo), inferred, utf8));
    findings.sort(
        Comparator.comparingInt((Finding f) -> f.position().line())
            .thenComparingInt(f -> f.position().column()));
    LintConfig.Applied applied = config.apply(findings);
    return new LintResult(
        file,
        Optional.of(checkedAs),
        detected,
        true,
        fold(applied.findings()),
        applied.suppressed(),
        Optional.ofNullable(attachedTo),
        inferred);
  }

  /**
   * Lints a policy document found inside a larger file, such as a CloudFormation template: {@code
   * document} is its tree, whose positions are the file's, and the caller says what it is (the
   * property that holds it does), so nothing is detected or inferred. Findings carry pointers
   * relative to the document and the file's positions.
   *
   * @param file the name to report findings against
   * @param type the policy type the property holds
   * @param attachedTo for a resource policy, what it is attached to, where Access Analyzer has a
   *     name for it
   */
  public LintResult lint(
      String file,
      dev.arbiter.policy.json.Json document,
      PolicyType type,
      Optional<PolicyResourceType> attachedTo) {
    Policy policy;
    try {
      policy = dev.arbiter.policy.json.PolicyReader.read(document);
    } catch (PolicyParseException e) {
      List<Finding> findings = new ArrayList<>();
      for (PolicyProblem problem : e.problems()) {
        findings.add(finding(file, problem));
      }
      return result(file, Optional.of(type), false, false, findings);
    }
    Optional<PolicyResourceType> resource =
        type == PolicyType.RESOURCE || type == PolicyType.TRUST ? attachedTo : Optional.empty();
    byte[] utf8 =
        dev.arbiter.policy.json.JsonWriter.compact(document).getBytes(StandardCharsets.UTF_8);
    List<Finding> findings = new ArrayList<>();
    for (PolicyProblem problem : policy.validate(type)) {
      findings.add(finding(file, problem));
    }
    findings.addAll(rules.check(file, policy, type, resource, utf8, document));
    findings.sort(
        Comparator.comparingInt((Finding f) -> f.position().line())
            .thenComparingInt(f -> f.position().column()));
    LintConfig.Applied applied = config.apply(findings);
    return new LintResult(
        file,
        Optional.of(type),
        false,
        true,
        fold(applied.findings()),
        applied.suppressed(),
        resource,
        false);
  }

  /**
   * The policy type this linter checks {@code policy} as, read from {@code file}: the builder's
   * type, else the configuration's {@code policy-types} entry for the file, else the one its
   * resource type implies, else {@link #detectType}. {@code arbiter validate} uses it too, so that
   * both commands check a file as the same type.
   */
  public PolicyType policyTypeOf(String file, Policy policy) {
    PolicyResourceType attachedTo =
        resourceType != null ? resourceType : config.resourceTypeOf(file).orElse(null);
    PolicyType given = givenType(file, attachedTo);
    return given != null ? given : Rules.detectType(policy);
  }

  private @Nullable PolicyType givenType(String file, @Nullable PolicyResourceType attachedTo) {
    if (type != null) {
      return type;
    }
    Optional<PolicyType> configured = config.policyTypeOf(file);
    if (configured.isPresent()) {
      return configured.get();
    }
    if (attachedTo != null) {
      return attachedTo == PolicyResourceType.IAM_ASSUME_ROLE_POLICY_DOCUMENT
          ? PolicyType.TRUST
          : PolicyType.RESOURCE;
    }
    return null;
  }

  /**
   * Folds Arbiter's own findings on one element (one JSON pointer) into the most serious finding
   * there, so that "Action": "*" on "*" reads as one problem with the others listed, not as seven
   * findings at one position. Access Analyzer's findings are never folded away: it reports each.
   */
  static List<Finding> fold(List<Finding> findings) {
    Map<JsonPointer, List<Integer>> byElement = new LinkedHashMap<>();
    for (int i = 0; i < findings.size(); i++) {
      byElement.computeIfAbsent(findings.get(i).pointer(), k -> new ArrayList<>()).add(i);
    }
    if (byElement.size() == findings.size()) {
      return findings;
    }
    List<@Nullable Finding> out = new ArrayList<>(findings);
    for (List<Integer> group : byElement.values()) {
      if (group.size() < 2) {
        continue;
      }
      int head = group.get(0);
      for (int candidate : group) {
        Finding c = findings.get(candidate);
        Finding h = findings.get(head);
        if (c.type().atLeast(h.type()) && (!h.type().atLeast(c.type()) || (own(h) && !own(c)))) {
          head = candidate;
        }
      }
      List<Finding> folded = new ArrayList<>();
      for (int candidate : group) {
        if (candidate != head && own(findings.get(candidate))) {
          folded.add(findings.get(candidate));
          out.set(candidate, null);
        }
      }
      if (!folded.isEmpty()) {
        out.set(head, findings.get(head).withRelated(folded));
      }
    }
    List<Finding> kept = new ArrayList<>();
    for (Finding finding : out) {
      if (finding != null) {
        kept.add(finding);
      }
    }
    return kept;
  }

  private static boolean own(Finding finding) {
    return Rules.check(finding.code()).map(c -> c.origin() == Check.Origin.ARBITER).orElse(false);
  }

  /** The result for a file that could not be read, with {@code reason} as its finding. */
  public LintResult unreadable(String file, String reason) {
    Check check = Rules.unreadableInput();
    Finding finding =
        new Finding(
            check.code(),
            check.defaultType(),
            "cannot read the file: " + reason,
            file,
            SourceLocation.UNKNOWN.pointer(),
            new dev.arbiter.policy.SourcePosition(1, 1));
    return result(file, Optional.empty(), false, false, List.of(finding));
  }

  private LintResult result(
      String file,
      Optional<PolicyType> checkedAs,
      boolean detected,
      boolean parsed,
      List<Finding> findings) {
    LintConfig.Applied applied = config.apply(findings);
    return new LintResult(
        file, checkedAs, detected, parsed, applied.findings(), applied.suppressed());
  }

  private static Finding finding(String file, PolicyProblem problem) {
    // A code the model adds later without a registered check is still an error to report.
    FindingType findingType =
        Rules.check(problem.code()).map(Check::defaultType).orElse(FindingType.ERROR);
    return new Finding(
        problem.code(),
        findingType,
        problem.message(),
        file,
        problem.pointer(),
        problem.position().isKnown()
            ? problem.position()
            : new dev.arbiter.policy.SourcePosition(1, 1));
  }

  /** Configures a {@link Linter}. */
  public static final class Builder {
    private @Nullable PolicyType type;
    private @Nullable PolicyResourceType resourceType;
    private LintConfig config = LintConfig.DEFAULT;
    private boolean catalog = true;
    private final Map<Class<?>, Object> services = new HashMap<>();

    private Builder() {}

    /**
     * Checks every resource-based policy as attached to {@code resourceType}, as Access Analyzer's
     * {@code validatePolicyResourceType}: the checks of which ARNs the policy may name and whether
     * its statements need a Resource. Documents without a given {@link #policyType} are then
     * checked as resource-based policies (as role trust policies for {@link
     * PolicyResourceType#IAM_ASSUME_ROLE_POLICY_DOCUMENT}).
     */
    public Builder resourceType(PolicyResourceType resourceType) {
      this.resourceType = resourceType;
      return this;
    }

    /**
     * Runs without the AWS service catalog, which is otherwise attached: the checks that need
     * actions, ARN formats and condition keys (unknown actions and keys, ARN formats, key types,
     * wildcard expansion and the risk checks) do not run.
     */
    public Builder withoutCatalog() {
      this.catalog = false;
      services.remove(Catalog.class);
      return this;
    }

    /** Checks every document as {@code type} instead of detecting the type per document. */
    public Builder policyType(PolicyType type) {
      this.type = type;
      return this;
    }

    /** Applies {@code config}: disabled checks, changed finding types, ignores. */
    public Builder config(LintConfig config) {
      this.config = config;
      return this;
    }

    /**
     * Sets the service catalog the checks of actions, ARN formats and condition keys use (the
     * bundled AWS service catalog, {@link Catalog#get()}, by default), as {@code
     * AccountModel.Builder.catalog} does for queries.
     */
    public Builder catalog(Catalog catalog) {
      this.catalog = true;
      services.put(Catalog.class, catalog);
      return this;
    }

    /** Builds the linter. */
    public Linter build() {
      return new Linter(this);
    }
  }
}
