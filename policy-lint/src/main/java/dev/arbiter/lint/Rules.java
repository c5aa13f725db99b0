package dev.arbiter.lint;

import java.util.List;

/**
 * The registry: every rule the linter runs, in reporting order. A new rule is a package-private
 * class implementing {@link Rule}, added here; rules that need the service catalog get it from
 * {@link RuleContext#service(Class)} and return early when it is absent.
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
        new TrustRule(),
        new OrganizationsRule(),
        new SizeRule(),
        new WildcardActionRule());
  }
}
