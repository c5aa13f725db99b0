package dev.arbiter.lint.rules;

import dev.arbiter.lint.Check;
import java.util.List;

/**
 * One rule of the linter: it inspects a parsed policy through its {@link RuleContext} and reports
 * findings for the checks it owns. A rule is stateless and thread-safe; a rule that needs data such
 * as the service catalog asks the context for it and does nothing when it is absent.
 */
interface Rule {

  /**
   * The checks this rule reports, each declared once as a constant of the rule through its {@link
   * CheckList}; every report uses one of them.
   */
  List<Check> checks();

  /** Inspects the policy of {@code context} and reports what it finds. */
  void check(RuleContext context);
}
