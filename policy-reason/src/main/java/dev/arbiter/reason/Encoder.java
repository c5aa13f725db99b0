package dev.arbiter.reason;

import dev.arbiter.policy.ActionPattern;
import dev.arbiter.policy.Arn;
import dev.arbiter.policy.BaseOperator;
import dev.arbiter.policy.Condition;
import dev.arbiter.policy.ConditionValue;
import dev.arbiter.policy.Effect;
import dev.arbiter.policy.Policy;
import dev.arbiter.policy.PolicyType;
import dev.arbiter.policy.Principals;
import dev.arbiter.policy.ResourcePattern;
import dev.arbiter.policy.Resources;
import dev.arbiter.policy.SetQualifier;
import dev.arbiter.policy.SourceLocation;
import dev.arbiter.policy.Statement;
import dev.arbiter.policy.Template;
import dev.arbiter.policy.internal.VersionReadings;
import dev.arbiter.policy.value.IamValues;
import dk.brics.automaton.Automaton;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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

  static Encoded encode(Policy policy, PolicyType type, Domains domains) {
    List<Cube> allows = new ArrayList<>();
    List<Cube> denies = new ArrayList<>();
    List<Statement> statements = policy.statements();
    // docs/semantics.md §12.8: without a Version, ${...} is read both as plain text and as a
    // policy variable (the second reading is Unmodelled until variables are encoded).
    List<Statement> substituted =
        VersionReadings.substituted(policy).map(Policy::statements).orElse(statements);
    for (int i = 0; i < statements.size(); i++) {
      Statement statement = statements.get(i);
      boolean allow = statement.effect() == Effect.ALLOW;
      List<Cube> cubes = statement(statement, i, allow, domains);
      Statement other = substituted.get(i);
      if (!other.equals(statement)) {
        cubes = bothReadings(cubes, statement(other, i, allow, domains), allow);
      }
      for (Cube cube : cubes) {
        if (!cube.isEmpty()) {
          (allow ? allows : denies).add(cube);
        }
      }
    }
    return new Encoded(policy, allows, denies);
  }

  /**
   * §12.8, §12.0, as the evaluator combines them: an Allow applies where both readings apply (the
   * pairwise intersections of their cubes), a Deny where either does (both lists of cubes).
   */
  private static List<Cube> bothReadings(List<Cube> plain, List<Cube> substituted, boolean allow) {
    List<Cube> out = new ArrayList<>();
    if (!allow) {
      out.addAll(plain);
      out.addAll(substituted);
      return out;
    }
    for (Cube a : plain) {
      for (Cube b : substituted) {
        out.add(a.intersect(b));
      }
    }
    return out;
  }

  /**
   * One statement as cubes: one, or two where §12.16's reading of a pattern naming every resource
   * of a service ties the resource {@code *} to the action's service.
   */
  private static List<Cube> statement(
      Statement statement, int index, boolean allow, Domains domains) {
    // Every dimension ranges over all strings here; Cube.within restricts a result to the
    // requests that can exist.
    Automaton principal = Strings.ANY;
    if (statement.principals().isPresent()) {
      Principals element = statement.principals().get();
      if (!element.negated()) {
        // docs/semantics.md §9.8, §12.0: an Allow of a resource or trust policy reaches an AWS
        // service only when it names it; "*" does not.
        principal = allow ? Callers.granted(element) : Callers.named(element);
      } else if (allow) {
        // An Allow's NotPrincipal leaves out every caller listed at any level, every service
        // (§9.8), and everybody when the list is empty (§1.6.1).
        principal =
            element.all().isEmpty()
                ? Strings.EMPTY
                : Strings.minus(
                    Strings.minus(Strings.ANY, Callers.named(element)), Callers.SERVICES);
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
    if (statement.actions().negated() && patterns.isEmpty() && allow) {
      // §1.6.1, §12.0: an empty NotAction grants nothing in an Allow, covers everything in a Deny.
      action = Strings.EMPTY;
    }
    Map<String, KeySet> keys = new TreeMap<>();
    for (Condition condition : statement.conditions()) {
      keys.merge(
          condition.key().normalized(), keySet(condition, allow, domains), KeySet::intersect);
    }
    if (statement.resources().isEmpty()) {
      return List.of(new Cube(principal, action, Strings.ANY, keys, index));
    }
    Resources element = statement.resources().get();
    boolean negated = element.negated();
    if (negated && element.patterns().isEmpty()) {
      // §1.6.1, §12.0: an empty NotResource grants nothing in an Allow, covers all in a Deny.
      return List.of(new Cube(principal, action, allow ? Strings.EMPTY : Strings.ANY, keys, index));
    }
    List<Template> templates = new ArrayList<>();
    for (ResourcePattern pattern : element.patterns()) {
      if (pattern.template().hasVariables()) {
        throw unmodelled("a policy variable in " + pattern.text(), pattern.location());
      }
      templates.add(pattern.template());
    }
    Automaton listed = Strings.resources(templates);
    if (listed == null) {
      throw new IllegalStateException("a policy variable in " + templates);
    }
    Automaton serviceWide = Strings.EMPTY;
    for (ResourcePattern pattern : element.patterns()) {
      Optional<Arn> arn = pattern.arn();
      if (arn.isPresent() && arn.get().resource().equals("*")) {
        serviceWide = Strings.or(serviceWide, Strings.serviceActions(arn.get().service()));
      }
    }
    Automaton resource = negated ? Strings.minus(Strings.ANY, listed) : listed;
    // §12.16, §12.0: a Deny's Resource and an Allow's NotResource also read a pattern
    // arn:P:SERVICE:R:A:* as covering the resource "*" of that service's actions.
    if (allow != negated || serviceWide.isEmpty()) {
      return List.of(new Cube(principal, action, resource, keys, index));
    }
    Automaton star = Strings.exactly("*");
    if (!negated) {
      return List.of(
          new Cube(principal, action, resource, keys, index),
          new Cube(principal, Strings.and(action, serviceWide), star, keys, index));
    }
    List<Cube> out = new ArrayList<>();
    out.add(new Cube(principal, action, Strings.minus(resource, star), keys, index));
    if (Strings.meets(resource, star)) {
      out.add(new Cube(principal, Strings.minus(action, serviceWide), star, keys, index));
    }
    return out;
  }

  /**
   * The states of the key in which one condition test lets the statement apply (ConditionMatcher's
   * rules). A test that cannot be decided (a request value the operator cannot read) stops an Allow
   * and lets a Deny apply (docs/semantics.md §6.4.6), so the set depends on the effect.
   */
  static KeySet keySet(Condition condition, boolean allow, Domains domains) {
    BaseOperator base = condition.operator().base();
    SetQualifier qualifier = condition.operator().qualifier();
    boolean ifExists = condition.operator().ifExists();
    if (base == BaseOperator.NULL) {
      return nullTest(condition, qualifier, allow);
    }
    boolean negated = base.negated();
    if (condition.values().isEmpty()) {
      // An empty value list is false for a present key, except ForAllValues over an empty set
      // (docs/semantics.md §6.7.4); an absent key follows §6.3 and §6.7.
      boolean forAll = qualifier == SetQualifier.FOR_ALL_VALUES;
      return new KeySet(
          ifExists || forAll || (qualifier == SetQualifier.NONE && negated),
          forAll,
          Strings.EMPTY,
          List.of());
    }
    // Per single request value: where one policy value matches, and where the comparison is
    // undecided; then where the test holds (for an Allow) or does not fail (for a Deny).
    Automaton[] compared = compare(condition, domains);
    Automaton yes = compared[0];
    Automaton unknown = compared[1];
    Automaton single;
    if (allow) {
      single = negated ? Strings.minus(Strings.ANY, Strings.or(yes, unknown)) : yes;
    } else {
      single = negated ? Strings.minus(Strings.ANY, yes) : Strings.or(yes, unknown);
    }
    Automaton blank = Strings.exactly("");
    switch (qualifier) {
      case FOR_ALL_VALUES -> {
        // §6.7.1: every value passes; true for an absent key and an empty set. §12.5: values that
        // are all empty strings are read also as an empty set, where the test holds: an Allow
        // needs the values to pass, a Deny applies either way.
        if (allow) {
          return new KeySet(true, true, single, terms(KeySet.Term.of(single, List.of())));
        }
        List<KeySet.Term> sets = new ArrayList<>(terms(KeySet.Term.of(single, List.of())));
        sets.addAll(terms(KeySet.Term.of(blank, List.of())));
        return new KeySet(true, true, Strings.or(single, blank), sets);
      }
      case FOR_ANY_VALUE -> {
        // §6.7.2: some value passes; false for an absent key and an empty set. §12.5: values
        // that are all empty strings are read also as an empty set, where the test fails: an
        // Allow needs a passing value and a value that is not empty, a Deny a value that does
        // not fail.
        if (allow) {
          Automaton filled = Strings.minus(Strings.ANY, blank);
          return new KeySet(
              ifExists,
              false,
              Strings.minus(single, blank),
              terms(KeySet.Term.of(Strings.ANY, List.of(single, filled))));
        }
        return new KeySet(
            ifExists, false, single, terms(KeySet.Term.of(Strings.ANY, List.of(single))));
      }
      case NONE -> {}
    }
    // §12.1, §12.0: no values or several, read as "matches no policy value", as ForAnyValue and
    // as ForAllValues; the test holds where all three do and is undecided where they differ (an
    // Allow does not apply, a Deny does). A positive test: never true; false only for a
    // non-empty list of values that each fail. A negated one: true only for a non-empty list of
    // values that each pass; otherwise undecided. {@code single} is where one value passes (for a
    // Deny, where it does not fail).
    if (negated) {
      return allow
          ? new KeySet(true, false, single, terms(KeySet.Term.of(single, List.of())))
          : new KeySet(true, true, single, List.of(KeySet.Term.ANY));
    }
    return allow
        ? new KeySet(ifExists, false, single, List.of())
        : new KeySet(ifExists, true, single, terms(KeySet.Term.of(Strings.ANY, List.of(single))));
  }

  /**
   * The single request values that one policy value of the test matches (the positive comparison),
   * and those for which the comparison is undecided (a value the operator cannot read).
   */
  private static Automaton[] compare(Condition condition, Domains domains) {
    BaseOperator base = condition.operator().base();
    if (TYPED.contains(base.family())) {
      return typed(condition, domains);
    }
    // Cached by operator and values, so that a test repeated across statements or policies is
    // one automaton and comparing the two is an identity check.
    List<Object> key = new ArrayList<>();
    key.add(base);
    condition.values().forEach(v -> key.add(v.template()));
    Automaton[] cached = COMPARED.get(key);
    if (cached != null) {
      return cached;
    }
    Automaton[] out =
        base.family() == BaseOperator.Family.BOOL ? bools(condition) : strings(condition);
    if (COMPARED.size() < 4096) {
      COMPARED.put(key, out);
    }
    return out;
  }

  private static final java.util.Set<BaseOperator.Family> TYPED =
      java.util.EnumSet.of(
          BaseOperator.Family.NUMERIC,
          BaseOperator.Family.DATE,
          BaseOperator.Family.IP_ADDRESS,
          BaseOperator.Family.BINARY);

  private static final Map<List<Object>, Automaton[]> COMPARED =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** String and ARN operators: where one policy value matches; never undecided. */
  private static Automaton[] strings(Condition condition) {
    BaseOperator base = condition.operator().base();
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
    return new Automaton[] {matched, Strings.EMPTY};
  }

  /**
   * Numeric, Date, IP address and Binary tests, over the classes of the key's values ({@link
   * Domains}): each class's representative is compared as the evaluator compares it.
   */
  private static Automaton[] typed(Condition condition, Domains domains) {
    Domains.Domain domain = domains.get(condition.key().normalized());
    if (domain == null) {
      throw new IllegalStateException("no value classes for " + condition.key());
    }
    List<CharSequence> yes = new ArrayList<>();
    List<CharSequence> unknown = new ArrayList<>();
    for (String value : domain.representatives()) {
      Boolean match = Domains.anyMatch(condition.operator().base(), condition.values(), value);
      if (match == null) {
        unknown.add(value);
      } else if (match) {
        yes.add(value);
      }
    }
    return new Automaton[] {Strings.oneOf(yes), Strings.oneOf(unknown)};
  }

  private static List<KeySet.Term> terms(KeySet.@Nullable Term term) {
    return term == null ? List.of() : List.of(term);
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
      default -> throw new IllegalArgumentException(base.json());
    };
  }

  /**
   * {@code Bool}: request values read by {@link IamValues#bool} (true or false in any ASCII case);
   * one that is not a Boolean, or a policy value that is not, makes the comparison undecided.
   */
  private static Automaton[] bools(Condition condition) {
    Automaton matched = Strings.EMPTY;
    boolean undecidedPolicyValue = false;
    for (ConditionValue value : condition.values()) {
      String text = Strings.plain(value.template());
      // §12.6: a value with a policy variable is undecided.
      Boolean parsed = text == null ? null : IamValues.bool(text);
      if (parsed == null) {
        undecidedPolicyValue = true;
      } else {
        matched = Strings.or(matched, parsed ? Strings.TRUE : Strings.FALSE);
      }
    }
    Automaton undecided = Strings.NOT_BOOLEANS;
    if (undecidedPolicyValue) {
      undecided = Strings.or(undecided, Strings.minus(Strings.BOOLEANS, matched));
    }
    return new Automaton[] {matched, undecided};
  }

  /**
   * {@code Null}: true tests absence, false presence; constant under a set qualifier. A key whose
   * values are all empty strings is read both as present and as absent (docs/semantics.md §12.5):
   * an Allow needs both readings to hold, a Deny either.
   */
  private static KeySet nullTest(Condition condition, SetQualifier qualifier, boolean allow) {
    switch (qualifier) {
      case FOR_ALL_VALUES -> {
        return KeySet.FULL;
      }
      case FOR_ANY_VALUE -> {
        return KeySet.NONE;
      }
      case NONE -> {}
    }
    boolean whenAbsent = false;
    boolean whenPresent = false;
    for (ConditionValue value : condition.values()) {
      Boolean absent = IamValues.bool(value.text());
      if (absent == null) {
        throw unmodelled("Null with the non-Boolean value " + value.text(), condition.location());
      }
      whenAbsent |= absent;
      whenPresent |= !absent;
    }
    Automaton blank = Strings.exactly("");
    Automaton single;
    List<KeySet.Term> sets;
    if (whenPresent && whenAbsent) {
      single = Strings.ANY;
      sets = List.of(KeySet.Term.ANY);
    } else if (allow) {
      single = whenPresent ? Strings.minus(Strings.ANY, blank) : Strings.EMPTY;
      sets =
          whenPresent
              ? terms(KeySet.Term.of(Strings.ANY, List.of(Strings.minus(Strings.ANY, blank))))
              : List.of();
    } else {
      single = whenPresent ? Strings.ANY : whenAbsent ? blank : Strings.EMPTY;
      sets =
          whenPresent
              ? List.of(KeySet.Term.ANY)
              : whenAbsent ? terms(KeySet.Term.of(blank, List.of())) : List.of();
    }
    // An empty list is not "all empty strings": it is present.
    return new KeySet(whenAbsent, whenPresent, single, sets);
  }

  private static Unmodelled unmodelled(String what, SourceLocation where) {
    int line = where.position().line();
    return new Unmodelled(line > 0 ? what + " at line " + line : what);
  }
}
