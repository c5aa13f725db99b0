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
    return encode(policy, type, domains, Variables.NONE);
  }

  /**
   * A policy's Allow and Deny statements as cubes, with its policy variables split into the cases
   * of {@code variables} (docs/reasoning.md, "Policy variables").
   */
  static Encoded encode(Policy policy, PolicyType type, Domains domains, Variables variables) {
    List<Cube> allows = new ArrayList<>();
    List<Cube> denies = new ArrayList<>();
    List<Statement> statements = policy.statements();
    // docs/semantics.md §12.8: without a Version, ${...} is read both as plain text and as a
    // policy variable.
    List<Statement> substituted =
        VersionReadings.substituted(policy).map(Policy::statements).orElse(statements);
    List<Cube> region = variables.region();
    for (int i = 0; i < statements.size(); i++) {
      Statement statement = statements.get(i);
      boolean allow = statement.effect() == Effect.ALLOW;
      List<Cube> cubes = cases(statement, i, allow, domains, variables);
      Statement other = substituted.get(i);
      if (!other.equals(statement)) {
        cubes = bothReadings(cubes, cases(other, i, allow, domains, variables), allow);
      }
      for (Cube cube : cubes) {
        List<Cube> within = region.isEmpty() ? List.of(cube) : intersect(cube, region);
        for (Cube one : within) {
          if (!one.isEmpty()) {
            (allow ? allows : denies).add(one);
          }
        }
      }
    }
    return new Encoded(policy, allows, denies);
  }

  private static List<Cube> intersect(Cube cube, List<Cube> region) {
    List<Cube> out = new ArrayList<>();
    for (Cube part : region) {
      out.add(cube.intersect(part));
    }
    return out;
  }

  /**
   * A statement's cubes over the cases of its variables' keys: per case, the statement with its
   * variables read as the case says, within the key states of the case. A statement without
   * variables is one set of cubes for every case.
   */
  private static List<Cube> cases(
      Statement statement, int index, boolean allow, Domains domains, Variables variables) {
    java.util.Set<String> keys = new java.util.TreeSet<>();
    for (Template template : Variables.templates(statement)) {
      template.variables().forEach(v -> keys.add(Variables.key(v)));
    }
    if (keys.isEmpty() || variables.isEmpty()) {
      return statement(statement, index, allow, domains, Reading.NONE);
    }
    for (String key : keys) {
      if (domains.get(key) != null) {
        // Its values are classes of numbers, dates, addresses or bytes (Domains), not the
        // strings the cases of a variable name.
        throw new Unmodelled(
            "the policy variable ${"
                + key
                + "} on a key also tested by a Numeric, Date, IP"
                + " address or Binary operator");
      }
    }
    // The statement's cubes per reading, so that a complete case is encoded once.
    Map<Reading, List<Cube>> encoded = new java.util.HashMap<>();
    java.util.function.Function<Reading, List<Cube>> encode =
        r -> encoded.computeIfAbsent(r, x -> statement(statement, index, allow, domains, x));
    List<Cube> out = new ArrayList<>();
    for (Variables.Case one :
        variables.cases(keys, partial -> mayApply(partial, keys, index, encode))) {
      // An inexact case is widened and tied to the statement's variable-reading part (Variables).
      Reading reading = new Reading(one.values());
      List<Cube> cubes = encode.apply(reading);
      for (Map<String, KeySet> constraint : one.constraints()) {
        Map<String, KeySet> keyStates = new TreeMap<>(constraint);
        if (one.approximate()) {
          keyStates.put(
              Variables.tie(statement), new KeySet(false, false, Strings.exactly("1"), List.of()));
        }
        Cube within = new Cube(Strings.ANY, Strings.ANY, Strings.ANY, keyStates, index);
        for (Cube cube : cubes) {
          out.add(cube.intersect(within));
        }
      }
    }
    return out;
  }

  /**
   * Whether the statement may apply to some request of a partial case (Variables#cases): its cubes
   * with the keys not yet given read as "any other value", within the case's key states. That
   * reading is widened (Encoder#resolve): it applies to every request the statement applies to with
   * any value of those keys (a literal, no value, another value), so where it applies to none
   * within the case, no completion of the case does.
   */
  private static boolean mayApply(
      Variables.Case partial,
      java.util.Set<String> keys,
      int index,
      java.util.function.Function<Reading, List<Cube>> encode) {
    Map<String, Variables.Value> values = new TreeMap<>(partial.values());
    for (String key : keys) {
      values.putIfAbsent(key, new Variables.Other());
    }
    List<Cube> cubes = encode.apply(new Reading(values));
    for (Map<String, KeySet> constraint : partial.constraints()) {
      Cube within = new Cube(Strings.ANY, Strings.ANY, Strings.ANY, constraint, index);
      for (Cube cube : cubes) {
        if (!cube.intersect(within).isEmpty()) {
          return true;
        }
      }
    }
    return false;
  }

  /** How the variables of one statement read in one case: each key's value. */
  private record Reading(Map<String, Variables.Value> values) {
    static final Reading NONE = new Reading(Map.of());
  }

  /** What a template's variables make of it in one case. */
  private enum Resolved {
    /** Every variable has a value: the template is a constant. */
    EXACT,
    /** Some variable has no value and no default (docs/semantics.md §7.5). */
    UNRESOLVED,
    /** Some variable takes "any other value": read as every value. */
    WIDE,
    /** Some variable takes "any other value": read as matching nothing. */
    NARROW
  }

  /**
   * How the template reads in the case; {@code positive} says whether a larger set of matches
   * widens the statement (a Resource entry, a positive operator's value) or narrows it
   * (NotResource, a negated operator).
   */
  private static Resolved resolve(Template template, Reading reading, boolean positive) {
    if (!template.hasVariables()) {
      return Resolved.EXACT;
    }
    boolean other = false;
    for (Template.Variable variable : template.variables()) {
      Variables.Value value = reading.values().get(Variables.key(variable));
      if (value == null) {
        throw new Unmodelled("a policy variable in " + template);
      }
      if (value instanceof Variables.NoValue && variable.defaultValue().isEmpty()) {
        return Resolved.UNRESOLVED;
      }
      other |= value instanceof Variables.Other;
    }
    if (!other) {
      return Resolved.EXACT;
    }
    // Widened: the statement applies to more requests.
    return positive ? Resolved.WIDE : Resolved.NARROW;
  }

  /** The text a variable takes in the case (its value, or its default); null if it has none. */
  private static @Nullable String text(Template.Variable variable, Reading reading) {
    Variables.Value value = reading.values().get(Variables.key(variable));
    if (value instanceof Variables.Literal literal) {
      return literal.text();
    }
    return value instanceof Variables.NoValue ? variable.defaultValue().orElse(null) : null;
  }

  /** The one string a variable takes in an exact case. */
  private static Automaton exactText(Template.Variable variable, Reading reading) {
    String text = text(variable, reading);
    if (text == null) {
      throw new IllegalStateException("no value for " + variable);
    }
    return Strings.exactly(text);
  }

  /**
   * A variable widened: every string for one taking "any other value", its text for the others (a
   * template may hold several keys' variables).
   */
  private static Automaton wide(Template.Variable variable, Reading reading) {
    Variables.Value value = reading.values().get(Variables.key(variable));
    return value instanceof Variables.Other ? Strings.ANY : exactText(variable, reading);
  }

  /** A template with its variables replaced by their text in an exact case. */
  private static Template substitute(Template template, Reading reading) {
    List<Template.Part> parts = new ArrayList<>();
    for (Template.Part part : template.parts()) {
      if (part instanceof Template.Variable variable) {
        String text = text(variable, reading);
        if (text == null) {
          throw new IllegalStateException("no value for " + variable);
        }
        parts.add(new Template.Literal(text));
      } else {
        parts.add(part);
      }
    }
    return new Template(parts);
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
      Statement statement, int index, boolean allow, Domains domains, Reading reading) {
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
    Automaton action =
        statement.actions().negated() ? Strings.notActions(patterns) : Strings.actions(patterns);
    if (statement.actions().negated() && patterns.isEmpty() && allow) {
      // §1.6.1, §12.0: an empty NotAction grants nothing in an Allow, covers everything in a Deny.
      action = Strings.EMPTY;
    }
    Map<String, KeySet> keys = new TreeMap<>();
    for (Condition condition : statement.conditions()) {
      keys.merge(
          condition.key().normalized(),
          keySet(condition, allow, domains, reading),
          KeySet::intersect);
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
    Automaton listed = Strings.EMPTY;
    Automaton serviceWide = Strings.EMPTY;
    List<Template> fixed = new ArrayList<>();
    for (ResourcePattern pattern : element.patterns()) {
      Template template = pattern.template();
      @Nullable Automaton one;
      switch (resolve(template, reading, !negated)) {
        case EXACT -> {
          if (!template.hasVariables()) {
            fixed.add(template);
            one = null;
          } else {
            one = Strings.resource(template, v -> exactText(v, reading));
          }
        }
        case WIDE -> one = Strings.resource(template, v -> wide(v, reading));
        case UNRESOLVED -> {
          // §7.5, §12.7, §12.0: the entry matches no resource; in an Allow's NotResource the
          // statement grants nothing, since what the entry excludes is unknown.
          if (negated && allow) {
            return List.of(new Cube(principal, action, Strings.EMPTY, keys, index));
          }
          continue;
        }
        case NARROW -> {
          continue;
        }
        default -> throw new IllegalStateException();
      }
      if (one != null) {
        listed = Strings.or(listed, one);
      }
      Optional<Arn> arn = pattern.arn();
      if (arn.isPresent() && arn.get().resource().equals("*")) {
        serviceWide = Strings.or(serviceWide, Strings.serviceActions(arn.get().service()));
      }
    }
    Automaton constant = Strings.resources(fixed);
    if (constant == null) {
      throw new IllegalStateException("a policy variable in " + fixed);
    }
    listed = Strings.or(constant, listed);
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
    return keySet(condition, allow, domains, Reading.NONE);
  }

  private static KeySet keySet(
      Condition condition, boolean allow, Domains domains, Reading reading) {
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
    Automaton[] compared = compare(condition, domains, reading);
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
  private static Automaton[] compare(Condition condition, Domains domains, Reading reading) {
    BaseOperator base = condition.operator().base();
    if (TYPED.contains(base.family())) {
      return typed(condition, domains);
    }
    if (Variables.stringOrArn(base)
        && condition.values().stream().anyMatch(v -> v.template().hasVariables())
        && !reading.values().isEmpty()) {
      return new Automaton[] {substituted(condition, reading), Strings.EMPTY};
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

  /**
   * String and ARN operators whose values hold policy variables, in one case: where one value, its
   * variables substituted (docs/semantics.md §7.4: as literal text), matches. A value whose
   * variable has no value matches nothing (§7.5); one taking "any other value" matches everything
   * when widened and nothing when narrowed (a negated operator turns one into the other).
   */
  private static Automaton substituted(Condition condition, Reading reading) {
    BaseOperator base = condition.operator().base();
    Automaton matched = Strings.EMPTY;
    for (ConditionValue value : condition.values()) {
      Template template = value.template();
      Automaton one =
          switch (resolve(template, reading, !base.negated())) {
            case EXACT ->
                values(
                    base,
                    new ConditionValue(
                        value.text(),
                        value.jsonType(),
                        substitute(template, reading),
                        value.location()));
            case WIDE -> wideValue(base, template, reading);
            case UNRESOLVED, NARROW -> Strings.EMPTY;
          };
      if (one == null) {
        throw new IllegalStateException("a policy variable left in " + value.text());
      }
      matched = Strings.or(matched, one);
    }
    return matched;
  }

  /**
   * A String operator's value with "any other value" for a variable read as every string there: the
   * values it matches for some value of the variable, and more. An ARN operator's value is read as
   * every value, since a substituted colon moves its segments (docs/semantics.md §6.4.1).
   */
  private static Automaton wideValue(BaseOperator base, Template template, Reading reading) {
    if (base.family() != BaseOperator.Family.STRING) {
      return Strings.ANY;
    }
    boolean like = base == BaseOperator.STRING_LIKE || base == BaseOperator.STRING_NOT_LIKE;
    boolean folded =
        base == BaseOperator.STRING_EQUALS_IGNORE_CASE
            || base == BaseOperator.STRING_NOT_EQUALS_IGNORE_CASE;
    List<Automaton> parts = new ArrayList<>();
    for (Template.Part part : template.parts()) {
      if (part instanceof Template.Wildcard wildcard) {
        if (like) {
          parts.add(wildcard.symbol() == '*' ? Strings.ANY : Strings.ANY_CHAR);
        } else {
          parts.add(Strings.exactly(String.valueOf(wildcard.symbol())));
        }
        continue;
      }
      String text;
      if (part instanceof Template.Literal literal) {
        text = literal.text();
      } else {
        Template.Variable variable = (Template.Variable) part;
        if (reading.values().get(Variables.key(variable)) instanceof Variables.Other) {
          parts.add(Strings.ANY);
          continue;
        }
        text = text(variable, reading);
        if (text == null) {
          throw new IllegalStateException("no value for " + variable);
        }
      }
      Automaton one = folded ? Strings.ignoringCase(text) : Strings.exactly(text);
      if (one == null) {
        throw new Unmodelled(base.json() + " with a surrogate character in " + text);
      }
      parts.add(one);
    }
    return Strings.minimal(dk.brics.automaton.BasicOperations.concatenate(parts));
  }

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
