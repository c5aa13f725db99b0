package dev.arbiter.reason;

import dk.brics.automaton.Automaton;

/**
 * The states of one condition key a cube allows: absent, present with several (or no) values, or
 * present with a single value from {@code values}. Under operators without a set qualifier every
 * multivalued state behaves alike (docs/semantics.md §12.1), so one flag stands for all of them.
 *
 * @param absent whether the key may be absent
 * @param multi whether the key may carry a set of values other than exactly one
 * @param values the single values allowed
 */
record KeySet(boolean absent, boolean multi, Automaton values) {

  static final KeySet FULL = new KeySet(true, true, Strings.ANY);
  static final KeySet NONE = new KeySet(false, false, Strings.EMPTY);

  KeySet intersect(KeySet other) {
    return new KeySet(
        absent && other.absent, multi && other.multi, Strings.and(values, other.values));
  }

  KeySet minus(KeySet other) {
    return new KeySet(
        absent && !other.absent, multi && !other.multi, Strings.minus(values, other.values));
  }

  KeySet union(KeySet other) {
    return new KeySet(
        absent || other.absent, multi || other.multi, Strings.or(values, other.values));
  }

  /** Whether every state {@code other} allows, this allows too. */
  boolean covers(KeySet other) {
    return (absent || !other.absent)
        && (multi || !other.multi)
        && Strings.subset(other.values, values);
  }

  boolean isEmpty() {
    return !absent && !multi && values.isEmpty();
  }

  boolean isFull() {
    return absent && multi && values.isTotal();
  }
}
