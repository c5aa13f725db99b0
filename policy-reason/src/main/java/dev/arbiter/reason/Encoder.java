package dev.arbiter.reason;

import dev.arbiter.policy.ActionPattern;
import dev.arbiter.policy.BaseOperator;
import dev.arbiter.policy.Condition;
import dev.arbiter.policy.ConditionValue;
import dev.arbiter.policy.Effect;
import dev.arbiter.policy.Policy;
import dev.arbiter.policy.PolicyType;
import dev.arbiter.policy.Principals;
import dev.arbiter.policy.ResourcePattern;
import dev.arbiter.policy.SetQualifier;
import dev.arbiter.policy.SourceLocation;
import dev.arbiter.policy.Statement;
import dev.arbiter.policy.value.IamValues;
import dk.brics.automaton.Automaton;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * One policy as two unions of cubes, its Allow statements and its Deny statements, each statement
 * one cube (docs/reasoning.md): the product of its principal, action and resource sets and, per
 * condition key, the conjunction of its tests on that key. Whatever the encoding cannot state
 * exactly throws {@link Unmodelled} naming the construct and where it is written.
 */
final class Encoder {
  private Encoder() {}

  /** A policy's Allow and Deny statements as cubes. */
  record Encoded(Policy policy, List<Cube> allows, List<Cube> denies) {}

  static Encoded encode(Policy policy, PolicyType type) {
    List<Cube> allows = new ArrayList<>();
    List<Cube> denies = new ArrayList<>();
    List<Statement> statements = policy.statements();
    for (int i = 0; i < statements.size(); i++) {
      Statement statement = statements.get(i);
      boolean allow = statement.effect() == Effect.ALLOW;
      Cube cube = statement(statement, i, allow);
      if (!cube.isEmpty()) {
        (allow ? allows : denies).add(cube);
      }
    }
    return new Encoded(policy, allows, denies);
  }

  private static Cube statement(Statement statement, int index, boolean allow) {
    // Every dimension ranges over all strings here; Cube.within restricts a result to the
    // requests that can exist.
    Automaton principal = Strings.ANY;
    if (statement.principals().isPresent()) {
      Principals element = statement.principals().get();
      if (!element.negated()) {
        principal = element.wildcard() ? Strings.ANY : Callers.named(element);
      } else if (allow) {
        principal = Strings.minus(Strings.ANY, Callers.named(element));
      } else {
        principal = Strings.minus(Strings.ANY, Callers.exempt(element));
      }
    }
    List<String> patterns = new ArrayList<>();
    for (ActionPattern pattern : statement.actions().patterns()) {
      patterns.add(pattern.text().toLowerCase(Locale.ROOT));
    }
    Automaton actions = Strings.actions(patterns);
    Automaton action =
        statement.actions().negated() ? Strings.minus(Strings.ANY, actions) : actions;
    Automaton resource = Strings.ANY;
    if (statement.resources().isPresent()) {
      Automaton listed = Strings.EMPTY;
      for (ResourcePattern pattern : statement.resources().get().patterns()) {
        Automaton one = Strings.resource(pattern.template());
        if (one == null) {
          throw unmodelled("a policy variable in " + pattern.text(), pattern.location());
        }
        listed = Strings.or(listed, one);
      }
      resource =
          statement.resources().get().negated() ? Strings.minus(Strings.ANY, listed) : listed;
    }
    Map<String, KeySet> keys = new TreeMap<>();
    for (Condition condition : statement.conditions()) {
      keys.merge(condition.key().normalized(), keySet(condition, allow), KeySet::intersect);
    }
    return new Cube(principal, action, resource, keys, index);
  }

