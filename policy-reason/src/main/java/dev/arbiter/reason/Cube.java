package dev.arbiter.reason;

import dk.brics.automaton.Automaton;
import java.util.Map;
import java.util.TreeMap;

/**
 * A product of sets, one per request dimension: the requests whose principal, lower-cased action
 * and resource lie in the three automata and whose condition keys are in the given states. Keys not
 * in the map are unconstrained. Keys are lower-case ({@link java.util.Locale#ROOT}), as the
 * evaluator compares them.
 *
 * @param statement the statement it came from (its index), or -1 for a query
 */
record Cube(
    Automaton principal,
    Automaton action,
    Automaton resource,
    Map<String, KeySet> keys,
    int statement) {

  Cube {
    keys = Map.copyOf(keys);
  }

  boolean isEmpty() {
    if (principal.isEmpty() || action.isEmpty() || resource.isEmpty()) {
      return true;
    }
    for (KeySet set : keys.values()) {
      if (set.isEmpty()) {
        return true;
      }
    }
    return false;
  }

  /**
   * This cube within the requests that can exist: principals the evaluator accepts (IAM principals
   * only, for identity-based policies), actions of the form {@code service:name}, non-empty
   * resources, and for keys with value classes ({@link Domains}) the classes' representatives. The
   * algebra works over all strings, where "everything" is cheap; a residual cube is restricted at
   * the end, which is exact since both are products. The result serves to decide emptiness and to
   * draw a request: its automata are not minimized.
   */
  Cube within(boolean identity, Domains domains) {
    Map<String, KeySet> restricted = keys;
    if (!domains.isEmpty()) {
      restricted = new TreeMap<>(keys);
      for (Map.Entry<String, KeySet> entry : keys.entrySet()) {
        Domains.Domain domain = domains.get(entry.getKey());
        if (domain != null) {
          restricted.put(entry.getKey(), entry.getValue().within(domain.values()));
        }
      }
    }
    return new Cube(
        Strings.restrict(principal, identity ? Callers.IAM : Callers.ALL),
        Strings.restrict(action, Strings.ACTIONS),
        Strings.restrict(resource, Strings.RESOURCES),
        restricted,
        statement);
  }

  /**
   * This cube within the requests AWS can send as far as their keys go: a key AWS documents as
   * single-valued is absent or has one value, never a list ({@link SingleValuedKeys},
   * docs/reasoning.md "Assumed invariants"). Exact, a restriction per dimension like {@link
   * #within}; the checks apply both to every residue before they call it empty or draw a request
   * from it.
   */
  Cube sendable() {
    return sendable(key -> true);
  }

  /**
   * {@link #sendable()} on the keys {@code chosen} accepts (by normalized name; the pseudo-key
   * {@link Variables#oneValueList} of a key counts as that key), the others left as they are: the
   * conditions on a request's missing keys restrict only those, the values the request gives stay
   * as given.
   */
  Cube sendable(java.util.function.Predicate<String> chosen) {
    Map<String, KeySet> restricted = null;
    for (Map.Entry<String, KeySet> entry : keys.entrySet()) {
      String key = entry.getKey();
      String real =
          key.startsWith(Variables.ONE_VALUE_LIST)
              ? key.substring(Variables.ONE_VALUE_LIST.length())
              : key;
      if (SingleValuedKeys.constrains(key) && chosen.test(real)) {
        if (restricted == null) {
          restricted = new TreeMap<>(keys);
        }
        restricted.put(entry.getKey(), SingleValuedKeys.sendable(entry.getKey(), entry.getValue()));
      }
    }
    return restricted == null ? this : new Cube(principal, action, resource, restricted, statement);
  }

  KeySet key(String name) {
    return keys.getOrDefault(name, KeySet.FULL);
  }

  /**
   * Whether no request is in both cubes, deciding one dimension at a time (actions first, which
   * most often tell statements apart) and stopping at the first empty one.
   */
  boolean disjoint(Cube other) {
    if (!Strings.meets(action, other.action)
        || !Strings.meets(resource, other.resource)
        || !Strings.meets(principal, other.principal)) {
      return true;
    }
    for (Map.Entry<String, KeySet> entry : other.keys.entrySet()) {
      KeySet mine = keys.get(entry.getKey());
      if (mine != null && mine.intersect(entry.getValue()).isEmpty()) {
        return true;
      }
    }
    return false;
  }

  /** Whether every request of {@code other} is in this cube. */
  boolean covers(Cube other) {
    if (!Strings.subset(other.action, action)
        || !Strings.subset(other.resource, resource)
        || !Strings.subset(other.principal, principal)) {
      return false;
    }
    for (Map.Entry<String, KeySet> entry : keys.entrySet()) {
      if (!entry.getValue().covers(other.key(entry.getKey()))) {
        return false;
      }
    }
    return true;
  }

  Cube intersect(Cube other) {
    Map<String, KeySet> merged = new TreeMap<>(keys);
    other.keys.forEach((k, v) -> merged.merge(k, v, KeySet::intersect));
    return new Cube(
        Strings.and(principal, other.principal),
        Strings.and(action, other.action),
        Strings.and(resource, other.resource),
        merged,
        statement);
  }

  Cube withPrincipal(Automaton value) {
    return new Cube(value, action, resource, keys, statement);
  }

  Cube withAction(Automaton value) {
    return new Cube(principal, value, resource, keys, statement);
  }

  Cube withResource(Automaton value) {
    return new Cube(principal, action, value, keys, statement);
  }

  Cube withKey(String name, KeySet value) {
    Map<String, KeySet> changed = new TreeMap<>(keys);
    changed.put(name, value);
    return new Cube(principal, action, resource, changed, statement);
  }
}
