package dev.arbiter.lint.rules;

import dev.arbiter.catalog.Catalog;
import dev.arbiter.lint.Check;
import dev.arbiter.lint.Finding;
import dev.arbiter.lint.PolicyResourceType;
import dev.arbiter.policy.Policy;
import dev.arbiter.policy.PolicyType;
import dev.arbiter.policy.json.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The registry: every rule the linter runs, and every check, each declared once by the class that
 * reports it. Not API: {@link dev.arbiter.lint.Linter} is the only caller; this class is public
 * only because the linter lives in another package.
 *
 * <p>A new rule is a package-private class implementing {@link Rule}, named after what it checks,
 * added to {@link #RULES}; rules that need the service catalog get it from {@link
 * RuleContext#service(Class)} ({@link CatalogView}, present when a {@code Catalog} is attached) and
 * skip the checks that need it when it is absent. {@code docs/checks.md} lists every check with its
 * class; {@code ChecksDocTest} keeps it current.
 *
 * <p>Access Analyzer's checks keep its issue codes and finding types; Arbiter's own have {@link
 * Check.Origin#ARBITER}. 150 of Access Analyzer's 153 checks are here.
 * DEPRECATED_GLOBAL_CONDITION_KEY and VARIABLE_USAGE_TOO_PERMISSIVE are not: their triggers depend
 * on data AWS does not publish; SCP_SYNTAX_ERROR_ACTION_WILDCARD is not, because SCPs accept
 * wildcards anywhere in an action since September 2025 (the test AccessAnalyzerCoverageTest keeps
 * the list and the reasons).
 */
public final class Rules {

  private static final List<Rule> RULES =
      List.of(
          new StatementStructureRule(),
          new ResourceArnSyntaxRule(),
          new PrincipalValueRule(),
          new ConditionOperatorValueRule(),
          new WildcardConditionRule(),
          new IpAddressConditionRule(),
          new WellKnownConditionKeyRule(),
          new ServicePrincipalRule(),
          new AudienceClaimAndSessionTagRule(),
          new RcpDenyConditionRule(),
          new SensitiveConditionValueRule(),
          new AttachedResourceRule(),
          new RoleTrustPolicyRule(),
          new PolicySizeRule(),
          new WildcardActionRule(),
          new PassRoleAndServiceLinkedRoleRule(),
          new ActionNameRule(),
          new ConditionKeyExistenceAndTypeRule(),
          new ConditionKeyActionSupportRule(),
          new ResourceArnFormatRule(),
          new PermissionRiskRule(),
          new NotResourceVariableRule(),
          new PublicAndExternalAccessRule());

  /**
   * Every check, by code: policy-model's first, then each rule's in the order of {@link #RULES}.
   */
  private static final Map<String, Check> CHECKS = new LinkedHashMap<>();

  /** The class that declares each check, by code. */
  private static final Map<String, Class<?>> OWNERS = new HashMap<>();

  static {
    for (Check check : ParseAndValidateChecks.ALL) {
      CHECKS.put(check.code(), check);
      OWNERS.put(check.code(), ParseAndValidateChecks.class);
    }
    for (Rule rule : RULES) {
      for (Check check : rule.checks()) {
        Class<?> owner = OWNERS.putIfAbsent(check.code(), rule.getClass());
        if (owner != null) {
          throw new IllegalStateException(
              "check "
                  + check.code()
                  + " is declared by "
                  + owner.getSimpleName()
                  + " and by "
                  + rule.getClass().getSimpleName());
        }
        CHECKS.put(check.code(), check);
      }
    }
  }

  private final List<Rule> enabled;
  private final Map<Class<?>, Object> services;

  private Rules(List<Rule> enabled, Map<Class<?>, Object> services) {
    this.enabled = enabled;
    this.services = services;
  }

  /** Every check the linter knows, grouped by declaring class, each code once. */
  public static List<Check> checks() {
    return List.copyOf(CHECKS.values());
  }

  /** The check with code {@code code}. */
  public static Optional<Check> check(String code) {
    return Optional.ofNullable(CHECKS.get(code));
  }

  /** The check for a file that cannot be read. */
  public static Check unreadableInput() {
    return ParseAndValidateChecks.UNREADABLE_INPUT;
  }

  /** The policy type of {@code policy} as the linter detects it. */
  public static PolicyType detectType(Policy policy) {
    return PolicyTypes.detect(policy);
  }

  /**
   * The rules that report at least one check not in {@code disabled}, with {@code services} (the
   * service catalog among them) available to them.
   */
  public static Rules enabled(Set<String> disabled, Map<Class<?>, Object> services) {
    Map<Class<?>, Object> attached = new HashMap<>(services);
    Object catalog = attached.get(Catalog.class);
    if (catalog != null) {
      attached.put(CatalogView.class, new CatalogView((Catalog) catalog));
    }
    List<Rule> enabled = new ArrayList<>();
    for (Rule rule : RULES) {
      if (rule.checks().stream().anyMatch(c -> !disabled.contains(c.code()))) {
        enabled.add(rule);
      }
    }
    return new Rules(List.copyOf(enabled), Map.copyOf(attached));
  }

  /**
   * What a resource-based policy is attached to, inferred from its ARNs where only one {@link
   * PolicyResourceType} fits them all ({@link AttachedResourceRule#infer}).
   */
  public static Optional<PolicyResourceType> inferResourceType(Policy policy) {
    return AttachedResourceRule.infer(policy);
  }

  /**
   * Runs the enabled rules on one parsed document and returns their findings, unsorted.
   *
   * @param resourceType what the policy is attached to, if known
   * @param inferred whether {@code resourceType} was inferred rather than given
   */
  public List<Finding> check(
      String file,
      Policy policy,
      PolicyType type,
      Optional<PolicyResourceType> resourceType,
      boolean inferred,
      byte[] utf8) {
    return check(new RuleContext(file, policy, type, resourceType, inferred, utf8, services, null));
  }

  /**
   * Runs the enabled rules on one policy read from {@code tree}, a document embedded in a larger
   * file (a CloudFormation template), whose positions are that file's; {@code utf8} is its compact
   * text, for the size checks.
   */
  public List<Finding> check(
      String file,
      Policy policy,
      PolicyType type,
      Optional<PolicyResourceType> resourceType,
      byte[] utf8,
      Json tree) {
    return check(new RuleContext(file, policy, type, resourceType, false, utf8, services, tree));
  }

  private List<Finding> check(RuleContext context) {
    for (Rule rule : enabled) {
      rule.check(context);
    }
    return context.findings();
  }

  /** Every rule, in the order they run. */
  static List<Rule> all() {
    return RULES;
  }

  /** The class that declares the check {@code code}. */
  static Optional<Class<?>> owner(String code) {
    return Optional.ofNullable(OWNERS.get(code));
  }
}
