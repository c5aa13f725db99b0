package dev.arbiter.lint;

import dev.arbiter.lint.config.LintConfig;
import dev.arbiter.lint.rules.Rules;
import dev.arbiter.policy.Policy;
import dev.arbiter.policy.PolicyParseException;
import dev.arbiter.policy.PolicyProblem;
import dev.arbiter.policy.PolicyType;
import dev.arbiter.policy.SourceLocation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
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
 * Builder#policyType}, else the configuration's {@code policy-types} entry for the file, else
 * detected from the document.
 */
public final class Linter {

  private final @Nullable PolicyType type;
  private final LintConfig config;
  private final Rules rules;

  private Linter(Builder builder) {
    this.type = builder.type;
    this.config = builder.config;
    this.rules = Rules.enabled(config.disabled(), builder.services);
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
    PolicyType checkedAs = type;
    boolean detected = false;
    if (checkedAs == null) {
      checkedAs = config.policyTypeOf(file).orElse(null);
    }
    if (checkedAs == null) {
      checkedAs = Rules.detectType(policy);
      detected = true;
    }
    List<Finding> findings = new ArrayList<>();
    for (PolicyProblem problem : policy.validate(checkedAs)) {
      findings.add(finding(file, problem));
    }
    findings.addAll(rules.check(file, policy, checkedAs, utf8));
    findings.sort(
        Comparator.comparingInt((Finding f) -> f.position().line())
            .thenComparingInt(f -> f.position().column()));
    return result(file, Optional.of(checkedAs), detected, true, findings);
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
    private LintConfig config = LintConfig.DEFAULT;
    private final Map<Class<?>, Object> services = new HashMap<>();

    private Builder() {}

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
     * Makes {@code service} available to rules that need it; rules that need a service that is not
     * attached do not run. Attach the AWS service catalog ({@code attach(Catalog.class,
     * Catalog.get())}) for the checks that need actions, ARN formats and condition keys: unknown
     * actions and keys, ARN formats, key types, wildcard expansion and the risk checks.
     */
    public <T> Builder attach(Class<T> serviceType, T service) {
      services.put(serviceType, serviceType.cast(service));
      return this;
    }

    /** Builds the linter. */
    public Linter build() {
      return new Linter(this);
    }
  }
}
