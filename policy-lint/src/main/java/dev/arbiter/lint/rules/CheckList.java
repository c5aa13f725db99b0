package dev.arbiter.lint.rules;

import dev.arbiter.lint.Check;
import dev.arbiter.lint.FindingType;
import java.util.ArrayList;
import java.util.List;

/**
 * The checks of one rule, in the order the rule declares them. A rule creates each of its {@code
 * static final Check} constants through its list, so the list the registry reads cannot miss one or
 * name one twice: a check's code, finding type and texts are written once, in its constant.
 */
final class CheckList {
  private final List<Check> checks = new ArrayList<>();

  /** Declares an Access Analyzer check. */
  Check aws(String code, FindingType type, String summary, String help) {
    return add(new Check(code, type, summary, help, Check.Origin.ACCESS_ANALYZER));
  }

  /** Declares an Arbiter check. */
  Check own(String code, FindingType type, String summary, String help) {
    return add(new Check(code, type, summary, help, Check.Origin.ARBITER));
  }

  /** The checks declared so far, in order; called once the rule's constants are initialised. */
  List<Check> all() {
    return List.copyOf(checks);
  }

  private Check add(Check check) {
    checks.add(check);
    return check;
  }
}
