package dev.arbiter.policy;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Rebuilds a tree with every {@link SourceLocation} set to {@link SourceLocation#UNKNOWN}: the one
 * way to compare policies and statements ignoring where they were written.
 */
final class Unlocated {
  private static final SourceLocation NOWHERE = SourceLocation.UNKNOWN;

  private Unlocated() {}

  static Policy policy(Policy policy) {
    return new Policy(
        policy.version(),
        policy.id(),
        policy.statements().stream().map(Unlocated::statement).toList(),
        NOWHERE);
  }

  static Statement statement(Statement statement) {
    return new Statement(
        statement.sid(),
        statement.effect(),
        statement.principals().map(Unlocated::principals),
        actions(statement.actions()),
        statement.resources().map(Unlocated::resources),
        statement.condition().map(Unlocated::conditionBlock),
        NOWHERE);
  }

  private static Principals principals(Principals principals) {
    Map<PrincipalType, List<Principal>> values = new EnumMap<>(PrincipalType.class);
    principals
        .values()
        .forEach(
            (type, list) ->
                values.put(
                    type,
                    list.stream().map(p -> new Principal(p.type(), p.value(), NOWHERE)).toList()));
    return new Principals(principals.negated(), principals.wildcard(), values, NOWHERE);
  }

  private static Actions actions(Actions actions) {
    return new Actions(
        actions.negated(),
        actions.patterns().stream().map(a -> new ActionPattern(a.text(), NOWHERE)).toList(),
        NOWHERE);
  }

  private static Resources resources(Resources resources) {
    return new Resources(
        resources.negated(),
        resources.patterns().stream()
            .map(r -> new ResourcePattern(r.text(), r.template(), NOWHERE))
            .toList(),
        NOWHERE);
  }

  private static ConditionBlock conditionBlock(ConditionBlock block) {
    return new ConditionBlock(
        block.conditions().stream().map(Unlocated::condition).toList(), NOWHERE);
  }

  private static Condition condition(Condition condition) {
    return new Condition(
        condition.operator(),
        condition.key(),
        condition.values().stream()
            .map(v -> new ConditionValue(v.text(), v.jsonType(), v.template(), NOWHERE))
            .toList(),
        NOWHERE,
        NOWHERE);
  }
}
