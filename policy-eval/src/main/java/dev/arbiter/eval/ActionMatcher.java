package dev.arbiter.eval;

import dev.arbiter.policy.ActionPattern;
import dev.arbiter.policy.Actions;
import dev.arbiter.policy.value.Glob;
import java.util.List;
import java.util.Locale;

/**
 * A statement's {@code Action} or {@code NotAction}: case-insensitive wildcard patterns over the
 * whole {@code service:name} (docs/semantics.md §3). Both sides are lower-cased ({@link
 * Locale#ROOT}).
 */
final class ActionMatcher {
  private final Actions element;
  private final boolean allow;
  private final Glob[] patterns;
  private final List<String> lowerPatterns;

  ActionMatcher(Actions element, boolean allow) {
    this.element = element;
    this.allow = allow;
    List<ActionPattern> list = element.patterns();
    this.lowerPatterns = list.stream().map(p -> p.text().toLowerCase(Locale.ROOT)).toList();
    this.patterns = lowerPatterns.stream().map(Glob::of).toArray(Glob[]::new);
  }

  /** Whether this is a NotAction. */
  boolean negated() {
    return element.negated();
  }

  /** The patterns in lower case. */
  List<String> lowerPatterns() {
    return lowerPatterns;
  }

  Actions element() {
    return element;
  }

  /**
   * Whether the statement covers the action, given in lower case. An empty {@code NotAction} is
   * read per effect (docs/semantics.md §1.6.1, §12.0): taken literally it excludes nothing, but AWS
   * does not say, and an empty Action matches nothing; a Deny covers every action, an Allow none.
   */
  boolean matches(String actionLower) {
    if (patterns.length == 0 && element.negated()) {
      return !allow;
    }
    boolean listed = false;
    for (Glob pattern : patterns) {
      if (pattern.matches(actionLower)) {
        listed = true;
        break;
      }
    }
    return element.negated() != listed;
  }

  String describeMiss(String action) {
    String listed = Messages.list(element.patterns());
    if (element.negated() && element.patterns().isEmpty()) {
      return "the NotAction list is empty; what it excludes is unclear, so an Allow grants no"
          + " action with it (docs/semantics.md §12.0)";
    }
    if (element.negated()) {
      return "action " + action + " is excluded by NotAction " + listed;
    }
    return element.patterns().isEmpty()
        ? "the Action list is empty, so the statement matches no action"
        : "action " + action + " matches none of Action " + listed;
  }
}
