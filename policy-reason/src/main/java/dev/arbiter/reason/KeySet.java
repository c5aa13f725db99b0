package dev.arbiter.reason;

import dk.brics.automaton.Automaton;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The states of one condition key a cube allows: absent, present with no values, present with a
 * single value from {@code values}, or present with two or more values (a list, repeats allowed)
 * described by {@code sets}. Without a set qualifier a multivalued key is read three ways and the
 * test holds only where the readings agree (docs/semantics.md §12.1, §12.0), so which lists pass
 * depends on their values: a list passes as "every value in one set and some value in each of
 * others" ({@link Term}), and a union of such terms describes every combination of tests.
 *
 * @param absent whether the key may be absent
 * @param empty whether the key may be present with no values
 * @param values the single values allowed
 * @param sets the lists of two or more values allowed, as a union of terms
 */
record KeySet(boolean absent, boolean empty, Automaton values, List<Term> sets) {

  /** Above this many terms in one key, the check is inconclusive rather than slow. */
  private static final int MAX_TERMS = 256;

  /**
   * The lists of two or more values of which every value is in {@code all} and, for each set of
   * {@code some}, at least one value is in it. Each set of {@code some} lies within {@code all}.
   */
  record Term(Automaton all, List<Automaton> some) {
    Term {
      some = List.copyOf(some);
    }

    static final Term ANY = new Term(Strings.ANY, List.of());

    /** The term, or null if no list satisfies it (repeats allowed, so size is never a limit). */
    static @Nullable Term of(Automaton all, List<Automaton> some) {
      if (all.isEmpty()) {
        return null;
      }
      List<Automaton> within = new ArrayList<>();
      for (Automaton one : some) {
        Automaton part = Strings.and(one, all);
        if (part.isEmpty()) {
          return null;
        }
        if (!part.isTotal()) {
          within.add(part);
        }
      }
      return new Term(all, within);
    }

    @Nullable Term intersect(Term other) {
      List<Automaton> both = new ArrayList<>(some);
      both.addAll(other.some);
      return of(Strings.and(all, other.all), both);
    }

    /** The lists of two or more values this term leaves out, as terms. */
    List<Term> complement() {
      List<Term> out = new ArrayList<>();
      if (!all.isTotal()) {
        out.add(new Term(Strings.ANY, List.of(Strings.minus(Strings.ANY, all))));
      }
      for (Automaton one : some) {
        Term term = of(Strings.minus(Strings.ANY, one), List.of());
        if (term != null) {
          out.add(term);
        }
      }
      return out;
    }

    boolean isFull() {
      return all.isTotal() && some.isEmpty();
    }

    /** A list in the term: one value from each set of {@code some}, at least two. */
    List<String> example() {
      List<String> out = new ArrayList<>();
      for (Automaton one : some) {
        out.add(Strings.exampleNotEmpty(one));
      }
      while (out.size() < 2) {
        out.add(Strings.exampleNotEmpty(all));
      }
      return out;
    }
  }

  KeySet {
    sets = List.copyOf(sets);
  }

  static final KeySet FULL = new KeySet(true, true, Strings.ANY, List.of(Term.ANY));
  static final KeySet NONE = new KeySet(false, false, Strings.EMPTY, List.of());

  KeySet intersect(KeySet other) {
    List<Term> both = new ArrayList<>();
    for (Term mine : sets) {
      for (Term theirs : other.sets) {
        add(both, mine.intersect(theirs));
      }
    }
    return new KeySet(
        absent && other.absent, empty && other.empty, Strings.and(values, other.values), both);
  }

  KeySet minus(KeySet other) {
    List<Term> rest = sets;
    for (Term theirs : other.sets) {
      if (rest.isEmpty()) {
        break;
      }
      List<Term> next = new ArrayList<>();
      for (Term outside : theirs.complement()) {
        for (Term mine : rest) {
          add(next, mine.intersect(outside));
        }
      }
      rest = next;
    }
    return new KeySet(
        absent && !other.absent, empty && !other.empty, Strings.minus(values, other.values), rest);
  }

  KeySet union(KeySet other) {
    List<Term> both = new ArrayList<>(sets);
    both.addAll(other.sets);
    return new KeySet(
        absent || other.absent, empty || other.empty, Strings.or(values, other.values), both);
  }

  private static void add(List<Term> out, @Nullable Term term) {
    Space.step();
    if (term == null) {
      return;
    }
    if (out.size() >= MAX_TERMS) {
      throw new Unmodelled(
          "budget: more than " + MAX_TERMS + " kinds of multivalued condition key values");
    }
    out.add(term);
  }

  /** The states whose values all lie in {@code domain}. */
  KeySet within(Automaton domain) {
    List<Term> restricted = new ArrayList<>();
    for (Term term : sets) {
      add(restricted, Term.of(Strings.and(term.all(), domain), term.some()));
    }
    return new KeySet(absent, empty, Strings.restrict(values, domain), restricted);
  }

  /** Whether every state {@code other} allows, this allows too. */
  boolean covers(KeySet other) {
    if ((other.absent && !absent)
        || (other.empty && !empty)
        || !Strings.subset(other.values, values)) {
      return false;
    }
    if (other.sets.isEmpty() || sets.stream().anyMatch(Term::isFull)) {
      return true;
    }
    return other.minus(this).sets.isEmpty();
  }

  boolean isEmpty() {
    return !absent && !empty && values.isEmpty() && sets.isEmpty();
  }

  boolean isFull() {
    return absent && empty && values.isTotal() && sets.stream().anyMatch(Term::isFull);
  }

  /** A multivalued state of the key, or null if it has none: a list of two values, else none. */
  @Nullable List<String> multiExample() {
    if (!sets.isEmpty()) {
      return sets.get(0).example();
    }
    return empty ? List.of() : null;
  }
}