  /**
   * The states of the key in which one condition test lets the statement apply (ConditionMatcher's
   * rules). A test that cannot be decided (a Bool request value that is not a Boolean) stops an
   * Allow and lets a Deny apply (docs/semantics.md §6.4.6), so the set depends on the effect.
   */
  static KeySet keySet(Condition condition, boolean allow) {
    BaseOperator base = condition.operator().base();
    SetQualifier qualifier = condition.operator().qualifier();
    boolean ifExists = condition.operator().ifExists();
    if (base == BaseOperator.NULL) {
      return nullTest(condition, qualifier);
    }
    if (qualifier != SetQualifier.NONE) {
      throw unmodelled(
          "the set operator " + condition.operator() + " (not yet modelled)", condition.location());
    }
    boolean negated = base.negated();
    if (condition.values().isEmpty()) {
      // An empty value list is false for a present key (docs/semantics.md §6.7.4).
      return new KeySet(ifExists || negated, false, Strings.EMPTY);
    }
    if (base == BaseOperator.BOOL) {
      return new KeySet(ifExists, false, bools(condition, allow));
    }
    Automaton matched = Strings.EMPTY;
    for (ConditionValue value : condition.values()) {
      Automaton one = values(base, value);
      if (one == null) {
        throw unmodelled(
            condition.operator() + " with value " + value.text() + " (policy variable)",
            condition.location());
      }
      matched = Strings.or(matched, one);
    }
    Automaton single = negated ? Strings.minus(Strings.ANY, matched) : matched;
    return new KeySet(ifExists || negated, negated, single);
  }

  private static @Nullable Automaton values(BaseOperator base, ConditionValue value) {
    return switch (base) {
      case STRING_EQUALS, STRING_NOT_EQUALS -> {
        String text = Strings.plain(value.template());
        yield text == null ? null : Strings.exactly(text);
      }
      case STRING_EQUALS_IGNORE_CASE, STRING_NOT_EQUALS_IGNORE_CASE -> {
        String text = Strings.plain(value.template());
        if (text == null) {
          yield null;
        }
        Automaton folded = Strings.ignoringCase(text);
        if (folded == null) {
          throw new Unmodelled(base.json() + " with a surrogate character in " + text);
        }
        yield folded;
      }
      case STRING_LIKE, STRING_NOT_LIKE -> Strings.like(value.template());
      case ARN_EQUALS, ARN_LIKE, ARN_NOT_EQUALS, ARN_NOT_LIKE -> Strings.arn(value.template());
      default ->
          throw new Unmodelled(
              "the "
                  + base.json()
                  + " operator (not yet modelled; numbers, dates, IP addresses,"
                  + " Booleans and binaries come next)");
    };
  }

  /**
   * {@code Bool}: request values read by {@link IamValues#bool} (true or false in any ASCII case);
   * one that is not a Boolean, or a policy value that is not, makes the test undecided.
   */
  private static Automaton bools(Condition condition, boolean allow) {
    Automaton matched = Strings.EMPTY;
    boolean undecidedPolicyValue = false;
    for (ConditionValue value : condition.values()) {
      String text = Strings.plain(value.template());
      if (text == null) {
        throw unmodelled(
            "Bool with value " + value.text() + " (policy variable)", condition.location());
      }
      Boolean parsed = IamValues.bool(text);
      if (parsed == null) {
        undecidedPolicyValue = true;
      } else {
        matched = Strings.or(matched, parsed ? Strings.TRUE : Strings.FALSE);
      }
    }
    if (allow) {
      return matched;
    }
    Automaton booleans = Strings.or(Strings.TRUE, Strings.FALSE);
    Automaton undecided = Strings.minus(Strings.ANY, booleans);
    if (undecidedPolicyValue) {
      undecided = Strings.or(undecided, Strings.minus(booleans, matched));
    }
    return Strings.or(matched, undecided);
  }

  /** {@code Null}: true tests absence, false presence; constant under a set qualifier. */
  private static KeySet nullTest(Condition condition, SetQualifier qualifier) {
    switch (qualifier) {
      case FOR_ALL_VALUES -> {
        return KeySet.FULL;
      }
      case FOR_ANY_VALUE -> {
        return KeySet.NONE;
      }
      case NONE -> {}
    }
    KeySet out = KeySet.NONE;
    for (ConditionValue value : condition.values()) {
      Boolean absent = IamValues.bool(value.text());
      if (absent == null) {
        throw unmodelled("Null with the non-Boolean value " + value.text(), condition.location());
      }
      out =
          out.union(
              absent
                  ? new KeySet(true, false, Strings.EMPTY)
                  : new KeySet(false, true, Strings.ANY));
    }
    return out;
  }

  private static Unmodelled unmodelled(String what, SourceLocation where) {
    int line = where.position().line();
    return new Unmodelled(line > 0 ? what + " at line " + line : what);
  }
}
