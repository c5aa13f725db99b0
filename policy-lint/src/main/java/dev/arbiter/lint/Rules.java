package dev.arbiter.lint;

import java.util.List;

/**
 * The registry: every rule the linter runs. A new rule is a package-private class implementing
 * {@link Rule}, added here; rules that need the service catalog get it from {@link
 * RuleContext#service(Class)} ({@link CatalogView}, present when a {@code Catalog} is attached) and
 * skip the checks that need it when it is absent.
 *
 * <p>Access Analyzer's checks keep its issue codes and finding types. Arbiter's own checks ({@link
 * Check.Origin#ARBITER}) are: ALLOW_ALL_ACTIONS and ALLOW_SERVICE_WILDCARD ({@link
 * WildcardActionRule}), ROLE_ASSUMABLE_BY_ANY_PRINCIPAL ({@link TrustRule}), RESOURCE_TYPE_MISMATCH
 * ({@link ArnRule}), and PRIVILEGE_ESCALATION, CREDENTIALS_EXPOSURE, DATA_EXFILTRATION,
 * RESOURCE_EXPOSURE, INFRASTRUCTURE_MODIFICATION and RESOURCE_STAR_ON_RESOURCE_LEVEL_ACTION ({@link
 * RiskRule}).
 *
 * <p>151 of Access Analyzer's 153 checks are here. DEPRECATED_GLOBAL_CONDITION_KEY and
 * VARIABLE_USAGE_TOO_PERMISSIVE are not: their triggers depend on data AWS does not publish (the
 * test AccessAnalyzerCoverageTest keeps the list and the reasons).
 */
final class Rules {
  private Rules() {}

  static List<Rule> all() {
    return List.of(
        new StatementRule(),
        new ResourceRule(),
        new PrincipalRule(),
        new ConditionRule(),
        new WildcardConditionRule(),
        new IpRule(),
        new KeyRule(),
        new ServicePrincipalRule(),
        new SessionKeyRule(),
        new RcpConditionRule(),
        new SensitiveValueRule(),
        new ResourcePolicyRule(),
        new TrustRule(),
        new OrganizationsRule(),
        new SizeRule(),
        new WildcardActionRule(),
        new PassRoleRule(),
        new ActionRule(),
        new ConditionKeyRule(),
        new KeySupportRule(),
        new ArnRule(),
        new RiskRule());
  }
}
